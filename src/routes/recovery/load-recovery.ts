/**
 * The recovery page's clients (page/protocol.ts): its queries, sent together per view, and the models built from them.
 * Everything reads the pre-aggregated recovery tables (and, for causes, the attribution's).
 */
import type { Table } from 'apache-arrow';
import { strings, type ResultColumns } from '$lib/results/columns';
import { withCoverage, type GoLiveCoverage } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { withEmpty } from '$lib/charts/empty';
import type { Measure } from '$lib/recovery/needs';
import { claimFlowChart, lagByClinicChart, lagByWaveChart, lagChart } from '$lib/charts/recovery/billing-charts';
import { productivityByClinicChart, productivityBySiteChart, productivityByWaveChart } from '$lib/charts/recovery/productivity-charts';
import type { PanelsModel } from '$lib/charts/recovery/small-multiples';
import { unbilledChart } from '$lib/charts/recovery/unbilled';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import type { Engine } from '$lib/engine';
import { once, pageClient, type Ask } from '$lib/page/protocol';
import type { ClinicChoice } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters, type TimeAxis } from '$lib/scope/filters';
import { clinicInScope } from '$lib/scope/in-scope';
import { scorecardRows, type ScorecardRow } from '$lib/recovery/scorecard-rows';
import type { RecoverySettings } from '$lib/recovery/settings';
import { billingClinicBaseline, billingSeries } from '$lib/sql/recovery/billing-lag';
import { billingHorizonCube, clinicSitesCube, lagDaysCube, lagWeeksCube, recoveryClinicsCube, unassignedDaysCube, visitWeeksCube } from '$lib/sql/recovery/chart-cubes';
import { chartResults, chartResultSteps, clinicIdsInScope, unassignedInScope, type ChartResults, type RecoveryCubes } from '$lib/recovery/cube/charts';
import { recoveryCauses } from '$lib/sql/recovery/causes';
import { viewCharts } from './kept-view';
import { productivitySeries } from '$lib/sql/recovery/productivity';
import { recoveryDateSpan } from '$lib/sql/recovery/scope';
import { scorecard, topRootCauses } from '$lib/sql/recovery/scorecard';
import { ticketWeekRates } from '$lib/sql/recovery/stabilization';

export interface RecoveryCharts {
	readonly productivityBySite: ChartModel;
	readonly productivityByWave: ChartModel;
	readonly productivityByClinic: PanelsModel;
	readonly lags: ChartModel;
	readonly lagByWave: ChartModel;
	readonly claimFlow: ChartModel;
	readonly unbilled: ChartModel;
	readonly lagByClinic: PanelsModel;
}

export interface Causes {
	readonly productivity: readonly PlainRow[];
	readonly billing: readonly PlainRow[];
}

/** Clinics in red on the small multiples: those the scorecard calls slow. */
export interface SlowClinics {
	readonly productivity: ReadonlySet<string>;
	readonly billing: ReadonlySet<string>;
}

export function slowClinics(rows: readonly ScorecardRow[]): SlowClinics {
	const slow = (pick: (r: ScorecardRow) => string) => new Set(rows.filter((r) => pick(r) === 'slow').map((r) => r.clinicId));
	return { productivity: slow((r) => r.productivity.status), billing: slow((r) => r.billing.status) };
}

export async function loadSpan(engine: Engine): Promise<{ first: string; last: string } | null> {
	const span = await engine.query(recoveryDateSpan());
	const [first] = strings(span, 'first_day');
	const [last] = strings(span, 'last_day');
	return first && last ? { first, last } : null;
}

/** The charts' query results, before slow clinics are known (the scorecard says which). */
export interface ChartTables {
	readonly productivity: Readonly<Record<'bySite' | 'all' | 'byWave' | 'byClinic', ResultColumns>>;
	readonly billing: Readonly<Record<'all' | 'baseline' | 'byWave' | 'byClinic' | 'clinicBaselines' | 'unbilledBySite' | 'dnfbBaseline', ResultColumns>>;
	/** The clinics in scope, when the per-clinic tables hold every clinic (null: they hold only those). */
	readonly shown: ReadonlySet<string> | null;
}

/**
 * The charts' pre-aggregates, asked once per data (`once`): every chart of any view (scope,
 * dates, axis, rules) is computed from them in the page (`$lib/recovery/cube`), so a filter
 * change never reaches DuckDB. Without dates, each clinic's series is its whole timeline, so
 * the small multiples take every clinic's from its measures and draw those in scope.
 */
const cubeQueries = () => ({
	clinics: once(recoveryClinicsCube()),
	visitWeeks: once(visitWeeksCube()),
	lagWeeks: once(lagWeeksCube()),
	lagDays: once(lagDaysCube()),
	horizon: once(billingHorizonCube())
});
const chartQueries = pageClient({
	queries: (_: { f: OverviewFilters; s: RecoverySettings }) => cubeQueries(),
	model: (cubes, { f, s }) => chartResults(cubes, f, s)
});
const cubesOnly = pageClient({ queries: (_: null) => cubeQueries(), model: (cubes): RecoveryCubes => cubes });

/**
 * Computes (and so decodes and keeps) the pre-aggregates' figures of a view, on both time axes, a
 * step per task (`chartResultSteps`): the next filter change then only folds numbers.
 */
export async function warmChartCubes(ask: Ask, f: OverviewFilters, s: RecoverySettings, nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))): Promise<void> {
	const cubes = await ask(cubesOnly, null);
	for (const step of chartResultSteps(cubes, f, s)) {
		await nextTask();
		step();
	}
}

/** `viewStatements`: ask the view's own statements (the kept default view) instead of the pre-aggregates. */
export async function queryCharts(
	ask: Ask,
	f: OverviewFilters,
	s: RecoverySettings,
	measures: Promise<ClinicMeasures>,
	inScope: Promise<ReadonlySet<string>>,
	viewStatements = false
): Promise<ChartTables> {
	const r = await (viewStatements ? ask(viewCharts, { f, s }) : ask(chartQueries, { f, s }));
	const [m, shown] = await Promise.all([measures, inScope]);
	return chartTables(r, f, m, shown);
}

/** The charts' tables of one view: its results, and without dates each clinic's series from the measures (drawn for the clinics `shown`). */
export function chartTables(r: ChartResults, f: OverviewFilters, m: ClinicMeasures, shown: ReadonlySet<string>): ChartTables {
	const whole = f.from === null && f.to === null;
	const table = (t: ResultColumns | null): ResultColumns => {
		if (!t) throw new Error('a recovery chart query returned nothing');
		return t;
	};
	const byClinic = whole ? m.byClinic[f.axis] : { productivity: table(r.productivityByClinic), billing: table(r.billingByClinic) };
	return {
		productivity: { bySite: r.bySite, all: r.all, byWave: r.byWave, byClinic: byClinic.productivity },
		billing: {
			all: r.billingAll,
			baseline: r.baseline,
			byWave: r.billingByWave,
			byClinic: byClinic.billing,
			clinicBaselines: m.clinicBaselines,
			unbilledBySite: r.unbilledBySite,
			dnfbBaseline: r.dnfbBaseline
		},
		shown: whole ? shown : null
	};
}

export function chartModels(
	{ productivity, billing, shown }: ChartTables,
	f: OverviewFilters,
	s: RecoverySettings,
	clinics: readonly ClinicChoice[],
	marks: readonly number[],
	slow: SlowClinics,
	coverage?: GoLiveCoverage
): RecoveryCharts {
	const t = s.productivityThreshold;
	const panels = shown ? clinics.filter((c) => shown.has(c.id)) : clinics;
	// Roll-ups over the clinics in scope change with the clinics left on the go-live axis; each
	// wave's line and each clinic's panel are one set of clinics throughout, so they just end.
	const covered = (model: ChartModel) => (f.axis === 'go_live' && coverage ? withCoverage(model, coverage) : model);
	return {
		productivityBySite: covered(productivityBySiteChart(productivity.bySite, productivity.all, f.axis, marks, t)),
		productivityByWave: productivityByWaveChart(productivity.byWave, t),
		productivityByClinic: productivityByClinicChart(productivity.byClinic, f.axis, panels, slow.productivity, t),
		lags: covered(lagChart(billing.all, billing.baseline, f.axis, marks, s.lagThresholdDays)),
		lagByWave: lagByWaveChart(billing.byWave),
		claimFlow: covered(claimFlowChart(billing.all, billing.baseline, f.axis, marks, s.lagThresholdDays)),
		unbilled: covered(unbilledChart(billing.unbilledBySite, billing.dnfbBaseline, f.axis, marks, s)),
		lagByClinic: lagByClinicChart(billing.byClinic, billing.clinicBaselines, f.axis, panels, slow.billing)
	};
}

/** The charts of each measure: the exports each needs are named when they are not loaded (`$lib/recovery/needs`). */
const MEASURE_OF: Readonly<Record<keyof RecoveryCharts, Measure>> = {
	productivityBySite: 'productivity',
	productivityByWave: 'productivity',
	productivityByClinic: 'productivity',
	lags: 'billing',
	lagByWave: 'billing',
	claimFlow: 'billing',
	unbilled: 'billing',
	lagByClinic: 'billing'
};

/**
 * The charts, those with nothing to draw saying what they need that is not loaded (`needs`, per
 * measure: null when loaded), instead of the generic "no data" (charts/empty.ts). A chart with
 * rows is the same model: nothing is drawn again for it.
 */
export function chartsSayingNeeds(charts: RecoveryCharts, needs: Readonly<Record<Measure, string | null>>): RecoveryCharts {
	const out = { ...charts } as Record<keyof RecoveryCharts, ChartModel | PanelsModel>;
	for (const [chart, measure] of Object.entries(MEASURE_OF) as [keyof RecoveryCharts, Measure][]) {
		const need = needs[measure];
		if (need) out[chart] = withEmpty(charts[chart], need);
	}
	return out as unknown as RecoveryCharts;
}

/** Weeks before go-live the scorecard's sparklines start. */
export const SPARK_WEEKS_BEFORE = 4;

/**
 * What the scorecard and the causes measure for every clinic, whatever the filters: each
 * clinic is measured over its whole timeline and against peers of its wave, and the filters
 * only choose which clinics are shown. So it is queried once per rules (and once more when the
 * attribution is built), not on every change of filters.
 */
export interface ClinicMeasures {
	readonly card: Table;
	/** The stabilization sparklines' weekly values. */
	readonly tickets: Table;
	/** Each clinic's productivity and billing-lag series over its whole timeline, by time axis (go-live's are the sparklines'). */
	readonly byClinic: Readonly<Record<TimeAxis, { readonly productivity: Table; readonly billing: Table }>>;
	/** Each clinic's baseline median billing lag. */
	readonly clinicBaselines: Table;
	readonly top: Table | null;
	readonly causes: Causes | null;
}

const whole = (axis: TimeAxis): OverviewFilters => ({ ...DEFAULT_FILTERS, axis });

const clinicMeasures = pageClient({
	queries: ({ s, attributed }: { s: RecoverySettings; attributed: boolean }) => ({
		card: scorecard(DEFAULT_FILTERS, s),
		tickets: ticketWeekRates(s),
		goLiveProductivity: productivitySeries(whole('go_live'), s, 'clinic'),
		goLiveBilling: billingSeries(whole('go_live'), s, 'clinic'),
		calendarProductivity: productivitySeries(whole('calendar'), s, 'clinic'),
		calendarBilling: billingSeries(whole('calendar'), s, 'clinic'),
		clinicBaselines: billingClinicBaseline(s),
		top: attributed ? topRootCauses() : null,
		productivityCauses: attributed ? recoveryCauses(DEFAULT_FILTERS, s, 'productivity') : null,
		billingCauses: attributed ? recoveryCauses(DEFAULT_FILTERS, s, 'billing') : null
	}),
	model: ({ card, tickets, goLiveProductivity, goLiveBilling, calendarProductivity, calendarBilling, clinicBaselines, top, productivityCauses, billingCauses }): ClinicMeasures => {
		const causes = productivityCauses && billingCauses ? { productivity: plainRows(productivityCauses), billing: plainRows(billingCauses) } : null;
		return {
			card,
			tickets,
			byClinic: { go_live: { productivity: goLiveProductivity, billing: goLiveBilling }, calendar: { productivity: calendarProductivity, billing: calendarBilling } },
			clinicBaselines,
			top,
			causes
		};
	}
});

export function loadClinicMeasures(ask: Ask, s: RecoverySettings, attributed: boolean): Promise<ClinicMeasures> {
	return ask(clinicMeasures, { s, attributed });
}

/** A cause row is in scope by its own (named) site and clinic. */
const causeInScope = (f: OverviewFilters) => (row: PlainRow) =>
	clinicInScope(f, { site: row.site === null ? null : String(row.site), clinic_id: row.clinic_id === null ? null : String(row.clinic_id) });

/** The clinics of the filters' sites and clinics, by the same test as the scorecard's own. */
const clinicsInScopeClient = pageClient({
	queries: (_: OverviewFilters) => ({ clinics: once(clinicSitesCube()) }),
	model: (r, f): ReadonlySet<string> => clinicIdsInScope(r.clinics, f)
});

export function loadClinicsInScope(ask: Ask, f: OverviewFilters): Promise<ReadonlySet<string>> {
	return ask(clinicsInScopeClient, f);
}

/** Tickets in scope that name no clinic, from their days (asked once). */
const unassignedClient = pageClient({
	queries: (_: OverviewFilters) => ({ days: once(unassignedDaysCube()) }),
	model: (r, f): number => unassignedInScope(r.days, f)
});

export function loadUnassigned(ask: Ask, f: OverviewFilters): Promise<number> {
	return ask(unassignedClient, f);
}

/** The scorecard of the clinics in scope, from every clinic's measures; and their causes. */
export function scopedScorecard(f: OverviewFilters, s: RecoverySettings, measures: ClinicMeasures, shown: ReadonlySet<string>): { rows: ScorecardRow[]; causes: Causes | null } {
	const rows = scorecardRows({
		card: measures.card,
		tickets: { table: measures.tickets, key: 'clinic_id', value: 'rate' },
		productivity: { table: measures.byClinic.go_live.productivity, key: 'series', value: 'actual' },
		billing: { table: measures.byClinic.go_live.billing, key: 'series', value: 'billing_median' },
		causes: measures.top,
		before: SPARK_WEEKS_BEFORE,
		productivityThreshold: s.productivityThreshold,
		shown
	});
	const inScope = causeInScope(f);
	const causes = measures.causes && { productivity: measures.causes.productivity.filter(inScope), billing: measures.causes.billing.filter(inScope) };
	return { rows, causes };
}
