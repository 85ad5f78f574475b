/**
 * The action list's estimators on a go-live small enough to work out by hand: four clinics
 * live on Monday 2026-03-02, five orders users each, tickets through Friday 2026-03-27
 * (go-live weeks 0-3). Peers B, C, D raise 10, 8, 6, 4 how-to tickets in weeks 0-3; clinic A
 * has an unreconciled orders variance and raises 30, 24, 18, 12.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { actionContext, actionRows } from '$lib/sql/actions/action-report';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const Z = 1.959964;
const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
const MONDAYS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
const PER_WEEK: Record<string, number[]> = { A: [30, 24, 18, 12], B: [10, 8, 6, 4], C: [10, 8, 6, 4], D: [10, 8, 6, 4] };

function tickets(): string[] {
	const out = [TICKET_HEADER];
	for (const [clinic, counts] of Object.entries(PER_WEEK)) {
		counts.forEach((n, k) => {
			for (let i = 0; i < n; i++) {
				// Spread over the week's Monday..Friday; the last ticket of each clinic lands on Friday 2026-03-27.
				const day = new Date(`${MONDAYS[k]}T00:00:00Z`);
				day.setUTCDate(day.getUTCDate() + (i % 5));
				const iso = day.toISOString().slice(0, 10);
				out.push(`${clinic}-${k}-${i},${iso} 10:00:00,,,${clinic},${clinic}U${i % 5},how_to,orders,3,open,,How do I sign an order`);
			}
		});
	}
	return out;
}

const roster = ['user_id,clinic_id,role,workflow_area,completed_on,score'];
for (const clinic of Object.keys(PER_WEEK)) for (let u = 0; u < 5; u++) roster.push(`${clinic}U${u},${clinic},nurse,orders,2026-02-10,90`);

describe('action_list on a hand-made go-live', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith([
			csvFile('clinics', ['clinic_id,clinic_name,site,go_live_date', ...Object.keys(PER_WEEK).map((c) => `${c},Clinic ${c},North,2026-03-02`)]),
			csvFile('training', roster),
			csvFile('workflow_variance', ['clinic_id,workflow_area,description,status,reconciled_on', 'A,orders,Paper order forms,unreconciled,']),
			csvFile('tickets', tickets())
		]);
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('takes the two complete weeks before the data ends on a Friday as now', async () => {
		const [h] = await rows(
			engine,
			`SELECT strftime(last_day, '%Y-%m-%d') AS last_day, strftime(now_from, '%Y-%m-%d') AS now_from,
			strftime(now_to, '%Y-%m-%d') AS now_to, strftime(done_on, '%Y-%m-%d') AS done_on, strftime(ahead_to, '%Y-%m-%d') AS ahead_to FROM action_horizon`
		);
		expect(h).toEqual({ last_day: '2026-03-27', now_from: '2026-03-16', now_to: '2026-03-29', done_on: '2026-03-30', ahead_to: '2026-04-26' });
	});

	it('projects with the peers’ go-live curve, the last level holding past the weeks measured', async () => {
		const [d] = await rows(engine, `SELECT k_last, decay FROM action_decay WHERE clinic_id = 'A' AND curve = 'workflow'`);
		// Peer rate per user: 2, 1.6, 1.2, 0.8 in weeks 0-3; weeks 4-7 hold 0.8. D = 4 x 0.8 / mean(1.2, 0.8).
		expect(d?.k_last).toBe(3);
		expect(d?.decay).toBeCloseTo((4 * 0.8) / 1, 9);
	});

	it('gives the variance its excess now, the tickets it would remove and their intervals', async () => {
		const list = await rows(engine, `SELECT * FROM action_list`);
		expect(list.map((r) => r.action_id)).toEqual(['reconcile_variance:A:orders']);
		const [v] = list;
		// O/E = 84 / 28 = 3 while unreconciled; one variance, so its O/E is the pooled one (w = 0),
		// with the pooled estimate's standard error sqrt(r0 / sum E).
		expect(v?.observed).toBe(84);
		expect(v?.expected).toBeCloseTo(28, 9);
		expect(v?.rate_ratio).toBeCloseTo(3, 9);
		const eNow = 5 * (1.2 + 0.8);
		const perWeek = ((3 - 1) * eNow) / 2;
		const se = Math.sqrt(3 / 28);
		expect(v?.excess_per_week).toBeCloseTo(perWeek, 9);
		expect(v?.excess_low).toBeCloseTo(((3 - Z * se - 1) * eNow) / 2, 9);
		expect(v?.excess_high).toBeCloseTo(((3 + Z * se - 1) * eNow) / 2, 9);
		const removed = perWeek * 3.2;
		const relative = (Z * se * eNow) / (Z * (3 - 1) * eNow);
		const predictionSe = Math.sqrt((removed * relative) ** 2 + removed);
		expect(v?.removed_ahead).toBeCloseTo(removed, 9);
		expect(v?.removed_low).toBeCloseTo(Math.max(0, removed - Z * predictionSe), 9);
		expect(v?.removed_high).toBeCloseTo(removed + Z * predictionSe, 9);
		expect(v).toMatchObject({ rank: 1, kind: 'reconcile_variance', clinic_id: 'A', workflow_area: 'orders', clinic_count: 1, users_touched: 5 });
		expect(v?.action).toBe('Reconcile the orders variance at Clinic A');
		// Every how-to ticket of A in weeks 2-3 carries a variance weight: 18 + 12.
		expect(v?.tickets_touched).toBe(30);
	});

	it('keeps the actions that touch a clinic in the filters', async () => {
		const inScope = await rows(engine, actionRows({ ...DEFAULT_FILTERS, clinics: ['A'] }));
		const outOfScope = await rows(engine, actionRows({ ...DEFAULT_FILTERS, clinics: ['B', 'C'] }));
		const bySite = await rows(engine, actionRows({ ...DEFAULT_FILTERS, sites: ['South'] }));
		expect(inScope.map((r) => r.action_id)).toEqual(['reconcile_variance:A:orders']);
		expect(outOfScope).toEqual([]);
		expect(bySite).toEqual([]);
	});
});

describe('action_list from a ticket export alone', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith([csvFile('tickets', tickets())]);
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('lists no action and says what is missing', async () => {
		expect(await rows(engine, 'SELECT * FROM action_list')).toEqual([]);
		const [c] = await rows(engine, actionContext());
		expect(c).toMatchObject({ roster_rows: 0, variance_rows: 0, clinics_dated: 0, actions: 0, conversion_tickets: 0 });
	});
});
