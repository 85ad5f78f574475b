/**
 * The stabilization forecast, computed without allocating a curve per resample (it ran on the
 * page's first view: 160–200 ms of CPU on the bundled sample), against the rule written out
 * plainly: the whole mean curve of every resample, then its steady level and first run. Same
 * random stream, same sums in the same order: the same week and interval, exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The same random stream (the interval's resamples must draw alike); the rule itself is written out below.
import { FORECAST, forecastAll, hash, seeded, type ClinicWeeks, type Forecast } from '$lib/recovery/forecast';

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** The rule as plainly as it reads: every week of the peers' mean curve, its steady level, the first two weeks in a row within count noise. */
function plainStableWeek(ownTotal: number, shapes: readonly (readonly number[])[], length: number): number {
	const curve = Array.from({ length }, (_, k) => (ownTotal * sum(shapes.map((s) => s[k] ?? 0))) / shapes.length);
	const steady = sum(curve.slice(-FORECAST.steadyWeeks)) / FORECAST.steadyWeeks;
	const limit = steady + FORECAST.sigmas * Math.sqrt(steady);
	for (let k = 0; k + 1 < curve.length; k++) if ((curve[k] as number) <= limit && (curve[k + 1] as number) <= limit) return k;
	return curve.length;
}

function plainForecast(clinic: ClinicWeeks, others: readonly ClinicWeeks[]): Forecast['kind'] | Omit<Extract<Forecast, { kind: 'forecast' }>, 'kind'> {
	const weeks = clinic.counts.length;
	if (weeks < FORECAST.minOwnWeeks) return 'not_enough';
	const ahead = others.filter((p) => p.clinicId !== clinic.clinicId && p.counts.length >= weeks + FORECAST.peerWeeksAhead);
	if (ahead.length < FORECAST.minPeers) return 'not_enough';
	const length = Math.min(...ahead.map((p) => p.counts.length));
	const shapes = ahead
		.map((p) => {
			const base = sum(p.counts.slice(0, weeks));
			return base > 0 ? p.counts.slice(0, length).map((c) => c / base) : null;
		})
		.filter((s): s is number[] => s !== null);
	if (shapes.length < FORECAST.minPeers) return 'not_enough';
	const own = sum(clinic.counts.slice(0, weeks));
	const week = plainStableWeek(own, shapes, length);
	const random = seeded(hash(clinic.clinicId));
	const draws: number[] = [];
	for (let b = 0; b < FORECAST.resamples; b++) {
		const sample = shapes.map(() => shapes[Math.floor(random() * shapes.length)] ?? []);
		const u = 1 - random();
		const total = Math.max(1, own + Math.sqrt(own) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()));
		draws.push(plainStableWeek(total, sample, length));
	}
	draws.sort((a, b) => a - b);
	const at = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.round(p * (draws.length - 1))))] as number;
	const tail = (1 - FORECAST.coverage) / 2;
	return { week, low: Math.min(week, at(tail)), high: Math.max(week, at(1 - tail)), peers: shapes.length, asOfWeek: weeks - 1 };
}

const asPlain = (f: Forecast | undefined) => (f?.kind === 'forecast' ? { week: f.week, low: f.low, high: f.high, peers: f.peers, asOfWeek: f.asOfWeek } : f?.kind);

/** A go-live's weekly tickets: a peak falling to a floor, with noise, some weeks of none. */
const clinicCurve = fc.record({
	peak: fc.integer({ min: 0, max: 400 }),
	floor: fc.integer({ min: 0, max: 40 }),
	decay: fc.double({ min: 0.3, max: 0.95, noNaN: true }),
	weeks: fc.integer({ min: 1, max: 40 }),
	noise: fc.array(fc.integer({ min: -15, max: 15 }), { minLength: 40, maxLength: 40 })
});

describe('stabilization forecast, computed lean', () => {
	it('gives every clinic the week, interval and peers the plain rule gives', () => {
		fc.assert(
			fc.property(fc.array(clinicCurve, { minLength: 1, maxLength: 24 }), (curves) => {
				const series: ClinicWeeks[] = curves.map((c, i) => ({
					clinicId: `C${i}`,
					counts: Array.from({ length: c.weeks }, (_, k) => Math.max(0, Math.round(c.floor + c.peak * c.decay ** k) + (c.noise[k] as number)))
				}));
				const lean = forecastAll(series);
				for (const s of series) expect(asPlain(lean.get(s.clinicId))).toEqual(plainForecast(s, series));
			}),
			{ numRuns: 60 }
		);
	});

	it('forecasts on a go-live of many clinics as the plain rule does (most of them forecast)', () => {
		const series: ClinicWeeks[] = Array.from({ length: 60 }, (_, i) => ({
			clinicId: `clinic-${i}`,
			counts: Array.from({ length: 6 + (i % 30) }, (_, k) => Math.round((5 + (i % 7)) * (20 + 80 * 0.75 ** k)) % 997)
		}));
		const lean = forecastAll(series);
		const forecasts = series.filter((s) => lean.get(s.clinicId)?.kind === 'forecast');
		expect(forecasts.length).toBeGreaterThan(30);
		for (const s of series) expect(asPlain(lean.get(s.clinicId))).toEqual(plainForecast(s, series));
	});
});
