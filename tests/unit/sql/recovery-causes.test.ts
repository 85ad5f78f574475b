/**
 * Links to causes on the small recovery go-live: A has unreconciled intake and billing
 * variances; B and D, of the same wave, have none and are A's peers. The attribution's
 * variance table is stood in by hand (its columns as the attribution writes them), so that
 * this test checks the comparison alone; the bundled-sample test runs the real attribution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { recoveryCauses } from '$lib/sql/recovery/causes';
import { rows } from '../helpers/fixture';
import { A_COMPLETED, A_LAGS, B_COMPLETED, BASELINE_WEEKS, D_COMPLETED, quantileCont, smallRecoveryEngine } from '../helpers/small-recovery';

/** Post window: weeks 1-2 after go-live. */
const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7, postFrom: 1, postTo: 2, targetWeek: 2, slowAfterWeek: 4 };
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

let engine: Engine;
beforeAll(async () => {
	engine = await smallRecoveryEngine();
	await engine.query(`CREATE TABLE attribution_variance_effect AS SELECT * FROM (VALUES
		('A', 'intake', 'Paper intake form', TRUE, NULL::DATE, 3.0, TRUE),
		('A', 'billing', 'Claims mailed by hand', TRUE, NULL::DATE, 2.5, TRUE),
		('C', 'scheduling', 'Not a related area', TRUE, NULL::DATE, 2.0, TRUE)
	) t(clinic_id, workflow_area, descriptions, unreconciled, reconciled_on, oe, significant)`);
});
afterAll(() => engine.close());

describe('slow productivity beside its causes', () => {
	it('compares a clinic with a variance to its wave’s peers without one, with difference-in-differences', async () => {
		const found = await rows(engine, recoveryCauses(DEFAULT_FILTERS, S, 'productivity'));
		const a = found.find((r) => r.clinic_id === 'A');
		// Per provider-day, weeks 1-2 (every provider-day of a week has the same visits, and each week has as many provider-days).
		const post = {
			A: ((A_COMPLETED[1] ?? 0) + (A_COMPLETED[2] ?? 0)) / 2,
			B: ((B_COMPLETED[1] ?? 0) + (B_COMPLETED[2] ?? 0)) / 2 / 3,
			D: ((D_COMPLETED[1] ?? 0) + (D_COMPLETED[2] ?? 0)) / 2
		};
		const base = { A: 20, B: 15, D: 10 };
		expect(a).toMatchObject({ wave: '2026-03-02', has_variance: true, variance_areas: 'intake', peers: 2, status: 'watch', recovery_week: 4 });
		expect(a?.post).toBeCloseTo(post.A, 9);
		expect(a?.post_value).toBeCloseTo(post.A / base.A, 9);
		expect(a?.peer_post_value).toBeCloseTo(mean([post.B / base.B, post.D / base.D]), 9);
		expect(a?.vs_peers).toBeCloseTo(post.A / base.A - mean([post.B / base.B, post.D / base.D]), 9);
		expect(a?.did).toBeCloseTo(post.A - base.A - (mean([post.B, post.D]) - mean([base.B, base.D])), 9);
		// A's roster in intake/documentation: UA1 trained, UA2 never, UA3 after go-live; B's trained; D's never.
		expect(a?.untrained_share).toBeCloseTo(2 / 3, 9);
		expect(a?.peer_untrained_share).toBeCloseTo(mean([0, 1]), 9);
	});

	it('lists slow clinics without a variance too, and no one else', async () => {
		const found = await rows(engine, recoveryCauses(DEFAULT_FILTERS, S, 'productivity'));
		// D has not recovered by week 5, past the slow week 4; B recovered in week 1 with no variance; C's variance is in another area.
		expect(found.map((r) => [r.clinic_id, r.status, r.has_variance])).toEqual([
			['D', 'slow', false],
			['A', 'watch', true]
		]);
		// D's peers are A's wave without a variance: B only.
		expect(found[0]?.peers).toBe(1);
	});
});

describe('slow billing beside its causes', () => {
	it('compares median billing lag over the window with the peers’, with difference-in-differences', async () => {
		const [a] = await rows(engine, recoveryCauses({ ...DEFAULT_FILTERS, clinics: ['A'] }, S, 'billing'));
		const lags = (weeks: number[]) => weeks.flatMap((k) => A_LAGS[k] ?? []).filter((l): l is number => l !== null);
		const post = quantileCont(lags([1, 2]), 0.5) ?? NaN;
		const base = quantileCont(lags([-2, -1]), 0.5) ?? NaN;
		// Peers B (lag 4 throughout) and D (6 throughout).
		expect(a).toMatchObject({ variance_areas: 'billing', variance_descriptions: 'Claims mailed by hand', variance_unreconciled: true, peers: 2 });
		expect(a?.post).toBeCloseTo(post, 9);
		expect(a?.baseline).toBeCloseTo(base, 9);
		expect(a?.vs_peers).toBeCloseTo(post - 5, 9);
		expect(a?.did).toBeCloseTo(post - base - (5 - 5), 9);
	});
});
