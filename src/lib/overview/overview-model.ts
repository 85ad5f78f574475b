/**
 * The overview's figures for one set of filters: its queries and the totals and chart
 * models built from them (a page client, page/protocol.ts). Used live in the browser and at build time
 * for the kept results (scripts/kept-results.ts).
 */
import type { Table } from 'apache-arrow';
import { numbers } from '$lib/results/columns';
import { dayNumber, DEFAULT_MIN_COVERAGE, goLiveCoverage, observedWindow, partialWeeks, withCoverage, withPartialWeeks } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { asker, pageClient } from '$lib/page/protocol';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { clinicsInScope, goLiveKeys, type ClinicChoice } from '$lib/scope/choices';
import type { OverviewFilters } from '$lib/scope/filters';

export interface Totals {
	readonly tickets: number;
	readonly open: number;
	readonly medianHours: number | null;
	readonly p90Hours: number | null;
	readonly clinics: number;
	/** Tickets that name no clinic ("unassigned"): in the totals and trends, not in per-clinic measures. */
	readonly unassigned: number;
}

export interface OverviewCharts {
	readonly ticketsByWeek: ChartModel;
	readonly backlog: ChartModel;
	readonly timeToResolve: ChartModel;
	readonly heatmap: ChartModel;
}

export interface OverviewModel {
	readonly totals: Totals;
	readonly charts: OverviewCharts;
}

function totalsFrom(table: Table): Totals {
	const at = (name: string) => numbers(table, name)[0] ?? null;
	return {
		tickets: at('tickets') ?? 0,
		open: at('open_tickets') ?? 0,
		medianHours: at('median_hours'),
		p90Hours: at('p90_hours'),
		clinics: at('clinics') ?? 0,
		unassigned: at('unassigned_tickets') ?? 0
	};
}

export interface OverviewInput {
	readonly filters: OverviewFilters;
	readonly clinics: readonly ClinicChoice[];
	/**
	 * The export's span of ticket dates: on the go-live axis it says which clinic-weeks are
	 * observed whole (charts/coverage.ts), and on the calendar which week is cut short.
	 */
	readonly span?: { readonly first: string; readonly last: string } | null;
	/** The share of the clinics in scope a go-live week must cover to be drawn. */
	readonly minCoverage?: number;
}

export const overviewClient = pageClient({
	queries: ({ filters: f, span = null }: OverviewInput) => {
		const window = observedWindow(span, f);
		return {
			totals: overviewTotals(f),
			weekly: ticketsByWeek(f, window),
			backlog: backlogByWeek(f, window),
			ttr: timeToResolveByWeek(f, window),
			heatmap: ticketRateHeatmap(f, window)
		};
	},
	model: (r, { filters: f, clinics, span = null, minCoverage = DEFAULT_MIN_COVERAGE }): OverviewModel => {
		const window = observedWindow(span, f);
		const marks = goLiveKeys(clinics, f);
		const sums = totalsFrom(r.totals);
		const coverage = goLiveCoverage(clinicsInScope(clinics, f), window, minCoverage);
		const perClinic = f.axis === 'go_live' && window ? (k: number) => coverage.observed.get(k) ?? null : undefined;
		// A week's tickets could reach the p90 only if the export runs on p90 hours past its end.
		const exportEnd = span ? dayNumber(span.last) + 1 : Infinity;
		const p90Days = (sums.p90Hours ?? 0) / 24;
		const weekEnd = (k: number) => (f.axis === 'calendar' ? Math.min(k + 7, exportEnd) : (coverage.weekEnd.get(k) ?? -Infinity));
		const maturing = (k: number) => sums.p90Hours !== null && weekEnd(k) + p90Days > exportEnd;
		const partial = partialWeeks(window);
		const framed = (model: ChartModel): ChartModel => (f.axis === 'go_live' ? (perClinic ? withCoverage(model, coverage) : model) : withPartialWeeks(model, partial));
		return {
			totals: sums,
			charts: {
				ticketsByWeek: framed(ticketsByWeekChart(r.weekly, f.axis, marks, perClinic)),
				backlog: framed(backlogChart(r.backlog, f.axis, marks, perClinic)),
				timeToResolve: framed(timeToResolveChart(r.ttr, f.axis, marks, maturing)),
				heatmap: f.axis === 'calendar' ? withPartialWeeks(ticketRateHeatmapChart(r.heatmap, f.axis), partial) : ticketRateHeatmapChart(r.heatmap, f.axis)
			}
		};
	}
});

/** The overview for one set of filters, straight from an engine (the build-time first view, benches). */
export function overviewModel(
	engine: Engine,
	f: OverviewFilters,
	clinics: readonly ClinicChoice[],
	span: { first: string; last: string } | null = null,
	minCoverage = DEFAULT_MIN_COVERAGE
): Promise<OverviewModel> {
	return asker(engine)(overviewClient, { filters: f, clinics, span, minCoverage });
}
