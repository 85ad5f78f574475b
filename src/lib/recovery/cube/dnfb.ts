/**
 * `dnfbSeries` and `dnfbBaseline` (sql/recovery/dnfb.ts) computed in the page from the daily
 * lag histogram. Each clinic's stock at each bucket's end depends on the rules (window, hold
 * days) and the axis only, so it is computed once for them and kept; a filter change then
 * picks the clinics and buckets in scope and adds them up.
 */
import type { Table } from 'apache-arrow';
import type { OverviewFilters, TimeAxis } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { scopeMask, seriesOf, weekRange, type CubeClinics } from './clinics';
import { decodedOnce, floats, indexOf, ints } from '$lib/results/decoded';
import { jsColumns } from '$lib/results/js-columns';
import type { ResultColumns } from '$lib/results/columns';
import { groupsOver } from './groups';

/** The billing export's horizon (`billingHorizonCube`), in days since 1970-01-01. */
export interface BillingHorizon {
	readonly asOf: number;
	readonly firstDay: number;
	readonly lastDay: number;
}

/** Per clinic and bucket (with a whole window): the calendar weeks its rows fall in, its DNFB encounters and average daily encounters. */
interface Stock {
	readonly clinic: number[];
	readonly k: number[];
	readonly weekLo: number[];
	readonly weekHi: number[];
	readonly dnfb: number[];
	readonly perDay: number[];
}

interface LagDays {
	readonly clinic: Int32Array;
	readonly day: Int32Array;
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	readonly lag: Int32Array;
	readonly encounters: Float64Array;
	/** Each clinic's rows (sorted by day): [start, end). */
	readonly starts: Int32Array;
	readonly stocks: Map<string, Stock>;
}

const decodeFor = new WeakMap<CubeClinics, (t: Table) => LagDays>();
function lagDays(t: Table, clinics: CubeClinics): LagDays {
	let decode = decodeFor.get(clinics);
	if (!decode) {
		decode = (table: Table): LagDays => {
			const clinic = indexOf(table, 'clinic_id', clinics.index);
			const starts = new Int32Array(clinics.ids.length + 1);
			for (const c of clinic) starts[c + 1] = (starts[c + 1] as number) + 1;
			for (let c = 0; c < clinics.ids.length; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
			for (let r = 1; r < clinic.length; r++) if ((clinic[r] as number) < (clinic[r - 1] as number)) throw new Error('the DNFB pre-aggregate must be ordered by clinic and day');
			return {
				clinic,
				day: ints(table, 'day'),
				week: ints(table, 'week'),
				goLiveWeek: ints(table, 'go_live_week'),
				lag: ints(table, 'lag', -1),
				encounters: floats(table, 'encounters'),
				starts,
				stocks: new Map()
			};
		};
		decodeFor.set(clinics, decode);
	}
	return decodedOnce(t, decode);
}

/** `clinicStock` for every clinic and bucket of the axis, for a window and hold days. */
function stock(v: LagDays, clinics: CubeClinics, h: BillingHorizon, axis: TimeAxis, window: number, hold: number): Stock {
	const key = `${axis} ${window} ${hold}`;
	const kept = v.stocks.get(key);
	if (kept) return kept;
	const out: Stock = { clinic: [], k: [], weekLo: [], weekHi: [], dnfb: [], perDay: [] };
	for (let c = 0; c < clinics.ids.length; c++) {
		const [start, end] = [v.starts[c] as number, v.starts[c + 1] as number];
		// The buckets the clinic's rows fall in, with the weeks of those rows.
		const buckets = new Map<number, { lo: number; hi: number }>();
		for (let r = start; r < end; r++) {
			const k = axis === 'calendar' ? (v.week[r] as number) : (v.goLiveWeek[r] as number);
			const week = v.week[r] as number;
			const b = buckets.get(k);
			if (!b) buckets.set(k, { lo: week, hi: week });
			else {
				b.lo = Math.min(b.lo, week);
				b.hi = Math.max(b.hi, week);
			}
		}
		for (const [k, weeks] of [...buckets].sort((a, b) => a[0] - b[0])) {
			const bucketEnd = axis === 'calendar' ? k + 6 : (clinics.goLiveDay[c] as number) + 7 * k + 6;
			const day = Math.min(bucketEnd, h.asOf);
			const first = day - window + 1;
			if (first < h.firstDay) continue;
			// The clinic's first row of the window (rows are by day).
			let [lo, hi] = [start, end];
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if ((v.day[mid] as number) < first) lo = mid + 1;
				else hi = mid;
			}
			let dnfb = 0;
			let served = 0;
			for (let r = lo; r < end && (v.day[r] as number) <= day; r++) {
				const n = v.encounters[r] as number;
				const d = v.day[r] as number;
				const lag = v.lag[r] as number;
				served += n;
				if (d <= day - hold && (lag < 0 || d + lag > day)) dnfb += n;
			}
			out.clinic.push(c);
			out.k.push(k);
			out.weekLo.push(weeks.lo);
			out.weekHi.push(weeks.hi);
			out.dnfb.push(dnfb);
			out.perDay.push(served / (Math.min(day, h.lastDay) - first + 1));
		}
	}
	v.stocks.set(key, out);
	return out;
}

/** As `dnfbSeries(f, s, 'site')`: per site and bucket, DNFB encounters, average daily encounters and DNFB days. */
export function dnfbBySiteOf(cube: Table, clinics: CubeClinics, h: BillingHorizon, f: OverviewFilters, s: RecoverySettings): ResultColumns {
	const v = lagDays(cube, clinics);
	const st = stock(v, clinics, h, f.axis, s.dnfbWindowDays, s.lagThresholdDays);
	const inScope = scopeMask(clinics, f);
	const weeks = weekRange(f);
	const inRange = (w: number) => w >= weeks.from && w <= weeks.to;
	const series = seriesOf(clinics, 'site');
	const ks = Int32Array.from(st.k);
	const groups = groupsOver(series.names, ks, f.axis);
	const unbilled: number[] = [];
	const perDay: number[] = [];
	for (let i = 0; i < st.clinic.length; i++) {
		const c = st.clinic[i] as number;
		if (!inScope[c] || !(inRange(st.weekLo[i] as number) || inRange(st.weekHi[i] as number))) continue;
		const g = groups.of(series.of[c] as number, st.k[i] as number);
		unbilled[g] = (unbilled[g] ?? 0) + (st.dnfb[i] as number);
		perDay[g] = (perDay[g] ?? 0) + (st.perDay[i] as number);
	}
	const order = groups.ordered();
	return jsColumns({
		series: order.map((g) => series.names[groups.series[g] as number] ?? null),
		k: order.map((g) => groups.k[g] as number),
		unbilled: order.map((g) => unbilled[g] as number),
		per_day: order.map((g) => perDay[g] as number),
		dnfb_days: order.map((g) => ((perDay[g] as number) === 0 ? null : (unbilled[g] as number) / (perDay[g] as number)))
	});
}

/** As `dnfbBaseline(f, s)`: the pooled DNFB days over the baseline weeks of the clinics in scope, and how many clinics. */
export function dnfbBaselineOf(cube: Table, clinics: CubeClinics, h: BillingHorizon, f: OverviewFilters, s: RecoverySettings): ResultColumns {
	const v = lagDays(cube, clinics);
	const st = stock(v, clinics, h, 'go_live', s.dnfbWindowDays, s.lagThresholdDays);
	const inScope = scopeMask(clinics, f);
	let unbilled = 0;
	let perDay = 0;
	const seen = new Set<number>();
	for (let i = 0; i < st.clinic.length; i++) {
		const c = st.clinic[i] as number;
		const k = st.k[i] as number;
		if (!inScope[c] || k < -s.baselineWeeks || k > -1) continue;
		unbilled += st.dnfb[i] as number;
		perDay += st.perDay[i] as number;
		seen.add(c);
	}
	return jsColumns({ base_days: [seen.size === 0 || perDay === 0 ? null : unbilled / perDay], clinics: [seen.size] });
}
