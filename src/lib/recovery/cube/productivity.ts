/**
 * `productivitySeries` (sql/recovery/productivity.ts) computed in the page from the visit
 * weeks: each clinic's baseline rates over its weeks before go-live, then per series and
 * bucket Σ completed / Σ (provider-days × baseline rate), and the same for scheduled visits
 * where the clinic records them.
 */
import type { Table } from 'apache-arrow';
import type { OverviewFilters } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import type { RollUp } from '$lib/sql/recovery/scope';
import { scopeMask, seriesOf, weekRange, type CubeClinics } from './clinics';
import { decodedOnce, floats, indexOf, ints } from '$lib/results/decoded';
import { jsColumns } from '$lib/results/js-columns';
import type { ResultColumns } from '$lib/results/columns';
import { groupsOver } from './groups';

interface VisitWeeks {
	readonly clinic: Int32Array;
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	readonly providerDays: Float64Array;
	readonly completed: Float64Array;
	readonly scheduledProviderDays: Float64Array;
	readonly scheduled: Float64Array;
	/** Baselines by baseline weeks. */
	readonly baselines: Map<number, { rate: Float64Array; scheduledRate: Float64Array; has: Uint8Array }>;
}

const decodeFor = new WeakMap<CubeClinics, (t: Table) => VisitWeeks>();
function visitWeeks(t: Table, clinics: CubeClinics): VisitWeeks {
	let decode = decodeFor.get(clinics);
	if (!decode) {
		decode = (table: Table): VisitWeeks => ({
			clinic: indexOf(table, 'clinic_id', clinics.index),
			week: ints(table, 'week'),
			goLiveWeek: ints(table, 'go_live_week'),
			providerDays: floats(table, 'provider_days'),
			completed: floats(table, 'completed'),
			scheduledProviderDays: floats(table, 'scheduled_provider_days'),
			scheduled: floats(table, 'scheduled'),
			baselines: new Map()
		});
		decodeFor.set(clinics, decode);
	}
	return decodedOnce(t, decode);
}

/** Per clinic, as `productivityBaseline`: visits per provider-day over go-live weeks -n..-1 (NaN: NULL), for clinics with completed visits then. */
function baseline(v: VisitWeeks, clinics: number, weeks: number) {
	const kept = v.baselines.get(weeks);
	if (kept) return kept;
	const [completed, days, scheduled, scheduledDays] = [0, 0, 0, 0].map(() => new Float64Array(clinics)) as [Float64Array, Float64Array, Float64Array, Float64Array];
	const [any, anyScheduled, anyScheduledDays] = [new Uint8Array(clinics), new Uint8Array(clinics), new Uint8Array(clinics)];
	for (let r = 0; r < v.clinic.length; r++) {
		const w = v.goLiveWeek[r] as number;
		if (w < -weeks || w > -1) continue;
		const c = v.clinic[r] as number;
		any[c] = 1;
		completed[c] = (completed[c] as number) + (v.completed[r] as number);
		days[c] = (days[c] as number) + (v.providerDays[r] as number);
		const s = v.scheduled[r] as number;
		if (!Number.isNaN(s)) {
			scheduled[c] = (scheduled[c] as number) + s;
			anyScheduled[c] = 1;
		}
		const sd = v.scheduledProviderDays[r] as number;
		if (!Number.isNaN(sd)) {
			scheduledDays[c] = (scheduledDays[c] as number) + sd;
			anyScheduledDays[c] = 1;
		}
	}
	const rate = new Float64Array(clinics).fill(NaN);
	const scheduledRate = new Float64Array(clinics).fill(NaN);
	const has = new Uint8Array(clinics);
	for (let c = 0; c < clinics; c++) {
		if (!any[c] || !((completed[c] as number) > 0)) continue;
		has[c] = 1;
		if (days[c] !== 0) rate[c] = (completed[c] as number) / (days[c] as number);
		if (anyScheduled[c] && anyScheduledDays[c] && scheduledDays[c] !== 0) scheduledRate[c] = (scheduled[c] as number) / (scheduledDays[c] as number);
	}
	const result = { rate, scheduledRate, has };
	v.baselines.set(weeks, result);
	return result;
}

/** Per series and bucket: actual, planned and provider_days, as `productivitySeries(f, s, by)` returns them. */
export function productivitySeriesOf(cube: Table, clinicsCube: CubeClinics, f: OverviewFilters, s: RecoverySettings, by: RollUp): ResultColumns {
	const v = visitWeeks(cube, clinicsCube);
	const n = clinicsCube.ids.length;
	const base = baseline(v, n, s.baselineWeeks);
	const inScope = scopeMask(clinicsCube, f);
	const weeks = weekRange(f);
	const series = seriesOf(clinicsCube, by);
	const calendar = f.axis === 'calendar';
	const keys = calendar ? v.week : v.goLiveWeek;
	const groups = groupsOver(series.names, keys, f.axis);
	const rows = v.clinic.length;
	const [completed, expected, scheduled, scheduledExpected, days] = [0, 0, 0, 0, 0].map(() => new Float64Array(rows)) as Float64Array[] as [
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array
	];
	const [anyExpected, anyScheduled, anyScheduledExpected] = [new Uint8Array(rows), new Uint8Array(rows), new Uint8Array(rows)];
	for (let r = 0; r < rows; r++) {
		const c = v.clinic[r] as number;
		const week = v.week[r] as number;
		const pd = v.providerDays[r] as number;
		if (!inScope[c] || !base.has[c] || week < weeks.from || week > weeks.to || !(pd > 0)) continue;
		const g = groups.of(series.of[c] as number, keys[r] as number);
		completed[g] = (completed[g] as number) + (v.completed[r] as number);
		days[g] = (days[g] as number) + pd;
		const rate = base.rate[c] as number;
		if (!Number.isNaN(rate)) {
			expected[g] = (expected[g] as number) + pd * rate;
			anyExpected[g] = 1;
		}
		const scheduledRate = base.scheduledRate[c] as number;
		if (scheduledRate > 0) {
			const sc = v.scheduled[r] as number;
			if (!Number.isNaN(sc)) {
				scheduled[g] = (scheduled[g] as number) + sc;
				anyScheduled[g] = 1;
			}
			const sd = v.scheduledProviderDays[r] as number;
			if (!Number.isNaN(sd)) {
				scheduledExpected[g] = (scheduledExpected[g] as number) + sd * scheduledRate;
				anyScheduledExpected[g] = 1;
			}
		}
	}
	const order = groups.ordered();
	return jsColumns({
		series: order.map((g) => series.names[groups.series[g] as number] ?? null),
		k: order.map((g) => groups.k[g] as number),
		actual: order.map((g) => (anyExpected[g] && expected[g] !== 0 ? (completed[g] as number) / (expected[g] as number) : null)),
		planned: order.map((g) => (anyScheduled[g] && anyScheduledExpected[g] && scheduledExpected[g] !== 0 ? (scheduled[g] as number) / (scheduledExpected[g] as number) : null)),
		provider_days: order.map((g) => days[g] as number)
	});
}
