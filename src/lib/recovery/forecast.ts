/**
 * Stabilization forecast per clinic: the week since go-live from which its weekly tickets are
 * expected to stay within count noise of its steady level, with an interval. Built from the
 * clinic's own tickets so far (its level) and the curves of clinics further along (earlier
 * waves) over the same weeks since go-live and beyond (its shape). Stated in docs/methods.md
 * ("Stabilization forecast"); the page shows it in words, never drawn as data.
 */

export const FORECAST = {
	/** The clinic's own complete weeks since go-live needed (weeks 0..4). */
	minOwnWeeks: 5,
	/** A peer informs the forecast when observed this many weeks beyond the clinic's last week... */
	peerWeeksAhead: 4,
	/** ...and at least this many such peers are needed. */
	minPeers: 3,
	/** Steady level: the mean of the peers' last weeks observed, this many of them. */
	steadyWeeks: 3,
	/** Within count noise: at most the steady level + this many sqrt(level), two weeks in a row. */
	sigmas: 2,
	/** Bootstrap resamples of the peers (and of the clinic's own count) behind the interval. */
	resamples: 400,
	/** Central interval from the resamples' quantiles. */
	coverage: 0.9
} as const;

/** Tickets per complete week since go-live (index = week, from 0). */
export interface ClinicWeeks {
	readonly clinicId: string;
	readonly counts: readonly number[];
}

export type Forecast =
	| { readonly kind: 'forecast'; readonly week: number; readonly low: number; readonly high: number; readonly peers: number; readonly asOfWeek: number }
	| { readonly kind: 'not_enough'; readonly reason: string };

/** mulberry32: a seeded stream, so the same data always gives the same interval. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The peers' shapes, week-major: shape `j`'s share at week `k` is `at[k * count + j]`, so that a
 * resample adds up one week of its picks from one run of memory.
 */
interface Shapes {
	readonly at: Float64Array;
	readonly count: number;
	readonly length: number;
}

/** Whole-curve sum in the order of the values, as a left fold from 0 (the interval's resamples must sum alike). */
function total(counts: readonly number[], upTo: number): number {
	let s = 0;
	for (let k = 0; k < upTo; k++) s += counts[k] as number;
	return s;
}

/**
 * The stabilization week the clinic's own level and a set of peer shapes give: the peers'
 * mean curve (the shapes `picks` names, each scaled to share 1 over the clinic's observed
 * weeks) times the clinic's tickets over those weeks; the steady level is that curve's mean
 * over its last weeks; the week is the first of two in a row within count noise of it (the
 * curve's length when none). Each week of the curve is summed only when the rule reads it: the
 * steady weeks, then from week 0 until the run is found.
 */
function stableWeek(ownTotal: number, shapes: Shapes, picks: Int32Array): number {
	const { at, count, length } = shapes;
	const curve = (k: number) => {
		let s = 0;
		const row = k * count;
		for (let b = 0; b < count; b++) s += at[row + (picks[b] as number)] as number;
		return (ownTotal * s) / count;
	};
	let steady = 0;
	for (let k = Math.max(0, length - FORECAST.steadyWeeks); k < length; k++) steady += curve(k);
	steady /= FORECAST.steadyWeeks;
	const limit = steady + FORECAST.sigmas * Math.sqrt(steady);
	let before = length > 0 ? curve(0) : Infinity;
	for (let k = 0; k + 1 < length; k++) {
		const next = curve(k + 1);
		if (before <= limit && next <= limit) return k;
		before = next;
	}
	return length;
}

function quantile(sorted: Float64Array, p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? NaN;
}

/** FNV-1a of a clinic id: its forecast's seed. */
export function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** The shapes of the peers with tickets over the clinic's `weeks`, over the first `length` weeks. */
function shapesOf(ahead: readonly ClinicWeeks[], weeks: number, length: number): Shapes {
	const bases = ahead.map((p) => total(p.counts, weeks));
	const used = ahead.filter((_, i) => (bases[i] as number) > 0);
	const usedBases = bases.filter((b) => b > 0);
	const count = used.length;
	const at = new Float64Array(length * count);
	used.forEach((p, j) => {
		const base = usedBases[j] as number;
		for (let k = 0; k < length; k++) at[k * count + j] = (p.counts[k] as number) / base;
	});
	return { at, count, length };
}

export function forecastStabilization(clinic: ClinicWeeks, others: readonly ClinicWeeks[]): Forecast {
	const weeks = clinic.counts.length;
	if (weeks < FORECAST.minOwnWeeks) return { kind: 'not_enough', reason: `${weeks} complete week${weeks === 1 ? '' : 's'} since go-live; ${FORECAST.minOwnWeeks} are needed` };
	const ahead = others.filter((p) => p.clinicId !== clinic.clinicId && p.counts.length >= weeks + FORECAST.peerWeeksAhead);
	if (ahead.length < FORECAST.minPeers)
		return { kind: 'not_enough', reason: `fewer than ${FORECAST.minPeers} clinics have been live ${weeks + FORECAST.peerWeeksAhead} weeks to show the curve ahead` };
	let length = Infinity;
	for (const p of ahead) length = Math.min(length, p.counts.length);
	const shapes = shapesOf(ahead, weeks, length);
	const n = shapes.count;
	if (n < FORECAST.minPeers) return { kind: 'not_enough', reason: 'the clinics further along had no tickets over these weeks' };
	const own = total(clinic.counts, weeks);
	const picks = new Int32Array(n);
	for (let j = 0; j < n; j++) picks[j] = j;
	const week = stableWeek(own, shapes, picks);
	const random = seeded(hash(clinic.clinicId));
	const draws = new Float64Array(FORECAST.resamples);
	for (let b = 0; b < FORECAST.resamples; b++) {
		for (let j = 0; j < n; j++) picks[j] = Math.floor(random() * n);
		// The clinic's own count is one Poisson draw of its level: resample it too (normal approximation).
		const u = 1 - random();
		const drawn = Math.max(1, own + Math.sqrt(own) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()));
		draws[b] = stableWeek(drawn, shapes, picks);
	}
	draws.sort();
	const tail = (1 - FORECAST.coverage) / 2;
	return { kind: 'forecast', week, low: Math.min(week, quantile(draws, tail)), high: Math.max(week, quantile(draws, 1 - tail)), peers: n, asOfWeek: weeks - 1 };
}

/** In words, for the scorecard: "expected stable in week 9–11". */
export function forecastText(f: Forecast): string {
	if (f.kind === 'not_enough') return 'not enough weeks to forecast';
	return f.low === f.high ? `expected stable in week ${f.week}` : `expected stable in week ${f.low}–${f.high}`;
}

/** Rows of `ticketWeekCounts()` (clinic_id, k, tickets; ordered) as one series per clinic. */
export function weeksByClinic(ids: readonly (string | null)[], ks: readonly (number | null)[], tickets: readonly (number | null)[]): ClinicWeeks[] {
	const out = new Map<string, number[]>();
	ids.forEach((id, i) => {
		const k = ks[i];
		if (id === null || k === null || k === undefined) return;
		let counts = out.get(id);
		if (!counts) out.set(id, (counts = []));
		counts[k] = tickets[i] ?? 0;
	});
	return [...out].map(([clinicId, counts]) => ({ clinicId, counts: Array.from(counts, (c) => c ?? 0) }));
}

/** Forecasts by clinic, as the scorecard reads them. */
export interface ForecastLookup {
	get(clinicId: string): Forecast | undefined;
}

/**
 * Every clinic's forecast, each against all the others, computed when first asked: the
 * scorecard says it only under a clinic whose tickets have not stabilized (none of the bundled
 * sample's 49 in the default rules), and each costs 400 resamples of its peers.
 */
export class ClinicForecasts implements ForecastLookup {
	readonly #series: ReadonlyMap<string, ClinicWeeks>;
	readonly #all: readonly ClinicWeeks[];
	readonly #done = new Map<string, Forecast>();

	constructor(series: readonly ClinicWeeks[]) {
		this.#all = series;
		this.#series = new Map(series.map((s) => [s.clinicId, s]));
	}

	/** How many forecasts have been computed so far. */
	get computed(): number {
		return this.#done.size;
	}

	get(clinicId: string): Forecast | undefined {
		const done = this.#done.get(clinicId);
		if (done) return done;
		const series = this.#series.get(clinicId);
		if (!series) return undefined;
		const forecast = forecastStabilization(series, this.#all);
		this.#done.set(clinicId, forecast);
		return forecast;
	}
}

export function forecastAll(series: readonly ClinicWeeks[]): ClinicForecasts {
	return new ClinicForecasts(series);
}
