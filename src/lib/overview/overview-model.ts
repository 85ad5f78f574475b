/**
 * The overview's figures for one set of filters: its queries and the totals and chart
 * models built from them (a page client, page/protocol.ts). Used live in the browser and at build time
 * for the kept results (scripts/kept-results.ts).
 */
import { dayNumber, DEFAULT_MIN_COVERAGE, goLiveCoverage, observedWindow, partialWeeks, withCoverage, withPartialWeeks } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { asker, once, pageClient } from '$lib/page/protocol';
import { cubeClinics, cubeResolvedDays, cubeResolveTimes, cubeTicketDays } from '$lib/sql/overview-cube';
import { clinicsInScope, goLiveKeys, type ClinicChoice } from '$lib/scope/choices';
import type { OverviewFilters } from '$lib/scope/filters';
import { cubeOf } from './cube';
import { cubeBacklog } from './cube-backlog';
import { cubeHeatmap, cubeTicketsByWeek, cubeTimeToResolve, cubeTotals } from './cube-figures';

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

/**
 * The overview's statements do not depend on the filters: four small pre-aggregates
 * (sql/overview-cube.ts), asked once per data. Every figure for the filters is computed from
 * them in JS (cube*.ts), equal to what the per-filter SQL of sql/overview.ts returns
 * (tests/unit/overview/cube-figures.test.ts), so a filter change never reaches DuckDB.
 */
export const overviewClient = pageClient({
	queries: (_input: OverviewInput) => ({ clinics: once(cubeClinics()), days: once(cubeTicketDays()), resolved: once(cubeResolvedDays()), times: once(cubeResolveTimes()) }),
	model: (r, { filters: f, clinics, span = null, minCoverage = DEFAULT_MIN_COVERAGE }): OverviewModel => {
		const window = observedWindow(span, f);
		const cube = cubeOf(r);
		const marks = goLiveKeys(clinics, f);
		const sums: Totals = cubeTotals(cube, f);
		const coverage = goLiveCoverage(clinicsInScope(clinics, f), window, minCoverage);
		const perClinic = f.axis === 'go_live' && window ? (k: number) => coverage.observed.get(k) ?? null : undefined;
		// A week's tickets could reach the p90 only if the export runs on p90 hours past its end.
		const exportEnd = span ? dayNumber(span.last) + 1 : Infinity;
		const p90Days = (sums.p90Hours ?? 0) / 24;
		const weekEnd = (k: number) => (f.axis === 'calendar' ? Math.min(k + 7, exportEnd) : (coverage.weekEnd.get(k) ?? -Infinity));
		const maturing = (k: number) => sums.p90Hours !== null && weekEnd(k) + p90Days > exportEnd;
		const partial = partialWeeks(window);
		const heatmap = cubeHeatmap(cube, f, window);
		const framed = (model: ChartModel): ChartModel => (f.axis === 'go_live' ? (perClinic ? withCoverage(model, coverage) : model) : withPartialWeeks(model, partial));
		return {
			totals: sums,
			charts: {
				ticketsByWeek: framed(ticketsByWeekChart(cubeTicketsByWeek(cube, f, window), f.axis, marks, perClinic)),
				backlog: framed(backlogChart(cubeBacklog(cube, f, window), f.axis, marks, perClinic)),
				timeToResolve: framed(timeToResolveChart(cubeTimeToResolve(cube, f, window), f.axis, marks, maturing)),
				heatmap: f.axis === 'calendar' ? withPartialWeeks(ticketRateHeatmapChart(heatmap, f.axis), partial) : ticketRateHeatmapChart(heatmap, f.axis)
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
