/**
 * `billingSeries` and `billingBaseline` (sql/recovery/billing-lag.ts) computed in the page from
 * the weekly lag histogram. Percentiles are exact: each group's counts per lag value are
 * merged, then read as `quantile_cont` reads the expanded rows (`histogramQuantiles`).
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

interface LagWeeks {
	readonly clinic: Int32Array;
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	readonly billing: Int32Array;
	/** -1: not billed (or posted) yet. */
	readonly lag: Int32Array;
	readonly encounters: Float64Array;
	readonly denied: Float64Array;
	readonly adjudicated: Float64Array;
	readonly maxLag: number;
	/**
	 * Runs of rows of one clinic, calendar week and go-live week (the cube's order): a scope, date range
	 * and maturity keep or leave out a run whole, so a view tests each run once, not each of its lags.
	 * Run `i` is rows `start[i]..start[i + 1]`, its charge rows before `mid[i]` and its billing rows from it.
	 */
	readonly runs: { readonly start: Int32Array; readonly mid: Int32Array; readonly count: number };
}

/** The runs of `LagWeeks` (its rows are ordered by clinic, week, go-live week, billing, lag). */
function runsOf(clinic: Int32Array, week: Int32Array, goLiveWeek: Int32Array, billing: Int32Array): LagWeeks['runs'] {
	const n = clinic.length;
	const start = new Int32Array(n + 1);
	const mid = new Int32Array(n);
	let count = 0;
	for (let r = 0; r < n; r++) {
		if (r === 0 || clinic[r] !== clinic[r - 1] || week[r] !== week[r - 1] || goLiveWeek[r] !== goLiveWeek[r - 1]) {
			if (count > 0 && (mid[count - 1] as number) < 0) mid[count - 1] = r;
			start[count] = r;
			mid[count] = billing[r] ? r : -1;
			count++;
		} else if (billing[r] && (mid[count - 1] as number) < 0) mid[count - 1] = r;
		else if (!billing[r] && (mid[count - 1] as number) >= 0) throw new Error('the lag cube is not ordered by billing within a week');
	}
	if (count > 0 && (mid[count - 1] as number) < 0) mid[count - 1] = n;
	start[count] = n;
	return { start: start.slice(0, count + 1), mid: mid.slice(0, count), count };
}

const decodeFor = new WeakMap<CubeClinics, (t: Table) => LagWeeks>();
function lagWeeks(t: Table, clinics: CubeClinics): LagWeeks {
	let decode = decodeFor.get(clinics);
	if (!decode) {
		decode = (table: Table): LagWeeks => {
			const lag = ints(table, 'lag_days', -1);
			const [clinic, week, goLiveWeek, billing] = [indexOf(table, 'clinic_id', clinics.index), ints(table, 'week'), ints(table, 'go_live_week'), ints(table, 'billing', 0)];
			return {
				clinic,
				week,
				goLiveWeek,
				billing,
				lag,
				encounters: floats(table, 'encounters'),
				denied: floats(table, 'denied'),
				adjudicated: floats(table, 'adjudicated'),
				maxLag: lag.reduce((a, b) => Math.max(a, b), 0),
				runs: runsOf(clinic, week, goLiveWeek, billing)
			};
		};
		decodeFor.set(clinics, decode);
	}
	return decodedOnce(t, decode);
}

/** The value at position (total − 1) p of the sorted values a histogram counts, interpolated as `quantile_cont` does. */
function quantile(h: Float64Array, lo: number, hi: number, total: number, p: number): number {
	const pos = (total - 1) * p;
	const below = Math.floor(pos);
	let cum = 0;
	let xLo = -1;
	let xHi = -1;
	for (let x = lo; x <= hi; x++) {
		const n = h[x] as number;
		if (n === 0) continue;
		cum += n;
		if (xLo < 0 && cum > below) xLo = x;
		if (cum > below + 1) {
			xHi = x;
			break;
		}
	}
	return xLo + (pos - Math.floor(pos)) * ((xHi < 0 ? xLo : xHi) - xLo);
}

/**
 * `lagMeasures` over the groups: flow counts from billing rows, the four percentiles; groups without billing rows are left out, as the SQL's join from the flow counts leaves them.
 * `runGroup`: each run's group (`LagWeeks.runs`), or -1 when the run is left out.
 */
function lagMeasures(v: LagWeeks, groupCount: number, runGroup: Int32Array, thresholdDays: number) {
	const { start, mid } = v.runs;
	const [encounters, late, denied, adjudicated] = [0, 0, 0, 0].map(() => new Float64Array(groupCount)) as [Float64Array, Float64Array, Float64Array, Float64Array];
	const flow = new Uint8Array(groupCount);
	// Runs by group (counting sort), for the per-group histograms.
	const starts = new Int32Array(groupCount + 1);
	for (let i = 0; i < runGroup.length; i++) {
		const g = runGroup[i] as number;
		if (g < 0) continue;
		starts[g + 1] = (starts[g + 1] as number) + 1;
		const [from, to] = [mid[i] as number, start[i + 1] as number];
		if (from < to) flow[g] = 1;
		for (let r = from; r < to; r++) {
			const n = v.encounters[r] as number;
			const lag = v.lag[r] as number;
			encounters[g] = (encounters[g] as number) + n;
			if (lag < 0 || lag > thresholdDays) late[g] = (late[g] as number) + n;
			denied[g] = (denied[g] as number) + (v.denied[r] as number);
			adjudicated[g] = (adjudicated[g] as number) + (v.adjudicated[r] as number);
		}
	}
	for (let g = 0; g < groupCount; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
	const fill = starts.slice(0, groupCount);
	const runsOfGroup = new Int32Array(starts[groupCount] as number);
	for (let i = 0; i < runGroup.length; i++) {
		const g = runGroup[i] as number;
		if (g >= 0) {
			runsOfGroup[fill[g] as number] = i;
			fill[g] = (fill[g] as number) + 1;
		}
	}
	const h = new Float64Array(v.maxLag + 1);
	const percentiles = (g: number, billing: number): [number, number] => {
		let total = 0;
		let lo = Infinity;
		let hi = -1;
		for (let j = starts[g] as number; j < (starts[g + 1] as number); j++) {
			const i = runsOfGroup[j] as number;
			const [from, to] = billing ? [mid[i] as number, start[i + 1] as number] : [start[i] as number, mid[i] as number];
			for (let r = from; r < to; r++) {
				const lag = v.lag[r] as number;
				if (lag < 0) continue;
				const n = v.encounters[r] as number;
				h[lag] = (h[lag] as number) + n;
				total += n;
				if (lag < lo) lo = lag;
				if (lag > hi) hi = lag;
			}
		}
		if (total === 0) return [NaN, NaN];
		const out: [number, number] = [quantile(h, lo, hi, total, 0.5), quantile(h, lo, hi, total, 0.9)];
		h.fill(0, lo, hi + 1);
		return out;
	};
	return { encounters, late, denied, adjudicated, flow, percentiles };
}

/** `runGroup`: each run's group, or -1 when the run is left out. */
function measureColumns(v: LagWeeks, groupCount: number, runGroup: Int32Array, order: readonly number[], thresholdDays: number) {
	const m = lagMeasures(v, groupCount, runGroup, thresholdDays);
	const kept = order.filter((g) => m.flow[g]);
	const billingP = kept.map((g) => m.percentiles(g, 1));
	const chargeP = kept.map((g) => m.percentiles(g, 0));
	return {
		kept,
		columns: {
			encounters: kept.map((g) => m.encounters[g] as number),
			late: kept.map((g) => m.late[g] as number),
			denied: kept.map((g) => m.denied[g] as number),
			adjudicated: kept.map((g) => m.adjudicated[g] as number),
			billing_median: billingP.map((p) => p[0]),
			billing_p90: billingP.map((p) => p[1]),
			charge_median: chargeP.map((p) => p[0]),
			charge_p90: chargeP.map((p) => p[1]),
			late_share: kept.map((g) => ((m.encounters[g] as number) === 0 ? null : (m.late[g] as number) / (m.encounters[g] as number))),
			denial_rate: kept.map((g) => ((m.adjudicated[g] as number) === 0 ? null : (m.denied[g] as number) / (m.adjudicated[g] as number)))
		}
	};
}

/** As `billingSeries(f, s, by)`: per series and mature bucket, the lag percentiles, late share and denial rate. */
export function billingSeriesOf(cube: Table, clinics: CubeClinics, asOf: number, f: OverviewFilters, s: RecoverySettings, by: RollUp): ResultColumns {
	const v = lagWeeks(cube, clinics);
	const inScope = scopeMask(clinics, f);
	const weeks = weekRange(f);
	const series = seriesOf(clinics, by);
	const calendar = f.axis === 'calendar';
	const keys = calendar ? v.week : v.goLiveWeek;
	const groups = groupsOver(series.names, keys, f.axis);
	const lastEnd = asOf - s.maturityDays;
	const goLiveDay = clinics.goLiveDay;
	const runGroup = new Int32Array(v.runs.count);
	for (let i = 0; i < runGroup.length; i++) {
		const r = v.runs.start[i] as number;
		const c = v.clinic[r] as number;
		const week = v.week[r] as number;
		const end = calendar ? week + 6 : (goLiveDay[c] as number) + 7 * (v.goLiveWeek[r] as number) + 6;
		runGroup[i] = inScope[c] && week >= weeks.from && week <= weeks.to && end <= lastEnd ? groups.of(series.of[c] as number, keys[r] as number) : -1;
	}
	const { kept, columns } = measureColumns(v, groups.size, runGroup, groups.ordered(), s.lagThresholdDays);
	return jsColumns({ series: kept.map((g) => series.names[groups.series[g] as number] ?? null), k: kept.map((g) => groups.k[g] as number), ...columns });
}

/** As `billingBaseline(f, s)`: the same measures pooled over the baseline weeks of the clinics in scope (no row when there are none). */
export function billingBaselineOf(cube: Table, clinics: CubeClinics, f: OverviewFilters, s: RecoverySettings): ResultColumns {
	const v = lagWeeks(cube, clinics);
	const inScope = scopeMask(clinics, f);
	const runGroup = new Int32Array(v.runs.count);
	for (let i = 0; i < runGroup.length; i++) {
		const r = v.runs.start[i] as number;
		const w = v.goLiveWeek[r] as number;
		runGroup[i] = inScope[v.clinic[r] as number] && w >= -s.baselineWeeks && w <= -1 ? 0 : -1;
	}
	const { kept, columns } = measureColumns(v, 1, runGroup, [0], s.lagThresholdDays);
	return jsColumns({ scope: kept.map(() => 'baseline'), ...columns });
}
