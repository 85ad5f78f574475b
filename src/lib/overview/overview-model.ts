/**
 * The overview's figures for one set of filters: its queries and the totals and chart
 * models built from them (a page client, page/protocol.ts). Used live in the browser and at build time
 * for the kept results (scripts/kept-results.ts).
 */
import { dayNumber, DEFAULT_MIN_COVERAGE, type DayWindow, goLiveCoverage, observedWindow, partialWeeks, withCoverage, withPartialWeeks, withThinning } from '$lib/charts/coverage';
import { withEmpty } from '$lib/charts/empty';
import type { HeatmapModel } from '$lib/charts/heatmap/heatmap-model';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import type { Engine } from '$lib/engine';
import { asker, once, pageClient } from '$lib/page/protocol';
import { cubeClinics, cubeResolvedDays, cubeResolveTimes, cubeTicketDays } from '$lib/sql/overview-cube';
import { clinicsInScope, denseSpan, goLiveKeys, type ClinicChoice, type ExportThinning } from '$lib/scope/choices';
import type { OverviewFilters } from '$lib/scope/filters';
import { cubeOf, type Cube } from './cube';
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
	readonly heatmap: HeatmapModel;
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
	/**
	 * Where the export thins out: calendar weeks from it are shaded, and on the go-live axis only
	 * clinic-weeks before it count as observed (a thin week is the export's, not a quiet clinic's).
	 */
	readonly thinning?: ExportThinning | null;
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
	model: (r, { filters: f, clinics, span = null, thinning = null, minCoverage = DEFAULT_MIN_COVERAGE }): OverviewModel => {
		const window = observedWindow(f.axis === 'go_live' ? denseSpan(span, thinning) : span, f);
		const cube = cubeOf(r);
		const marks = goLiveKeys(clinics, f);
		const sums = totalsOf(cube, f);
		const coverage = goLiveCoverage(clinicsInScope(clinics, f), window, minCoverage);
		const perClinic = f.axis === 'go_live' && window ? (k: number) => coverage.observed.get(k) ?? null : undefined;
		// A week's tickets could reach the p90 only if the export runs on p90 hours past its end.
		const exportEnd = span ? dayNumber(span.last) + 1 : Infinity;
		const p90Days = (sums.p90Hours ?? 0) / 24;
		const weekEnd = (k: number) => (f.axis === 'calendar' ? Math.min(k + 7, exportEnd) : (coverage.weekEnd.get(k) ?? -Infinity));
		const maturing = (k: number) => sums.p90Hours !== null && weekEnd(k) + p90Days > exportEnd;
		const partial = partialWeeks(window);
		const heatmap = cubeHeatmap(cube, f, window);
		const framed = (model: ChartModel, stopThin = false): ChartModel =>
			f.axis === 'go_live' ? (perClinic ? withCoverage(model, coverage) : model) : withThinning(withPartialWeeks(model, partial), thinning, stopThin);
		const empty = emptyReasons(f, sums, clinics);
		return {
			totals: sums,
			charts: {
				ticketsByWeek: withEmpty(framed(ticketsByWeekChart(cubeTicketsByWeek(cube, f, window), f.axis, marks, perClinic)), empty.tickets),
				backlog: withEmpty(framed(backlogChart(cubeBacklog(cube, f, window), f.axis, marks, perClinic)), empty.tickets),
				timeToResolve: withEmpty(framed(timeToResolveChart(cubeTimeToResolve(cube, f, window), f.axis, marks, maturing), true), empty.resolved),
				heatmap: withEmpty(
					ticketRateHeatmapChart(heatmap, f.axis, { daysOf: heatmapDays(f, window, partial, clinics), ...(thinning ? { thinFromDay: dayNumber(thinning.from) } : {}) }),
					empty.clinics
				)
			}
		};
	}
});

/** The totals last computed per cube, and for which sites, clinics and dates (the axis does not change them). */
const lastTotals = new WeakMap<Cube, { scope: string; totals: Totals }>();

/**
 * The totals of a scope: an axis change keeps the same object (no exact median and p90 over every
 * resolved ticket in scope computed again, and the tiles not rendered again).
 */
function totalsOf(cube: Cube, f: OverviewFilters): Totals {
	const scope = JSON.stringify([f.sites, f.clinics, f.from, f.to]);
	const last = lastTotals.get(cube);
	if (last?.scope === scope) return last.totals;
	const totals = cubeTotals(cube, f);
	lastTotals.set(cube, { scope, totals });
	return totals;
}

/**
 * What an Overview chart with nothing to draw says: which filters left nothing, or which part of
 * the data is missing (a go-live date, a clinic on the tickets, a resolved ticket).
 */
export function emptyReasons(f: OverviewFilters, sums: Totals, clinics: readonly ClinicChoice[]): { tickets: string; resolved: string; clinics: string } {
	const chosen = [f.sites.length > 0 ? 'sites' : '', f.clinics.length > 0 ? 'clinics' : '', f.from || f.to ? 'dates' : ''].filter(Boolean);
	const scope = chosen.length === 0 ? 'in the data' : `in the chosen ${chosen.length === 1 ? chosen[0] : `${chosen.slice(0, -1).join(', ')} and ${chosen.at(-1)}`}`;
	const noGoLive = f.axis === 'go_live' && clinicsInScope(clinics, f).every((c) => c.goLive === '');
	const tickets =
		sums.tickets === 0
			? `No tickets ${scope}.`
			: noGoLive
				? 'No clinic in scope has a go-live date: weeks since go-live need one (load a clinic list with go_live_date).'
				: `No tickets ${scope} on this axis.`;
	return {
		tickets,
		resolved: sums.tickets === 0 || noGoLive ? tickets : `No resolved tickets ${scope}: the time to resolve needs a ticket that was closed.`,
		clinics: sums.tickets === 0 || noGoLive ? tickets : sums.unassigned === sums.tickets ? `No ticket ${scope} names a clinic: the clinic × week rate needs one.` : tickets
	};
}

/**
 * How many days of each heatmap cell's week the data covers: on the calendar, the weeks the export
 * or the dates cut short (the same for every clinic); on weeks since go-live, a whole week (only
 * whole weeks are counted) or none (outside the export for that clinic: grey, not "no tickets").
 */
function heatmapDays(f: OverviewFilters, window: DayWindow | null, partial: ReadonlyMap<number, number>, clinics: readonly ClinicChoice[]) {
	if (f.axis === 'calendar') return (_id: string, k: number) => partial.get(k) ?? 7;
	if (!window) return undefined;
	const goLive = new Map(clinics.filter((c) => c.goLive !== '').map((c) => [c.id, dayNumber(c.goLive)]));
	return (id: string, k: number) => {
		const g = goLive.get(id);
		if (g === undefined) return 7;
		const start = g + 7 * k;
		return start >= window.first && start <= window.last - 6 ? 7 : 0;
	};
}

/** The overview for one set of filters, straight from an engine (the build-time first view, benches). */
export function overviewModel(
	engine: Engine,
	f: OverviewFilters,
	clinics: readonly ClinicChoice[],
	span: { first: string; last: string } | null = null,
	minCoverage = DEFAULT_MIN_COVERAGE,
	thinning: ExportThinning | null = null
): Promise<OverviewModel> {
	return asker(engine)(overviewClient, { filters: f, clinics, span, minCoverage, thinning });
}
