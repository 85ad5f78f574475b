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

/** Steady weeks 6-9 of the small go-live (its last four). */
const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7, steadyWeeks: 4, steadyFrom: 6 };
const USERS = 4;
const perHundred = (n: number) => (n * 100) / USERS;
/** A's steady level: its mean tickets a week over weeks 6-9. */
const steady = [6, 7, 8, 9].reduce((s, k) => s + (A_TICKETS[k] ?? 0), 0) / 4;
/** The upper limit of a week's count: (√m + z/2 √(φ (1 + 1/4)))², φ = 1 (the median clinic's dispersion is below 1). */
const countLimit = (Math.sqrt(steady) + (2.5 / 2) * Math.sqrt(1 + 1 / 4)) ** 2;

let engine: Engine;
beforeAll(async () => {
	engine = await smallRecoveryEngine();
});
afterAll(() => engine.close());

describe('tickets per 100 users by week since go-live', () => {
	it('zero-fills complete weeks and sets the steady level and its count-noise limit from the last steady weeks', async () => {
		const found = (await rows(engine, ticketWeekRates(S))).filter((r) => r.clinic_id === 'A').sort((a, b) => (a.k as number) - (b.k as number));
		// The last ticket is on week 9's Sunday: weeks 0-9 are complete. Week 7 had no ticket.
		expect(found.map((r) => r.k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(found.map((r) => r.rate)).toEqual(A_TICKETS.map(perHundred));
		expect(found[0]?.level).toBeCloseTo(perHundred(steady), 9);
		expect(found[0]?.count_limit).toBeCloseTo(countLimit, 9);
		expect(found[0]?.rate_limit).toBeCloseTo(perHundred(countLimit), 9);
		expect(found[0]?.level_source).toBe('own');
	});
});

describe('weeks to stabilization', () => {
	it('is the first week of N consecutive weeks with a count within the limit', async () => {
		const found = await rows(engine, stabilization(S));
		// Limit 6.9 tickets: week 0 (8) is over, weeks 1 (6) and 2 (4) are the first two in a row within it.
		expect(found.find((r) => r.clinic_id === 'A')).toMatchObject({ recovery_week: 1, last_week: 9 });
		// B's one ticket in week 0 is within the limit of a clinic whose steady level is 0 (1.95); D has none.
		expect(found.find((r) => r.clinic_id === 'B')?.recovery_week).toBe(0);
		expect(found.find((r) => r.clinic_id === 'D')?.recovery_week).toBe(0);
		const three = await rows(engine, stabilization({ ...S, stabilizationWeeks: 3 }));
		expect(three.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(1);
		const strict = await rows(engine, stabilization({ ...S, stabilizationZ: 1 }));
		// z = 1: limit (√1.5 + 0.56)² = 3.2 tickets: weeks 3 (3) and 4 (1).
		expect(strict.find((r) => r.clinic_id === 'A')?.recovery_week).toBe(3);
	});

	it('has no steady level, and so no verdict, for a clinic not yet observed through the steady weeks without peers that have one', async () => {
		const later = await rows(engine, stabilization({ ...S, steadyFrom: 8 }));
		expect(later.find((r) => r.clinic_id === 'A')).toMatchObject({ recovery_week: null, last_week: 9 });
	});
});

describe('scorecard', () => {
	it('puts each clinic’s weeks, status and open backlog on one row, clinics in go-live order', async () => {
		const card = await rows(engine, scorecard(DEFAULT_FILTERS, { ...S, targetWeek: 0, slowAfterWeek: 4 }));
		expect(card.map((r) => r.clinic_id)).toEqual(['A', 'B', 'D', 'C']);
		const a = card[0];
		expect(a).toMatchObject({
			go_live: '2026-03-02',
			tickets_week: 1,
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
		expect(card[1]).toMatchObject({ productivity_week: 1, productivity_status: 'watch', tickets_week: 0, tickets_status: 'on_track', open_tickets: 0 });
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
