import type { Table } from 'apache-arrow';
import { numbers, strings } from '$lib/charts/columns';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/overview/filters';
import {
	backlogByWeek,
	clinicChoices,
	overviewTotals,
	ticketDateSpan,
	ticketRateHeatmap,
	ticketsByWeek,
	timeToResolveByWeek
} from '$lib/sql/overview';

export interface ClinicChoice {
	readonly id: string;
	readonly name: string;
	readonly site: string;
	readonly goLive: string;
}

export interface Totals {
	readonly tickets: number;
	readonly open: number;
	readonly medianHours: number | null;
	readonly p90Hours: number | null;
	readonly clinics: number;
}

export interface OverviewCharts {
	readonly ticketsByWeek: ChartModel;
	readonly backlog: ChartModel;
	readonly timeToResolve: ChartModel;
	readonly heatmap: ChartModel;
}

const DAY_MS = 86_400_000;

/** The Monday of a date's ISO week, as days since 1970-01-01 (the calendar bucket key). */
function mondayKey(isoDate: string): number {
	const day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
	const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
	return day - weekday;
}

function totalsFrom(table: Table): Totals {
	const at = (name: string) => numbers(table, name)[0] ?? null;
	return {
		tickets: at('tickets') ?? 0,
		open: at('open_tickets') ?? 0,
		medianHours: at('median_hours'),
		p90Hours: at('p90_hours'),
		clinics: at('clinics') ?? 0
	};
}

/** State of the stabilization overview: filters in, totals and chart models out. */
export class OverviewState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	totals = $state.raw<Totals | null>(null);
	charts = $state.raw<OverviewCharts | null>(null);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#engine: Engine | undefined;
	#generation = 0;

	async start(engine: Engine): Promise<void> {
		this.#engine = engine;
		const clinics = await engine.query(clinicChoices());
		const ids = strings(clinics, 'clinic_id');
		const names = strings(clinics, 'clinic_name');
		const sites = strings(clinics, 'site');
		const goLives = strings(clinics, 'go_live_date');
		this.choices = ids.map((id, i) => ({
			id: id ?? '',
			name: names[i] ?? id ?? '',
			site: sites[i] ?? '(no site)',
			goLive: goLives[i] ?? ''
		}));
		const span = await engine.query(ticketDateSpan());
		const [first] = strings(span, 'first_day');
		const [last] = strings(span, 'last_day');
		this.span = first && last ? { first, last } : null;
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	/** Go-live weeks of the clinics in scope, for the markers on calendar charts. */
	goLiveKeys(f: OverviewFilters): number[] {
		return this.choices
			.filter((c) => (f.sites.length === 0 || f.sites.includes(c.site)) && (f.clinics.length === 0 || f.clinics.includes(c.id)))
			.filter((c) => c.goLive !== '')
			.map((c) => mondayKey(c.goLive));
	}

	async refresh(): Promise<void> {
		const engine = this.#engine;
		if (!engine) return;
		const generation = ++this.#generation;
		const f = this.filters;
		this.busy = true;
		try {
			const totals = await engine.query(overviewTotals(f));
			const weekly = await engine.query(ticketsByWeek(f));
			const backlog = await engine.query(backlogByWeek(f));
			const ttr = await engine.query(timeToResolveByWeek(f));
			const heatmap = await engine.query(ticketRateHeatmap(f));
			// A newer filter change started meanwhile: its results win.
			if (generation !== this.#generation) return;
			const marks = this.goLiveKeys(f);
			this.totals = totalsFrom(totals);
			this.charts = {
				ticketsByWeek: ticketsByWeekChart(weekly, f.axis, marks),
				backlog: backlogChart(backlog, f.axis, marks),
				timeToResolve: timeToResolveChart(ttr, f.axis, marks),
				heatmap: ticketRateHeatmapChart(heatmap, f.axis)
			};
			this.error = null;
		} catch (error) {
			if (generation === this.#generation) this.error = error instanceof Error ? error : new Error(String(error));
		} finally {
			if (generation === this.#generation) this.busy = false;
		}
	}
}
