/**
 * Within a clinic-area, which tickets carry its variance: the description's words, learned from
 * the data, move the cell's weight between its tickets, and the cell's total per cause stays
 * what the excess-rate model gives. Hand-made data: eight clinics of one wave, every clinic-area
 * with the same break-fix tickets; clinic C0's orders variance adds three a week, two of them
 * worded as its local workflow (paper requisitions re-keyed), one like any other orders ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
const GO_LIVE = '2026-03-02';
const DAY = 86_400_000;
const dayOf = (k: number, offset: number) => new Date(Date.parse(GO_LIVE) + (7 * k + offset) * DAY).toISOString().slice(0, 10);
const AREAS = ['orders', 'results'] as const;
const CLINICS = Array.from({ length: 8 }, (_, i) => `C${i}`);
const WEEKS = 12;
const ORDINARY = ['Order screen freezes when I sign', 'Cannot release the order, error on save', 'Order panel missing the usual tests'];
const LOCAL = 'We keep paper requisitions and re-key them, nothing lines up';

type Texts = (id: string, ordinary: string, local: boolean) => string;

function files(text: Texts) {
	const tickets: string[] = [];
	const training: string[] = [];
	for (const c of CLINICS) {
		for (const a of AREAS) {
			for (let u = 0; u < 4; u++) training.push(`${c}-${a}-${u},${c},physician,${a},2026-01-15,90`);
			for (let k = 0; k < WEEKS; k++) {
				for (let j = 0; j < 3; j++) {
					const id = `${c}-${a}-${k}-${j}`;
					tickets.push(`${id},${dayOf(k, 1 + j)} 10:00:00,,,${c},${c}-${a}-${j},break_fix,${a},3,open,,"${text(id, ORDINARY[(k + j) % 3] ?? '', false)}"`);
				}
			}
		}
	}
	for (let k = 0; k < WEEKS; k++) {
		for (let j = 0; j < 3; j++) {
			const id = `V-${k}-${j}`;
			tickets.push(`${id},${dayOf(k, 1 + j)} 11:00:00,,,C0,C0-orders-3,break_fix,orders,3,open,,"${text(id, ORDINARY[(k + j + 1) % 3] ?? '', j < 2)}"`);
		}
	}
	return [
		csvFile('clinics', ['clinic_id,go_live_date', ...CLINICS.map((c) => `${c},${GO_LIVE}`)]),
		csvFile('training', ['user_id,clinic_id,role,workflow_area,completed_on,score', ...training]),
		csvFile('tickets', [TICKET_HEADER, ...tickets]),
		csvFile('workflow_variance', ['clinic_id,workflow_area,description,status,reconciled_on', 'C0,orders,Paper requisitions,unreconciled,'])
	];
}

async function attributed(text: Texts): Promise<Engine> {
	const engine = await engineWith(files(text));
	await buildAttribution(engine);
	return engine;
}

const WEIGHTS = `SELECT ticket_id, root_cause, weight FROM ticket_root_cause ORDER BY ticket_id, root_cause`;
const CELL = `SELECT r.ticket_id, r.weight, r.evidence FROM ticket_root_cause r JOIN tickets t USING (ticket_id)
	WHERE t.clinic_id = 'C0' AND t.workflow_area = 'orders' AND r.root_cause = 'workflow_variance' ORDER BY r.ticket_id`;

describe('description words within a clinic-area', () => {
	let blind: Engine;
	let worded: Engine;
	beforeAll(async () => {
		blind = await attributed(() => '');
		worded = await attributed((_id, ordinary, local) => (local ? LOCAL : ordinary));
	});
	afterAll(async () => {
		await blind?.close();
		await worded?.close();
	});

	it('gives the tickets worded like the variance’s own more of its weight, and the others less', async () => {
		const before = await rows(blind, CELL);
		const after = await rows(worded, CELL);
		expect(after.length).toBe(before.length);
		const prior = before[0]?.weight as number;
		expect(prior).toBeGreaterThan(0.3);
		expect(new Set(before.map((r) => r.weight)).size).toBe(1);
		const local = after.filter((r) => String(r.ticket_id).startsWith('V-') && !String(r.ticket_id).endsWith('-2'));
		const ordinary = after.filter((r) => !local.includes(r));
		expect(local).toHaveLength(2 * WEEKS);
		expect(Math.min(...local.map((r) => r.weight as number))).toBeGreaterThan(Math.max(prior, 0.9));
		expect(Math.max(...ordinary.map((r) => r.weight as number))).toBeLessThan(prior);
		expect(local[0]?.evidence).toMatch(
			/; the description's \d+ words are on average [\d.]+x as common in orders break-fix tickets at clinics with an unreconciled orders variance as in the area's baseline break-fix tickets \(geometric mean of each word's enrichment, learned from this data\), so weight 0\.\d\d instead of 0\.\d\d$/
		);
	});

	it('keeps the clinic-area’s total weight per cause, so every share and count stays as it was', async () => {
		const totals = `SELECT t.clinic_id, t.workflow_area, r.root_cause, sum(r.weight) AS w FROM ticket_root_cause r JOIN tickets t USING (ticket_id) GROUP BY ALL ORDER BY ALL`;
		const before = await rows(blind, totals);
		const after = await rows(worded, totals);
		expect(after.map(({ w: _, ...key }) => key)).toEqual(before.map(({ w: _, ...key }) => key));
		after.forEach((row, i) => expect(row.w as number).toBeCloseTo(before[i]?.w as number, 9));
	});

	it('keeps every ticket’s weights within [0, 1], summing to 1', async () => {
		const [check] = await rows(
			worded,
			`SELECT count(*) AS tickets, count(*) FILTER (WHERE abs(total - 1) > 1e-9 OR low < 0 OR high > 1) AS broken
			FROM (SELECT ticket_id, sum(weight) AS total, min(weight) AS low, max(weight) AS high FROM ticket_root_cause GROUP BY ticket_id)`
		);
		expect(check).toEqual({ tickets: CLINICS.length * AREAS.length * WEEKS * 3 + WEEKS * 3, broken: 0 });
	});

	it('reduces exactly to the excess-rate weights when every description reads alike', async () => {
		const alike = await attributed(() => 'Order problem');
		try {
			expect(await rows(alike, WEIGHTS)).toEqual(await rows(blind, WEIGHTS));
			const [words] = await rows(alike, `SELECT count(*) AS n, count(*) FILTER (WHERE enrichment <> 1) AS moved FROM attribution_word_enrichment`);
			expect(words).toEqual({ n: 2, moved: 0 });
		} finally {
			await alike.close();
		}
	});
});
