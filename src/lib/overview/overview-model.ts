/**
 * The overview's figures for one set of filters: its queries, run in order, and the
 * totals and chart models built from them. Used live in the browser and at build time
 * for the first view (scripts/first-view.ts).
 */
import type { Table } from 'apache-arrow';
import { numbers } from '$lib/charts/columns';
import { dayNumber, DEFAULT_MIN_COVERAGE, goLiveCoverage, observedWindow, partialWeeks, withCoverage, withPartialWeeks } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { clinicsInScope, goLiveKeys, type ClinicChoice } from './choices';
import type { OverviewFilters } from './filters';

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
		clinics: at('clinics') ?? 0
	};
}

/**
 * `span` is the export's span of ticket dates: on the go-live axis it says which clinic-weeks
 * are observed whole (charts/coverage.ts), and on the calendar which week is cut short.
 * `minCoverage` is the share of the clinics in scope a go-live week must cover to be drawn.
 */
export async function overviewModel(
	engine: Engine,
	f: OverviewFilters,
	clinics: readonly ClinicChoice[],
	span: { first: string; last: string } | null = null,
	minCoverage = DEFAULT_MIN_COVERAGE
): Promise<OverviewModel> {
	const window = observedWindow(span, f);
	// Sent together: DuckDB's worker runs them one after another either way, but without a
	// round trip to this thread (and its idle gap) between each.
	const [totals, weekly, backlog, ttr, heatmap] = await Promise.all([
		engine.query(overviewTotals(f)),
		engine.query(ticketsByWeek(f, window)),
		engine.query(backlogByWeek(f, window)),
		engine.query(timeToResolveByWeek(f, window)),
		engine.query(ticketRateHeatmap(f, window))
	]);
	const marks = goLiveKeys(clinics, f);
	const sums = totalsFrom(totals);
	const coverage = goLiveCoverage(clinicsInScope(clinics, f), window, minCoverage);
	const perClinic = f.axis === 'go_live' && window ? (k: number) => coverage.observed.get(k) ?? null : undefined;
	// A week's tickets could reach the p90 only if the export runs on p90 hours past its end.
	const exportEnd = span ? dayNumber(span.last) + 1 : Infinity;
	const p90Days = (sums.p90Hours ?? 0) / 24;
	const weekEnd = (k: number) => (f.axis === 'calendar' ? Math.min(k + 7, exportEnd) : (coverage.weekEnd.get(k) ?? -Infinity));
	const maturing = (k: number) => sums.p90Hours !== null && weekEnd(k) + p90Days > exportEnd;
	const partial = partialWeeks(window);
	const framed = (model: ChartModel): ChartModel =>
		f.axis === 'go_live' ? (perClinic ? withCoverage(model, coverage) : model) : withPartialWeeks(model, partial);
	return {
		totals: sums,
		charts: {
			ticketsByWeek: framed(ticketsByWeekChart(weekly, f.axis, marks, perClinic)),
			backlog: framed(backlogChart(backlog, f.axis, marks, perClinic)),
			timeToResolve: framed(timeToResolveChart(ttr, f.axis, marks, maturing)),
			heatmap: f.axis === 'calendar' ? withPartialWeeks(ticketRateHeatmapChart(heatmap, f.axis), partial) : ticketRateHeatmapChart(heatmap, f.axis)
		}
	};
}
