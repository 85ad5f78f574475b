/**
 * The Recovery page's statements stay linear in the clinics: on 1,000 clinics of one go-live
 * wave, no operator of their plans (DuckDB's EXPLAIN ANALYZE, actual rows) handles anything
 * like a row per pair of clinics (1,000,000). Comparing each clinic with its wave's peers by a
 * self-join, or with every other clinic by a correlated subquery, did: at 100,000 clinics in
 * three waves that was 3.3 billion rows, and the page never drew. Rows are counted, not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine, Statement } from '$lib/engine';
import { buildRecovery } from '$lib/recovery';
import { DEFAULT_RECOVERY_SETTINGS as S } from '$lib/recovery/settings';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { sql } from '$lib/sql/fragment';
import { recoveryCauses } from '$lib/sql/recovery/causes';
import { scorecard } from '$lib/sql/recovery/scorecard';
import { ticketWeekRates } from '$lib/sql/recovery/stabilization';
import { addDays, GO_LIVE } from '../helpers/small-recovery';
import { csvFile, engineWith } from '../helpers/fixture';

const CLINICS = 1_000;
const WEEKS = 16;
const id = (c: number) => `C${String(c).padStart(4, '0')}`;

/** Every clinic goes live the same day (one wave) with one trained user, then has two tickets a week, a few clinics a late surge (no steady level of their own). */
function files() {
	const clinics = ['clinic_id,clinic_name,site,go_live_date'];
	const training = ['user_id,clinic_id,role,workflow_area,completed_on,score'];
	const tickets = ['ticket_id,opened_at,clinic_id,reporter_id,category,workflow_area'];
	for (let c = 0; c < CLINICS; c++) {
		clinics.push(`${id(c)},Clinic ${c},Site ${c % 10},${GO_LIVE}`);
		training.push(`U${c},${id(c)},nurse,intake,2026-02-20,80`);
		for (let k = 0; k < WEEKS; k++) {
			const n = c % 50 === 0 && k >= WEEKS - 3 ? 12 : 2;
			for (let i = 0; i < n; i++) tickets.push(`T${c}-${k}-${i},${addDays(GO_LIVE, 7 * k + (i % 5))} 10:00:00,${id(c)},U${c},how_to,intake`);
		}
	}
	return [csvFile('clinics', clinics), csvFile('training', training), csvFile('tickets', tickets)];
}

/** The most rows any operator of the statement's plan produced. */
async function largestOperator(engine: Engine, statement: Statement): Promise<number> {
	const plan = await engine.query({ text: `EXPLAIN (ANALYZE, FORMAT json) ${statement.text}`, params: statement.params });
	const largest = (node: { operator_cardinality?: number; children?: unknown[] }): number =>
		Math.max(node.operator_cardinality ?? 0, ...(node.children ?? []).map((child) => largest(child as typeof node)));
	return largest(JSON.parse(String(plan.getChildAt(1)?.get(0))) as { children?: unknown[] });
}

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(files());
	await buildRecovery(engine, engine);
	await buildAttribution(engine);
});
afterAll(() => engine.close());

describe('Recovery statements over many clinics', () => {
	// A row per clinic and week, with room to spare; a row per pair of clinics is 1,000 times more.
	const linear = CLINICS * (WEEKS + 4) * 4;

	it('stabilization pools the peers’ rate once, not per clinic', async () => {
		expect(await largestOperator(engine, ticketWeekRates(S))).toBeLessThan(linear);
		expect(await largestOperator(engine, scorecard(DEFAULT_FILTERS, S))).toBeLessThan(linear);
	});

	it('the links to causes compare each clinic with its wave’s peers in one pass over the wave', async () => {
		for (const measure of ['productivity', 'billing'] as const) expect(await largestOperator(engine, recoveryCauses(DEFAULT_FILTERS, S, measure)), measure).toBeLessThan(linear);
	});

	it('the data holds what the statements compare: clinics with a level of their own and without, and a wave of peers', async () => {
		const levels = await engine.query(sql`SELECT level_source, count(DISTINCT clinic_id) AS n FROM (${ticketWeekRates(S)}) GROUP BY ALL ORDER BY ALL`);
		expect(levels.toArray().map((r) => [r.level_source, Number(r.n)])).toEqual([
			['own', CLINICS - CLINICS / 50],
			['peers', CLINICS / 50]
		]);
	});
});
