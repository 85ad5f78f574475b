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
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** First week k of two in a row at or below `limit`; the curve's length when none. */
function firstRun(curve: readonly number[], limit: number): number {
	for (let k = 0; k + 1 < curve.length; k++) if ((curve[k] ?? Infinity) <= limit && (curve[k + 1] ?? Infinity) <= limit) return k;
	return curve.length;
}

/**
 * The stabilization week the clinic's own level and a set of peer shapes give: the peers'
 * mean curve, each peer scaled to share 1 over the clinic's observed weeks, times the clinic's
 * tickets over those weeks; the steady level is that curve's mean over its last weeks.
 */
function stableWeek(ownTotal: number, shapes: readonly (readonly number[])[], length: number): number {
	const curve = Array.from({ length }, (_, k) => (ownTotal * sum(shapes.map((s) => s[k] ?? 0))) / shapes.length);
	const steady = sum(curve.slice(-FORECAST.steadyWeeks)) / FORECAST.steadyWeeks;
	return firstRun(curve, steady + FORECAST.sigmas * Math.sqrt(steady));
}

function quantile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? NaN;
}

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

export function forecastStabilization(clinic: ClinicWeeks, others: readonly ClinicWeeks[]): Forecast {
	const weeks = clinic.counts.length;
	if (weeks < FORECAST.minOwnWeeks) return { kind: 'not_enough', reason: `${weeks} complete week${weeks === 1 ? '' : 's'} since go-live; ${FORECAST.minOwnWeeks} are needed` };
	const ahead = others.filter((p) => p.clinicId !== clinic.clinicId && p.counts.length >= weeks + FORECAST.peerWeeksAhead);
	if (ahead.length < FORECAST.minPeers)
		return { kind: 'not_enough', reason: `fewer than ${FORECAST.minPeers} clinics have been live ${weeks + FORECAST.peerWeeksAhead} weeks to show the curve ahead` };
	const length = Math.min(...ahead.map((p) => p.counts.length));
	const shapes = ahead
		.map((p) => {
			const base = sum(p.counts.slice(0, weeks));
			return base > 0 ? p.counts.slice(0, length).map((c) => c / base) : null;
		})
		.filter((s): s is number[] => s !== null);
	if (shapes.length < FORECAST.minPeers) return { kind: 'not_enough', reason: 'the clinics further along had no tickets over these weeks' };
	const own = sum(clinic.counts.slice(0, weeks));
	const week = stableWeek(own, shapes, length);
	const random = seeded(hash(clinic.clinicId));
	const draws: number[] = [];
	for (let b = 0; b < FORECAST.resamples; b++) {
		const sample = shapes.map(() => shapes[Math.floor(random() * shapes.length)] ?? []);
		// The clinic's own count is one Poisson draw of its level: resample it too (normal approximation).
		const u = 1 - random();
		const total = Math.max(1, own + Math.sqrt(own) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()));
		draws.push(stableWeek(total, sample, length));
	}
	draws.sort((a, b) => a - b);
	const tail = (1 - FORECAST.coverage) / 2;
	return { kind: 'forecast', week, low: Math.min(week, quantile(draws, tail)), high: Math.max(week, quantile(draws, 1 - tail)), peers: shapes.length, asOfWeek: weeks - 1 };
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

/** Every clinic's forecast, each against all the others. */
export function forecastAll(series: readonly ClinicWeeks[]): Map<string, Forecast> {
	return new Map(series.map((s) => [s.clinicId, forecastStabilization(s, series)]));
}
