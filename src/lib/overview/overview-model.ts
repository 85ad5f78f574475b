/**
 * The overview's figures for one set of filters: its queries, run in order, and the
 * totals and chart models built from them. Used live in the browser and at build time
 * for the first view (scripts/first-view.ts).
 */
import type { Table } from 'apache-arrow';
import { numbers } from '$lib/charts/columns';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { goLiveKeys, type ClinicChoice } from './choices';
import type { OverviewFilters } from './filters';

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

export async function overviewModel(engine: Engine, f: OverviewFilters, clinics: readonly ClinicChoice[]): Promise<OverviewModel> {
	// Sent together: DuckDB's worker runs them one after another either way, but without a
	// round trip to this thread (and its idle gap) between each.
	const [totals, weekly, backlog, ttr, heatmap] = await Promise.all([
		engine.query(overviewTotals(f)),
		engine.query(ticketsByWeek(f)),
		engine.query(backlogByWeek(f)),
		engine.query(timeToResolveByWeek(f)),
		engine.query(ticketRateHeatmap(f))
	]);
	const marks = goLiveKeys(clinics, f);
	return {
		totals: totalsFrom(totals),
		charts: {
			ticketsByWeek: ticketsByWeekChart(weekly, f.axis, marks),
			backlog: backlogChart(backlog, f.axis, marks),
			timeToResolve: timeToResolveChart(ttr, f.axis, marks),
			heatmap: ticketRateHeatmapChart(heatmap, f.axis)
		}
	};
}
