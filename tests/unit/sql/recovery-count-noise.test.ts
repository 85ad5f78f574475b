/**
 * Ticket stabilization accounts for count noise (issue 17, item 3): the right verdict for a
 * clinic of 5 tickets a week and one of 500, and a clinic still unsettled is flagged.
 *
 * Four clinics go live on 2026-03-02, observed to week 19; at 25 tickets per 100 users a week
 * when steady. SMALL (20 users) and BIG (2,000) settle from week 3 with Poisson-sized noise;
 * DECLINING (40) is still falling steeply at the end of the data; LATE (40) went live ten
 * weeks later and still runs at three times its peers' level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { buildRecovery } from '$lib/recovery';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS as S } from '$lib/recovery/settings';
import { scorecard } from '$lib/sql/recovery/scorecard';
import { stabilization, ticketWeekRates } from '$lib/sql/recovery/stabilization';
import { csvFile, engineWith, rows } from '../helpers/fixture';
import { addDays } from '../helpers/small-recovery';

/** Standard normal deviates, fixed: the noise of the steady weeks. */
const Z = [0.3, -1.1, 1.6, 0.2, -0.5, 1.9, -0.8, 0.4, -1.3, 0.7, 1.2, -0.2, -1.7, 0.9, 0.1, -0.4, 1.0];
const steadyWeeks = (mean: number) => Z.map((z) => Math.max(0, Math.round(mean + z * Math.sqrt(mean))));

const COUNTS: Record<string, readonly number[]> = {
	SMALL: [40, 25, 16, ...steadyWeeks(5)],
	BIG: [4000, 2500, 1400, ...steadyWeeks(500)],
	DECLINING: Array.from({ length: 20 }, (_, k) => 400 - 17 * k),
	LATE: [200, 150, 120, 100, 90, 85, 80, 80, 78, 80]
};
const USERS: Record<string, number> = { SMALL: 20, BIG: 2000, DECLINING: 40, LATE: 40 };
const GO_LIVE: Record<string, string> = { SMALL: '2026-03-02', BIG: '2026-03-02', DECLINING: '2026-03-02', LATE: '2026-05-11' };

function ticketLines(): string[] {
	const lines: string[] = [];
	for (const [clinic, counts] of Object.entries(COUNTS)) {
		counts.forEach((n, k) => {
			const monday = addDays(GO_LIVE[clinic] ?? '', 7 * k);
			for (let i = 0; i < n; i++) lines.push(`${clinic}-${k}-${i},${addDays(monday, i % 5)} 10:00:00,,,${clinic},,how_to,,3,open,,`);
		});
	}
	// Makes week 19 of the first wave (week 9 of LATE) complete.
	lines.push(`END,${addDays('2026-03-02', 7 * 19 + 6)} 10:00:00,,,SMALL,,how_to,,3,open,,`);
	return lines;
}

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith([
		csvFile('clinics', ['clinic_id,clinic_name,site,specialty,go_live_date,providers', ...Object.keys(COUNTS).map((c) => `${c},${c},S,primary_care,${GO_LIVE[c]},2`)]),
		csvFile('training', [
			'user_id,clinic_id,role,workflow_area,completed_on,score',
			...Object.entries(USERS).flatMap(([c, n]) => Array.from({ length: n }, (_, i) => `${c}${i},${c},nurse,intake,2026-02-01,80`))
		]),
		csvFile('tickets', ['ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description', ...ticketLines()]),
		csvFile('throughput', ['date,clinic_id,provider_id,scheduled_visits,completed_visits', '2026-03-02,SMALL,P1,10,10']),
		csvFile('billing', ['encounter_id,clinic_id,date_of_service,charge_posted_on,claim_submitted_on,denied', 'E1,SMALL,2026-03-02,2026-03-03,2026-03-04,false'])
	]);
	await buildRecovery(engine, engine);
}, 120_000);
afterAll(() => engine.close());

const byClinic = async () => new Map((await rows(engine, stabilization(S))).map((r) => [r.clinic_id as string, r]));

describe('stabilization with count noise', () => {
	it('sees a clinic of 5 tickets a week settled from week 3, its noisy weeks (up to 9) within the limit', async () => {
		expect((await byClinic()).get('SMALL')).toMatchObject({ recovery_week: 3, last_week: 19 });
		const [small] = (await rows(engine, ticketWeekRates(S))).filter((r) => r.clinic_id === 'SMALL');
		// Weeks 12-19, with the END ticket of week 19.
		const last8 = ((COUNTS.SMALL ?? []).slice(12, 20).reduce((a, b) => a + b, 0) + 1) / 8;
		expect(small).toMatchObject({ level_source: 'own' });
		expect(small?.level).toBeCloseTo((last8 * 100) / 20, 9);
		// (√m + 1.25 √(φ 9/8))², φ = 1: the limit widens with √m.
		expect(small?.count_limit as number).toBeGreaterThan(11);
		expect(small?.count_limit as number).toBeLessThan(14);
	});

	it('sees a clinic of 500 tickets a week settled from week 3, and holds it to about ±30 tickets, not ±500', async () => {
		expect((await byClinic()).get('BIG')).toMatchObject({ recovery_week: 3, last_week: 19 });
		const [big] = (await rows(engine, ticketWeekRates(S))).filter((r) => r.clinic_id === 'BIG');
		expect(big?.count_limit as number).toBeGreaterThan(540);
		expect(big?.count_limit as number).toBeLessThan(580);
	});

	it('flags a clinic still falling at the end of the data: its last weeks give no steady level, and it is far above its peers', async () => {
		const [declining] = (await rows(engine, ticketWeekRates(S))).filter((r) => r.clinic_id === 'DECLINING');
		expect(declining?.level_source).toBe('peers');
		// SMALL's and BIG's pooled level, 25 per 100 users.
		expect(declining?.level as number).toBeCloseTo(25, 0);
		expect((await byClinic()).get('DECLINING')).toMatchObject({ recovery_week: null, last_week: 19 });
	});

	it('flags a clinic live too briefly for its own steady level and still three times its peers’ level', async () => {
		expect((await byClinic()).get('LATE')).toMatchObject({ recovery_week: null, last_week: 9 });
		const card = await rows(engine, scorecard(DEFAULT_FILTERS, S));
		expect(
			card
				.filter((r) => r.tickets_status === 'slow')
				.map((r) => r.clinic_id)
				.sort()
		).toEqual(['DECLINING', 'LATE']);
		expect(
			card
				.filter((r) => r.tickets_status === 'on_track')
				.map((r) => r.clinic_id)
				.sort()
		).toEqual(['BIG', 'SMALL']);
	});
});
