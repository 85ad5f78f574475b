import { describe, expect, it } from 'vitest';
import { byarFlags, meanAndWorst, scoreDefects, scoreFalseFlags } from '../../../scripts/bench/incident-metrics';

describe('issue-21 benchmark metrics', () => {
	const planted = [
		{ id: 'BD-1', area: 'orders', start: '2026-04-14', end: '2026-04-17' },
		{ id: 'SW-1', area: 'inbox', start: '2026-06-08', end: '2026-06-19', singleWave: 3 },
		{ id: 'SW-2', area: 'results', start: '2026-05-04', end: '2026-05-15', singleWave: 1 }
	];

	it('matches incidents to planted defects by area and overlapping days (a week of slack)', () => {
		const score = scoreDefects(planted, [
			{ id: 'BD-orders-2026-04-13', area: 'orders', firstDay: '2026-04-14', lastDay: '2026-04-20' },
			{ id: 'BD-inbox-2026-06-22', area: 'inbox', firstDay: '2026-06-22', lastDay: '2026-06-24' },
			{ id: 'BD-intake-2026-05-04', area: 'intake', firstDay: '2026-05-04', lastDay: '2026-05-08' }
		]);
		expect(score).toMatchObject({ planted: 3, singleWave: 2, foundSingleWave: 1, incidents: 3, trueIncidents: 2, falseInNoDefect: null, unmatched: ['BD-intake-2026-05-04'] });
		expect(score.singleWaveRecall).toBe(0.5);
		expect(score.precision).toBeCloseTo(2 / 3, 12);
	});

	it('counts every incident as false when nothing was planted', () => {
		expect(scoreDefects([], [])).toMatchObject({ falseInNoDefect: 0, precision: null, singleWaveRecall: null });
		expect(scoreDefects([], [{ id: 'x', area: 'orders', firstDay: '2026-04-14', lastDay: '2026-04-14' }]).falseInNoDefect).toBe(1);
	});

	it('flags with Byar’s lower bound and counts false flags among variance-free, poorly trained and silent clinic-areas', () => {
		expect(byarFlags(20, 10)).toBe(true); // lower bound 1.22
		expect(byarFlags(15, 10)).toBe(false); // lower bound 0.84
		expect(byarFlags(0, 1)).toBe(false);
		const score = scoreFalseFlags(
			[
				{ pair: 'C01|orders', observed: 40, expected: 10, pValue: null },
				{ pair: 'C02|orders', observed: 40, expected: 10, pValue: null },
				{ pair: 'C02|inbox', observed: 10, expected: 10, pValue: null },
				{ pair: 'C03|intake', observed: 9, expected: 10, pValue: null }
			],
			new Set(['C01|orders']),
			new Set(['C02']),
			new Set(['C02|orders'])
		);
		expect(score).toEqual({ free: 3, flagged: 1, rate: 1 / 3, poorFree: 2, poorFlagged: 1, silent: 1, silentFlagged: 1 });
	});

	it('uses the attribution’s own p-value when it gives one (a test that allows for the noise in E)', () => {
		const score = scoreFalseFlags(
			[
				{ pair: 'C01|orders', observed: 20, expected: 10, pValue: 0.04 }, // plain Byar would flag it
				{ pair: 'C02|orders', observed: 12, expected: 10, pValue: 0.01 }
			],
			new Set(),
			new Set(),
			new Set()
		);
		expect(score).toMatchObject({ free: 2, flagged: 1 });
	});

	it('summarises a figure by its mean and worst scenario, skipping where it does not apply', () => {
		expect(meanAndWorst([0.9, null, 0.7], 'low')).toEqual({ mean: 0.8, worst: 0.7, n: 2 });
		expect(meanAndWorst([1, 3], 'high')).toEqual({ mean: 2, worst: 3, n: 2 });
		expect(meanAndWorst([null], 'high')).toEqual({ mean: null, worst: null, n: 0 });
	});
});
