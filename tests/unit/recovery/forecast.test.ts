/** The stabilization forecast on hand-made curves: its rule, its interval, and when it declines to guess. */
import { describe, expect, it } from 'vitest';
import { forecastAll, forecastStabilization, forecastText, weeksByClinic, type ClinicWeeks } from '$lib/recovery/forecast';

/** A clean go-live curve: 100 tickets in week 0 falling by 30% a week to a floor of 20. */
const curve = (scale: number, weeks: number) => Array.from({ length: weeks }, (_, k) => Math.round(scale * (20 + 80 * 0.7 ** k)));
const peers = (n: number, weeks: number): ClinicWeeks[] => Array.from({ length: n }, (_, i) => ({ clinicId: `P${i}`, counts: curve(1, weeks) }));

/** Where the rule puts a clean curve: first of two weeks at or below steady + 2 sqrt(steady). */
function ruleWeek(counts: readonly number[]): number {
	const steady = (counts.at(-1)! + counts.at(-2)! + counts.at(-3)!) / 3;
	const limit = steady + 2 * Math.sqrt(steady);
	return counts.findIndex((c, k) => c <= limit && (counts[k + 1] ?? Infinity) <= limit);
}

describe('stabilization forecast', () => {
	it('puts a clinic on its peers’ curve, at its own level, and reads the week off the rule', () => {
		const f = forecastStabilization({ clinicId: 'T', counts: curve(1, 5) }, peers(6, 14));
		const expected = ruleWeek(curve(1, 14));
		expect(f).toMatchObject({ kind: 'forecast', week: expected, peers: 6, asOfWeek: 4 });
		if (f.kind !== 'forecast') return;
		// Identical peers: only the clinic's own Poisson count moves the resamples.
		expect(f.low).toBeLessThanOrEqual(expected);
		expect(f.high).toBeGreaterThanOrEqual(expected);
		expect(f.high - f.low).toBeLessThanOrEqual(2);
	});

	it('gives a larger clinic a later week: its steady level’s count noise is smaller relative to it', () => {
		const small = forecastStabilization({ clinicId: 'S', counts: curve(0.5, 5) }, peers(6, 14));
		const large = forecastStabilization({ clinicId: 'L', counts: curve(8, 5) }, peers(6, 14));
		expect(small.kind === 'forecast' && large.kind === 'forecast' && large.week > small.week).toBe(true);
	});

	it('says not enough weeks to forecast, never a guess', () => {
		const young = forecastStabilization({ clinicId: 'T', counts: curve(1, 4) }, peers(6, 14));
		const alone = forecastStabilization({ clinicId: 'T', counts: curve(1, 5) }, peers(2, 14));
		const noneAhead = forecastStabilization({ clinicId: 'T', counts: curve(1, 8) }, peers(6, 10));
		for (const f of [young, alone, noneAhead]) {
			expect(f.kind).toBe('not_enough');
			expect(forecastText(f)).toBe('not enough weeks to forecast');
		}
	});

	it('says the interval in words', () => {
		expect(forecastText({ kind: 'forecast', week: 10, low: 9, high: 11, peers: 5, asOfWeek: 4 })).toBe('expected stable in week 9–11');
		expect(forecastText({ kind: 'forecast', week: 6, low: 6, high: 6, peers: 5, asOfWeek: 4 })).toBe('expected stable in week 6');
	});

	it('reads the query’s rows into one series per clinic, zero-filled', () => {
		const series = weeksByClinic(['A', 'A', 'B', 'B'], [0, 2, 0, 1], [5, 3, 7, null]);
		expect(series).toEqual([
			{ clinicId: 'A', counts: [5, 0, 3] },
			{ clinicId: 'B', counts: [7, 0] }
		]);
		expect(forecastAll(series).get('A')?.kind).toBe('not_enough');
	});

	it('computes a clinic’s forecast when it is first asked, once (the scorecard asks only for clinics not yet stable)', () => {
		const series = [...peers(6, 14), { clinicId: 'T', counts: curve(1, 5) }];
		const forecasts = forecastAll(series);
		expect(forecasts.computed).toBe(0);
		const first = forecasts.get('T');
		expect(first).toEqual(forecastStabilization(series.at(-1)!, series));
		expect(forecasts.get('T')).toBe(first);
		expect(forecasts.computed).toBe(1);
		expect(forecasts.get('nobody')).toBeUndefined();
		expect(forecasts.computed).toBe(1);
	});
});
