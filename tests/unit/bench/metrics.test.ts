import { describe, expect, it } from 'vitest';
import { scoreTickets, scoreVariances, topCause, verdicts } from '../../../scripts/bench/metrics';

describe('attribution benchmark metrics', () => {
	it('breaks top-cause ties by the contract order', () => {
		expect(
			topCause(
				new Map([
					['unattributed', 0.5],
					['missed_training', 0.5]
				])
			)
		).toBe('missed_training');
		expect(
			topCause(
				new Map([
					['technical', 0.3],
					['workflow_variance', 0.3],
					['unattributed', 0.4]
				])
			)
		).toBe('unattributed');
		expect(topCause(new Map())).toBeNull();
	});

	it('compares shares by total variation distance and counts top-cause hits', () => {
		const truth = new Map([
			['T1', 'missed_training'],
			['T2', 'unattributed'],
			['T3', 'technical'],
			['T4', 'unattributed']
		]);
		const score = scoreTickets(truth, [
			{ ticketId: 'T1', cause: 'missed_training', weight: 0.5 },
			{ ticketId: 'T1', cause: 'unattributed', weight: 0.5 },
			{ ticketId: 'T2', cause: 'unattributed', weight: 1 },
			{ ticketId: 'T3', cause: 'technical', weight: 1 },
			{ ticketId: 'T4', cause: 'missed_training', weight: 1 }
		]);
		// truth: training 25%, unattributed 50%, technical 25%; attributed: training 37.5%, unattributed 37.5%, technical 25%
		expect(score.tvdPp).toBeCloseTo(12.5, 9);
		expect(score.worst.cause).toBe('missed_training');
		expect(score.topCauseAccuracy).toBe(0.75);
		expect(score.issues).toEqual([]);
	});

	it('reports missing tickets, bad weight sums and unknown causes', () => {
		const truth = new Map([
			['T1', 'technical'],
			['T2', 'technical'],
			['T3', 'technical']
		]);
		const score = scoreTickets(truth, [
			{ ticketId: 'T1', cause: 'technical', weight: 0.6 },
			{ ticketId: 'T2', cause: 'gremlins', weight: 1 }
		]);
		expect(score.issues).toHaveLength(3);
		expect(score.topCauseAccuracy).toBeCloseTo(1 / 3, 9);
		expect(score.shares.map((s) => s.cause)).toContain('gremlins');
	});

	it('scores flagged variances against every pair that raises tickets', () => {
		const planted = [
			{ clinicId: 'C01', area: 'orders', status: 'unreconciled', raisesTicketsUntil: null },
			{ clinicId: 'C02', area: 'intake', status: 'unreconciled', raisesTicketsUntil: null },
			{ clinicId: 'C03', area: 'inbox', status: 'reconciled', raisesTicketsUntil: '2026-04-01' }
		];
		const v = scoreVariances(planted, ['C01|orders', 'C03|inbox', 'C09|billing']);
		expect(v).toMatchObject({ planted: 3, foundPlanted: 2, unreconciled: 2, foundUnreconciled: 1, reconciledLate: 1, foundReconciledLate: 1, found: 3 });
		expect(v.recall).toBeCloseTo(2 / 3, 9);
		expect(v.precision).toBeCloseTo(2 / 3, 9);
		expect(v.missed).toEqual(['C02|intake']);
		expect(v.falsePositives).toEqual(['C09|billing']);
		expect(scoreVariances(planted, []).precision).toBeNull();
	});

	it('marks each figure against its target', () => {
		const tickets = scoreTickets(new Map([['T1', 'technical']]), [{ ticketId: 'T1', cause: 'technical', weight: 1 }]);
		const variances = scoreVariances([{ clinicId: 'C01', area: 'orders', status: 'unreconciled', raisesTicketsUntil: null }], []);
		expect(verdicts(tickets, variances)).toEqual({ tvd: 'PASS', recall: 'FAIL', precision: 'n/a' });
	});
});
