import type { Table } from 'apache-arrow';
import { numbers } from '$lib/charts/columns';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/overview/filters';
import { goLiveKeys, loadFilterChoices, type ClinicChoice } from '$lib/overview/choices';
import {
	backlogByWeek,
	overviewTotals,
	ticketRateHeatmap,
	ticketsByWeek,
	timeToResolveByWeek
} from '$lib/sql/overview';

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
		const choices = await loadFilterChoices(engine);
		this.choices = choices.clinics;
		this.span = choices.span;
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
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
			const marks = goLiveKeys(this.choices, f);
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
