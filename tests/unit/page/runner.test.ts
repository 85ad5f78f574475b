import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import type { Engine, Statement } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { asker, once, pageClient, statementKey } from '$lib/page/protocol';
import { keptFirstEngine } from '$lib/kept/kept-first-engine';
import type { KeptResults } from '$lib/kept/kept-tables';
import { PageRunner } from '$lib/page/runner';
import { numbers } from '$lib/results/columns';
import { sql } from '$lib/sql/fragment';

/** The real engine, recording what it is asked and how many statements were in flight at once. */
function watched(engine: Engine) {
	const asked: string[] = [];
	let inFlight = 0;
	let most = 0;
	const wrapper: Engine = {
		...engine,
		async query(statement: Statement | string) {
			asked.push(typeof statement === 'string' ? statement : statement.text);
			most = Math.max(most, ++inFlight);
			try {
				return await engine.query(statement);
			} finally {
				inFlight--;
			}
		}
	};
	return { engine: wrapper, asked, most: () => most };
}

const sums = pageClient({
	queries: ({ upTo, withSquares }: { upTo: number; withSquares: boolean }) => ({
		total: sql`SELECT CAST(sum(i) AS INTEGER) AS n FROM range(1, CAST(${upTo} AS BIGINT) + 1) t(i)`,
		count: sql`SELECT CAST(count(*) AS INTEGER) AS n FROM range(1, CAST(${upTo} AS BIGINT) + 1) t(i)`,
		squares: withSquares ? sql`SELECT CAST(sum(i * i) AS DOUBLE) AS n FROM range(1, CAST(${upTo} AS BIGINT) + 1) t(i)` : null
	}),
	model: (r, { upTo }) => ({ upTo, total: numbers(r.total, 'n')[0], count: numbers(r.count, 'n')[0], squares: r.squares ? numbers(r.squares, 'n')[0] : null })
});

describe('page protocol', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await startNodeEngine();
	});
	afterAll(() => engine.close());

	it("sends a client's statements together and builds its model from their results", async () => {
		const w = watched(engine);
		expect(await asker(w.engine)(sums, { upTo: 10, withSquares: true })).toEqual({ upTo: 10, total: 55, count: 10, squares: 385 });
		expect(w.asked).toHaveLength(3);
		expect(w.most()).toBe(3);
	});

	it('does not run a statement the input does not need', async () => {
		const w = watched(engine);
		expect((await asker(w.engine)(sums, { upTo: 4, withSquares: false })).squares).toBeNull();
		expect(w.asked).toHaveLength(2);
	});

	it('answers from kept results before live SQL', async () => {
		const w = watched(engine);
		const keptTotal: Table = await engine.query('SELECT 1000 AS n');
		const key = statementKey(sums.queries({ upTo: 10, withSquares: false }).total);
		const kept: KeptResults = { get: (s) => (statementKey(s) === key ? keptTotal : undefined) };
		const model = await asker(keptFirstEngine(kept, async () => w.engine))(sums, { upTo: 10, withSquares: false });
		expect(model.total).toBe(1000);
		expect(w.asked).toHaveLength(1);
		expect(w.asked[0]).toContain('count(*)');
	});

	it('asks a `once` statement once per asker, and again after it failed', async () => {
		const w = watched(engine);
		const cube = pageClient({
			queries: ({ from }: { from: number }) => ({ cube: once(sql`SELECT CAST(i AS INTEGER) AS i FROM range(0, 5) t(i)`), from: sql`SELECT CAST(${from} AS INTEGER) AS n` }),
			model: (r, { from }) => numbers(r.cube, 'i').filter((i) => (i ?? -1) >= from).length + 0 * (numbers(r.from, 'n')[0] ?? 0)
		});
		const ask = asker(w.engine);
		expect(await ask(cube, { from: 0 })).toBe(5);
		expect(await ask(cube, { from: 3 })).toBe(2);
		expect(w.asked.filter((t) => t.includes('range(0, 5)'))).toHaveLength(1);
		expect(w.asked).toHaveLength(3);
		// Another asker (another engine or data) asks again.
		await asker(w.engine)(cube, { from: 1 });
		expect(w.asked.filter((t) => t.includes('range(0, 5)'))).toHaveLength(2);
		// A failed `once` statement is not kept.
		const failing = pageClient({ queries: () => ({ bad: once(sql`SELECT * FROM no_such_table`) }), model: (r) => r.bad.numRows });
		const retry = asker(w.engine);
		await expect(retry(failing, {})).rejects.toThrow(/no_such_table/);
		await expect(retry(failing, {})).rejects.toThrow(/no_such_table/);
		expect(w.asked.filter((t) => t.includes('no_such_table'))).toHaveLength(2);
	});

	it('drops a run that a newer one overtook', async () => {
		const status = { busy: false, error: null as Error | null };
		const runner = new PageRunner(status);
		const applied: number[] = [];
		await runner.show(sums, { upTo: 3, withSquares: false }, (m) => applied.push(m.upTo)); // not attached: nothing runs
		expect(applied).toEqual([]);
		runner.attach(engine);
		const first = runner.show(sums, { upTo: 1_000_000, withSquares: true }, (m) => applied.push(m.upTo));
		const second = runner.show(sums, { upTo: 5, withSquares: false }, (m) => applied.push(m.upTo));
		await Promise.all([first, second]);
		expect(applied).toEqual([5]);
		expect(status.busy).toBe(false);
		expect(status.error).toBeNull();
	});
});
