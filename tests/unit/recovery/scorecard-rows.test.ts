/** Scorecard rows from real query results on the small recovery go-live, and their sorting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { scorecardRows, sortRows, type ScorecardRow, type ScorecardSources } from '$lib/recovery/scorecard-rows';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { billingSeries } from '$lib/sql/recovery/billing-lag';
import { productivitySeries } from '$lib/sql/recovery/productivity';
import { scorecard } from '$lib/sql/recovery/scorecard';
import { ticketWeekRates } from '$lib/sql/recovery/stabilization';
import { A_COMPLETED, A_TICKETS, BASELINE_WEEKS, smallRecoveryEngine } from '../helpers/small-recovery';

const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7, targetWeek: 2, slowAfterWeek: 4, steadyWeeks: 4, steadyFrom: 6 };

let engine: Engine;
let rows: ScorecardRow[];

/** The scorecard's sources, queried (each call queries them again: new tables). */
async function sources(): Promise<ScorecardSources> {
	const whole = { ...DEFAULT_FILTERS, axis: 'go_live' as const };
	return {
		card: await engine.query(scorecard(DEFAULT_FILTERS, S)),
		tickets: { table: await engine.query(ticketWeekRates(S)), key: 'clinic_id', value: 'rate' },
		productivity: { table: await engine.query(productivitySeries(whole, S, 'clinic')), key: 'series', value: 'actual' },
		billing: { table: await engine.query(billingSeries(whole, S, 'clinic')), key: 'series', value: 'billing_median' },
		causes: null,
		before: 2,
		productivityThreshold: S.productivityThreshold
	};
}

beforeAll(async () => {
	engine = await smallRecoveryEngine();
	rows = scorecardRows(await sources());
});
afterAll(() => engine.close());

describe('scorecard rows', () => {
	it('take weekly series of any length (a row per clinic and week: millions at 100,000 clinics)', async () => {
		const long = await engine.query(
			`SELECT CASE WHEN i % 100000 = 0 THEN 'A' ELSE 'X' || (i % 100000) END AS series, CAST(i // 100000 AS INTEGER) - 2 AS k, CAST(1 AS DOUBLE) AS actual FROM range(300000) t(i)`
		);
		const source = { table: long, key: 'series', value: 'actual' };
		const card = await engine.query(scorecard(DEFAULT_FILTERS, S));
		const tickets = { table: await engine.query(ticketWeekRates(S)), key: 'clinic_id', value: 'rate' };
		const built = scorecardRows({ card, tickets, productivity: source, billing: source, causes: null, before: 2, productivityThreshold: 0.95 });
		// A's weeks -2..0 from the long series (its common right edge is week 0); the other clinics have none in it.
		expect(built.map((r) => [r.clinicId, r.productivity.spark])).toEqual([
			['A', [1, 1, 1]],
			['B', []],
			['D', []],
			['C', []]
		]);
	});

	it('carry each standing with its sparkline over the common weeks', () => {
		const a = rows.find((r) => r.clinicId === 'A');
		expect(a?.productivity).toMatchObject({ week: 4, last: 5, status: 'watch', limit: 0.95 });
		// Weeks -2..5: the productivity index week by week.
		expect(a?.productivity.spark.map((v) => (v === null ? null : Math.round(v * 100) / 100))).toEqual([-2, -1, 0, 1, 2, 3, 4, 5].map((k) => (A_COMPLETED[k] ?? 0) / 20));
		expect(a?.tickets.spark).toEqual(A_TICKETS.map((n) => n * 25));
		// The count-noise limit around A's steady level (1.5 tickets a week over weeks 6-9), per 100 of its 4 users.
		expect(a?.tickets.limit).toBeCloseTo(25 * (Math.sqrt(1.5) + 1.25 * Math.sqrt(1.25)) ** 2, 9);
		expect(a?.billing.limit).toBeCloseTo(6.6, 9);
		expect(a?.topCause).toBeNull();
		// C has no baseline: no productivity line.
		expect(rows.find((r) => r.clinicId === 'C')?.productivity).toMatchObject({ week: null, status: 'unknown', spark: [] });
	});

	it('keep a clinic’s row (the same object) across scopes, each scope’s rows equal to rows built afresh', async () => {
		const [kept, fresh] = [await sources(), await sources()];
		for (const shown of [new Set(['A']), new Set(['A', 'B']), new Set(['C', 'D']), undefined]) {
			const first = scorecardRows({ ...kept, shown });
			const again = scorecardRows({ ...kept, shown });
			// A filter change and back: the page's keyed table gets the very rows it drew, and draws nothing again.
			again.forEach((row, i) => expect(row).toBe(first[i]));
			// Rows from the same query results queried again (nothing kept for them) are equal, not the same.
			const built = scorecardRows({ ...fresh, shown });
			expect(built).toEqual(first);
			expect(built[0]).not.toBe(first[0]);
		}
		// Other rules are other rows.
		expect(scorecardRows({ ...kept, productivityThreshold: 0.5 }).find((r) => r.clinicId === 'A')?.productivity.limit).toBe(0.5);
		expect(scorecardRows(kept).find((r) => r.clinicId === 'A')?.productivity.limit).toBe(S.productivityThreshold);
	});

	it('sort by a standing: recovered soonest first, then slow, pending and unknown', () => {
		expect(sortRows(rows, 'productivity', true).map((r) => [r.clinicId, r.productivity.week, r.productivity.status])).toEqual([
			['B', 1, 'on_track'],
			['A', 4, 'watch'],
			['D', null, 'slow'],
			['C', null, 'unknown']
		]);
		expect(sortRows(rows, 'productivity', false).map((r) => r.clinicId)).toEqual(['C', 'D', 'A', 'B']);
	});

	it('sort by text and counts, ties in go-live order', () => {
		expect(sortRows(rows, 'clinic', false).map((r) => r.clinicId)).toEqual(['D', 'C', 'B', 'A']);
		expect(sortRows(rows, 'open', false).map((r) => r.clinicId)).toEqual(['A', 'B', 'D', 'C']);
		expect(sortRows(rows, 'goLive', true).map((r) => r.clinicId)).toEqual(['A', 'B', 'D', 'C']);
	});

	it('sort clinic ids as people count them, by the clinic column and as the tie-break (Location 2 before Location 10)', () => {
		const named = ['Location 10', 'Location 2', 'Location 100', 'Location 9'].map((clinicId) => ({ ...rows[0]!, clinicId, goLive: '2026-03-02' }));
		const natural = ['Location 2', 'Location 9', 'Location 10', 'Location 100'];
		expect(sortRows(named, 'clinic', true).map((r) => r.clinicId)).toEqual(natural);
		expect(sortRows(named, 'goLive', true).map((r) => r.clinicId)).toEqual(natural);
	});
});
