/**
 * The overview's figures for one set of filters: its queries and the totals and chart
 * models built from them (a page client, page/protocol.ts). Used live in the browser and at build time
 * for the first view (scripts/first-view.ts).
 */
import type { Table } from 'apache-arrow';
import { numbers } from '$lib/results/columns';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { asker, pageClient } from '$lib/page/protocol';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { goLiveKeys, type ClinicChoice } from '$lib/scope/choices';
import type { OverviewFilters } from '$lib/scope/filters';

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

export interface OverviewInput {
	readonly filters: OverviewFilters;
	readonly clinics: readonly ClinicChoice[];
}

export const overviewClient = pageClient({
	queries: ({ filters: f }: OverviewInput) => ({
		totals: overviewTotals(f),
		weekly: ticketsByWeek(f),
		backlog: backlogByWeek(f),
		ttr: timeToResolveByWeek(f),
		heatmap: ticketRateHeatmap(f)
	}),
	model: (r, { filters: f, clinics }): OverviewModel => {
		const marks = goLiveKeys(clinics, f);
		return {
			totals: totalsFrom(r.totals),
			charts: {
				ticketsByWeek: ticketsByWeekChart(r.weekly, f.axis, marks),
				backlog: backlogChart(r.backlog, f.axis, marks),
				timeToResolve: timeToResolveChart(r.ttr, f.axis, marks),
				heatmap: ticketRateHeatmapChart(r.heatmap, f.axis)
			}
		};
	}
});

/** The overview for one set of filters, straight from an engine (the build-time first view, benches). */
export function overviewModel(engine: Engine, f: OverviewFilters, clinics: readonly ClinicChoice[]): Promise<OverviewModel> {
	return asker(engine)(overviewClient, { filters: f, clinics });
}
