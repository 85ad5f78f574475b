/**
 * Productivity against each clinic's own baseline, on the small recovery go-live. Expected
 * figures come from the formulas written out here, over the fixture's inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { productivityBaseline, productivityRecovery, productivitySeries } from '$lib/sql/recovery/productivity';
import { rows } from '../helpers/fixture';
import { A_COMPLETED, A_SCHEDULED, B_COMPLETED, BASELINE_WEEKS, D_COMPLETED, monday, smallRecoveryEngine } from '../helpers/small-recovery';

const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS };
const goLive: OverviewFilters = { ...DEFAULT_FILTERS, axis: 'go_live' };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Provider-days of each clinic in week k: A has P1 on 5 days and P2 on 2 (4 and 1 in the holiday week -2); B counts 3 per clinic day. */
const providerDays = (clinic: 'A' | 'B' | 'D', k: number) => {
	const days = k === -2 ? 4 : 5;
	if (clinic === 'A') return days + (k === -2 ? 1 : 2);
	return clinic === 'B' ? 3 * days : days;
};
/** Visits per provider-day: A and D record them per provider; B's clinic day is shared by its 3 providers. */
const rate = { A: (k: number) => A_COMPLETED[k] ?? 0, B: (k: number) => (B_COMPLETED[k] ?? 0) / 3, D: (k: number) => D_COMPLETED[k] ?? 0 };
const baseline = (clinic: 'A' | 'B' | 'D') => {
	const weeks = [-2, -1];
	const visits = weeks.reduce((s, k) => s + rate[clinic](k) * providerDays(clinic, k), 0);
	return visits / weeks.reduce((s, k) => s + providerDays(clinic, k), 0);
};

let engine: Engine;
beforeAll(async () => {
	engine = await smallRecoveryEngine();
});
afterAll(() => engine.close());

describe('productivity baseline', () => {
	it('is visits per provider-day over the baseline weeks; a clinic-total row counts as the clinic’s providers', async () => {
		const found = await rows(engine, productivityBaseline(S));
		const of = (id: string) => found.find((r) => r.clinic_id === id);
		expect(of('A')?.base_rate).toBeCloseTo(20, 9);
		expect(of('A')?.base_scheduled_rate).toBeCloseTo(22, 9);
		expect(of('B')?.base_rate).toBeCloseTo(15, 9);
		expect(of('B')?.base_scheduled_rate).toBeNull();
		expect(of('D')?.base_rate).toBeCloseTo(baseline('D'), 9);
		// C has no visits before its go-live: no baseline, so no index.
		expect(of('C')).toBeUndefined();
	});

	it('follows the configured number of baseline weeks', async () => {
		const [a] = await rows(engine, productivityBaseline({ ...S, baselineWeeks: 1 }));
		expect(a?.base_rate).toBeCloseTo(20, 9);
	});
});

describe('productivity by week', () => {
	it('gives each clinic its share of baseline; a holiday and a part-time provider do not read as a dip', async () => {
		const found = await rows(engine, productivitySeries(goLive, S, 'clinic'));
		const a = (k: number) => found.find((r) => r.series === 'A' && r.k === k);
		for (let k = -2; k <= 5; k++) expect(a(k)?.actual, `A week ${k}`).toBeCloseTo((A_COMPLETED[k] ?? 0) / 20, 9);
		// The holiday week has fewer provider-days but the same pace.
		expect(a(-2)?.provider_days).toBe(providerDays('A', -2));
		expect(a(-2)?.actual).toBeCloseTo(1, 9);
		expect(a(0)?.planned).toBeCloseTo((A_SCHEDULED[0] ?? 0) / 22, 9);
		expect(found.find((r) => r.series === 'B' && r.k === 0)?.actual).toBeCloseTo(30 / 45, 9);
		expect(found.some((r) => r.series === 'C')).toBe(false);
	});

	it('rolls clinics up by provider-days: Σ completed / Σ (provider-days × the clinic’s baseline rate)', async () => {
		const found = await rows(engine, productivitySeries({ ...goLive, sites: ['S1'] }, S, 'all'));
		const week0 = found.find((r) => r.k === 0);
		const completed = rate.A(0) * providerDays('A', 0) + rate.B(0) * providerDays('B', 0);
		const expected = providerDays('A', 0) * baseline('A') + providerDays('B', 0) * baseline('B');
		expect(week0?.actual).toBeCloseTo(completed / expected, 9);
		// Only A records schedules, so planned is A's alone.
		expect(week0?.planned).toBeCloseTo((A_SCHEDULED[0] ?? 0) / 22, 9);
	});

	it('keys calendar weeks by their Monday and site roll-ups by site; dates select whole weeks', async () => {
		const calendar = await rows(engine, productivitySeries({ ...DEFAULT_FILTERS, from: '2026-03-04', to: '2026-03-10' }, S, 'site'));
		expect(calendar.map((r) => [r.series, r.k])).toEqual([
			['S1', day(monday(0))],
			['S1', day(monday(1))],
			['S2', day(monday(0))],
			['S2', day(monday(1))]
		]);
	});
});

describe('productivity recovery week', () => {
	it('is the first week of N consecutive weeks at or above the threshold', async () => {
		const found = await rows(engine, productivityRecovery(S));
		const of = (id: string) => found.find((r) => r.clinic_id === id);
		// A: 0.70 0.85 0.95 0.90 1.00 0.95: week 2 alone is not a run of 2; weeks 4-5 are.
		expect(of('A')).toMatchObject({ recovery_week: 4, last_week: 5 });
		// B: 0.67 then 1.0 from week 1.
		expect(of('B')?.recovery_week).toBe(1);
		// D: 0.5 ... 1.0 only in week 5, the last: not yet recovered.
		expect(of('D')).toMatchObject({ recovery_week: null, last_week: 5 });
	});

	it('follows the threshold and run length', async () => {
		const lenient = await rows(engine, productivityRecovery({ ...S, productivityThreshold: 0.9, recoveryWeeks: 3 }));
		// A at 0.9: weeks 2, 3, 4, 5 all pass: the run starts at week 2.
		expect(lenient.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(2);
		const single = await rows(engine, productivityRecovery({ ...S, recoveryWeeks: 1 }));
		expect(single.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(2);
		expect(single.find((r) => r.clinic_id === 'D')?.recovery_week).toBe(5);
	});
});
