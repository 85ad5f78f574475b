/**
 * Ticket stabilization and the scorecard on the small recovery go-live; expected figures are
 * worked out here from A's weekly ticket counts and roster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { scorecard } from '$lib/sql/recovery/scorecard';
import { stabilization, ticketWeekRates } from '$lib/sql/recovery/stabilization';
import { rows } from '../helpers/fixture';
import { A_TICKETS, BASELINE_WEEKS, smallRecoveryEngine } from '../helpers/small-recovery';

const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7 };
const USERS = 4;
const perHundred = (n: number) => (n * 100) / USERS;
/** Mean rate over go-live weeks 5-8. */
const level = perHundred([5, 6, 7, 8].reduce((s, k) => s + (A_TICKETS[k] ?? 0), 0) / 4);

let engine: Engine;
beforeAll(async () => {
	engine = await smallRecoveryEngine();
});
afterAll(() => engine.close());

describe('tickets per 100 users by week since go-live', () => {
	it('zero-fills complete weeks and sets the reference level to the mean over weeks 5-8', async () => {
		const found = (await rows(engine, ticketWeekRates(S))).filter((r) => r.clinic_id === 'A').sort((a, b) => (a.k as number) - (b.k as number));
		// The last ticket is on week 9's Sunday: weeks 0-9 are complete. Week 7 had no ticket.
		expect(found.map((r) => r.k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(found.map((r) => r.rate)).toEqual(A_TICKETS.map(perHundred));
		expect(found[0]?.level).toBeCloseTo(level, 9);
		expect(found[0]?.rate_limit).toBeCloseTo(level, 9);
	});

	it('sets the control limit at level + sigmas × sqrt(level / (users / 100))', async () => {
		const [a] = (await rows(engine, ticketWeekRates({ ...S, stabilizationRule: 'control' }))).filter((r) => r.clinic_id === 'A');
		expect(a?.rate_limit).toBeCloseTo(level + 3 * Math.sqrt(level / (USERS / 100)), 9);
	});
});

describe('weeks to stabilization', () => {
	it('is the first week of N consecutive weeks within the rule', async () => {
		const found = await rows(engine, stabilization(S));
		// Level 37.5 per 100 users (1.5 tickets a week): weeks 4 and 5 (1 each) are the first two in a row.
		expect(found.find((r) => r.clinic_id === 'A')).toMatchObject({ recovery_week: 4, last_week: 9 });
		// B's one ticket is in week 0, over its level of 0; D has none: level 0, every week at it.
		expect(found.find((r) => r.clinic_id === 'B')?.recovery_week).toBe(1);
		expect(found.find((r) => r.clinic_id === 'D')?.recovery_week).toBe(0);
	});

	it('follows the rule: a factor, or the upper control limit', async () => {
		const factor = await rows(engine, stabilization({ ...S, stabilizationFactor: 2.5 }));
		// Limit 93.75 = 3.75 tickets: weeks 3 (3) and 4 (1).
		expect(factor.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(3);
		const control = await rows(engine, stabilization({ ...S, stabilizationRule: 'control' }));
		// Limit 37.5 + 3 sqrt(937.5) = 129.4 per 100 = 5.2 tickets: weeks 2 (4) and 3 (3).
		expect(control.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(2);
	});

	it('waits for a clinic to be observed through its reference weeks', async () => {
		const later = await rows(engine, stabilization({ ...S, referenceFrom: 8, referenceTo: 12 }));
		expect(later.find((r) => r.clinic_id === 'A')).toMatchObject({ recovery_week: null, last_week: 9 });
	});
});

describe('scorecard', () => {
	it('puts each clinic’s weeks, status and open backlog on one row, clinics in go-live order', async () => {
		const card = await rows(engine, scorecard(DEFAULT_FILTERS, { ...S, targetWeek: 2, slowAfterWeek: 4 }));
		expect(card.map((r) => r.clinic_id)).toEqual(['A', 'B', 'D', 'C']);
		const a = card[0];
		expect(a).toMatchObject({
			go_live: '2026-03-02',
			tickets_week: 4,
			tickets_status: 'watch',
			productivity_week: 4,
			productivity_status: 'watch',
			billing_week: 4,
			billing_status: 'watch',
			// Every A ticket is open; B's one is resolved.
			open_tickets: A_TICKETS.reduce((s, n) => s + n, 0)
		});
		expect(a?.open_per_100_users).toBeCloseTo(perHundred(A_TICKETS.reduce((s, n) => s + n, 0)), 9);
		expect(a?.billing_limit).toBeCloseTo(1.2 * 5.5, 9);
		expect(card[1]).toMatchObject({ productivity_week: 1, productivity_status: 'on_track', open_tickets: 0 });
		// D has not recovered after 5 weeks, past the slow week (4); C has no baseline.
		expect(card[2]).toMatchObject({ productivity_week: null, productivity_status: 'slow' });
		expect(card[3]).toMatchObject({ productivity_status: 'unknown' });
	});

	it('calls a clinic live for fewer weeks than the slow week pending, and keeps to the chosen sites', async () => {
		const card = await rows(engine, scorecard({ ...DEFAULT_FILTERS, sites: ['S2'] }, S));
		expect(card.map((r) => r.clinic_id)).toEqual(['D', 'C']);
		expect(card[0]?.productivity_status).toBe('pending');
	});
});
