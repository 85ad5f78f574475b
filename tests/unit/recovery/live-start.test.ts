/**
 * Recovery opened live (no results kept for the data): the scorecard and charts are drawn from
 * the recovery tables while the root-cause attribution is still being built, and the top causes
 * and links to causes fill in once it is. The page used to wait for the attribution and the
 * causes over every clinic before drawing anything: at 100,000 clinics it never drew.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { BASELINE_WEEKS, smallRecoveryEngine } from '../helpers/small-recovery';
import { RecoveryState } from '../../../src/routes/recovery/recovery.svelte';

/** Rules under which D (recovering slowly) is slow: weeks 1-2 after go-live, slow after week 4. */
const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7, postFrom: 1, postTo: 2, targetWeek: 2, slowAfterWeek: 4 };

let engine: Engine;
beforeAll(async () => {
	// The recovery tables only: no attribution yet.
	engine = await smallRecoveryEngine();
});
afterAll(() => engine.close());

/** An attribution the test finishes (or fails) when it chooses; it records whether the scorecard was drawn when it was asked. */
function deferredAttribution(page: RecoveryState) {
	const asked: boolean[] = [];
	let finish!: (engine: Engine) => void;
	let fail!: (error: Error) => void;
	const done = new Promise<Engine>((resolve, reject) => ((finish = resolve), (fail = reject)));
	const attribution = () => {
		asked.push(page.scorecard !== null);
		return done;
	};
	return { attribution, asked, finish, fail };
}

describe('Recovery opened live', () => {
	it('draws the scorecard and charts before the attribution is done, then fills in the causes', async () => {
		const page = new RecoveryState();
		page.settings = S;
		const pending = deferredAttribution(page);
		await page.start(engine, pending.attribution);

		expect(page.error).toBeNull();
		expect(page.scorecard?.map((r) => r.clinicId)).toEqual(['A', 'B', 'D', 'C']);
		expect(page.charts).not.toBeNull();
		expect(page.causes).toBeNull();
		// Asked once, after the scorecard was drawn (its build would otherwise hold the first draw).
		expect(pending.asked).toEqual([true]);

		await buildAttribution(engine);
		pending.finish(engine);
		await page.causesLoaded;
		expect(page.error).toBeNull();
		expect(page.causesError).toBeNull();
		// D is slow to recover its productivity: listed with its status (and no variance).
		expect(page.causes?.productivity.map((r) => [r.clinic_id, r.status])).toContainEqual(['D', 'slow']);
		expect(page.scorecard?.map((r) => r.clinicId)).toEqual(['A', 'B', 'D', 'C']);
	});

	it('keeps the scorecard and says why when the attribution fails', async () => {
		const page = new RecoveryState();
		const pending = deferredAttribution(page);
		await page.start(engine, pending.attribution);
		pending.fail(new Error('out of memory'));
		await page.causesLoaded;
		expect(page.scorecard).toHaveLength(4);
		expect(page.causes).toBeNull();
		expect(page.causesError).toBe('out of memory');
	});
});
