/**
 * The recovery page's queries, run in order on the engine, and the models built from them.
 * Everything reads the pre-aggregated recovery tables (and, for causes, the attribution's).
 */
import type { Table } from 'apache-arrow';
import { strings } from '$lib/charts/columns';
import type { ChartModel } from '$lib/charts/model';
import { claimFlowChart, lagByClinicChart, lagByWaveChart, lagChart } from '$lib/charts/recovery/billing-charts';
import { productivityByClinicChart, productivityBySiteChart, productivityByWaveChart } from '$lib/charts/recovery/productivity-charts';
import { unbilledChart } from '$lib/charts/recovery/unbilled';
import { plainRows, type PlainRow } from '$lib/data/plain-rows';
import type { Engine } from '$lib/engine';
import type { ClinicChoice } from '$lib/overview/choices';
import type { OverviewFilters } from '$lib/overview/filters';
import { scorecardRows, type ScorecardRow } from '$lib/recovery/scorecard-rows';
import type { RecoverySettings } from '$lib/recovery/settings';
import type { Sql } from '$lib/sql/fragment';
import { billingBaseline, billingClinicBaseline, billingSeries, unbilledSeries } from '$lib/sql/recovery/billing-lag';
import { recoveryCauses } from '$lib/sql/recovery/causes';
import { productivitySeries } from '$lib/sql/recovery/productivity';
import { recoveryDateSpan } from '$lib/sql/recovery/scope';
import { scorecard, topRootCauses } from '$lib/sql/recovery/scorecard';
import { ticketWeekRates } from '$lib/sql/recovery/stabilization';

export interface RecoveryCharts {
	readonly productivityBySite: ChartModel;
	readonly productivityByWave: ChartModel;
	readonly productivityByClinic: ChartModel;
	readonly lags: ChartModel;
	readonly lagByWave: ChartModel;
	readonly claimFlow: ChartModel;
	readonly unbilled: ChartModel;
	readonly lagByClinic: ChartModel;
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

export async function loadCharts(
	engine: Engine,
	f: OverviewFilters,
	s: RecoverySettings,
	clinics: readonly ClinicChoice[],
	marks: readonly number[],
	slow: SlowClinics
): Promise<RecoveryCharts> {
	const run = (q: Sql): Promise<Table> => engine.query(q);
	const waves = { ...f, axis: 'go_live' as const };
	const productivity = {
		bySite: await run(productivitySeries(f, s, 'site')),
		all: await run(productivitySeries(f, s, 'all')),
		byWave: await run(productivitySeries(waves, s, 'wave')),
		byClinic: await run(productivitySeries(f, s, 'clinic'))
	};
	const billing = {
		all: await run(billingSeries(f, s, 'all')),
		baseline: await run(billingBaseline(f, s)),
		byWave: await run(billingSeries(waves, s, 'wave')),
		byClinic: await run(billingSeries(f, s, 'clinic')),
		clinicBaselines: await run(billingClinicBaseline(s)),
		unbilledBySite: await run(unbilledSeries(f, s, 'site')),
		unbilledAll: await run(unbilledSeries(f, s, 'all'))
	};
	const t = s.productivityThreshold;
	return {
		productivityBySite: productivityBySiteChart(productivity.bySite, productivity.all, f.axis, marks, t),
		productivityByWave: productivityByWaveChart(productivity.byWave, t),
		productivityByClinic: productivityByClinicChart(productivity.byClinic, f.axis, clinics, slow.productivity, t),
		lags: lagChart(billing.all, billing.baseline, f.axis, marks, s.lagThresholdDays),
		lagByWave: lagByWaveChart(billing.byWave),
		claimFlow: claimFlowChart(billing.all, billing.baseline, f.axis, marks, s.lagThresholdDays),
		unbilled: unbilledChart(billing.unbilledBySite, billing.unbilledAll, f.axis, marks, s.lagThresholdDays),
		lagByClinic: lagByClinicChart(billing.byClinic, billing.clinicBaselines, f.axis, clinics, slow.billing)
	};
}

/** Weeks before go-live the scorecard's sparklines start. */
export const SPARK_WEEKS_BEFORE = 4;

/** The scorecard (sites and clinics of the filters; every clinic over its whole timeline) and, once attributed, the causes. */
export async function loadScorecard(
	engine: Engine,
	f: OverviewFilters,
	s: RecoverySettings,
	attributed: boolean
): Promise<{ rows: ScorecardRow[]; causes: Causes | null }> {
	const whole: OverviewFilters = { ...f, from: null, to: null, axis: 'go_live' };
	const card = await engine.query(scorecard(f, s));
	const rows = scorecardRows({
		card,
		tickets: { table: await engine.query(ticketWeekRates(s)), key: 'clinic_id', value: 'rate' },
		productivity: { table: await engine.query(productivitySeries(whole, s, 'clinic')), key: 'series', value: 'actual' },
		billing: { table: await engine.query(billingSeries(whole, s, 'clinic')), key: 'series', value: 'billing_median' },
		causes: attributed ? await engine.query(topRootCauses()) : null,
		before: SPARK_WEEKS_BEFORE,
		productivityThreshold: s.productivityThreshold
	});
	const causes = attributed
		? {
				productivity: plainRows(await engine.query(recoveryCauses(f, s, 'productivity'))),
				billing: plainRows(await engine.query(recoveryCauses(f, s, 'billing')))
			}
		: null;
	return { rows, causes };
}
