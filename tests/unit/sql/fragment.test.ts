import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { ident, join, list, literal, sql } from '$lib/sql/fragment';
import { rows } from '../helpers/fixture';

const HOSTILE = [`a"b`, `x'); DROP TABLE t; --`, 'naïve ✓', '', ' spaced ', '\\', '"', "'"];

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('sql fragments', () => {
	it('turns interpolated values into parameters and inlines nested fragments', () => {
		const inner = sql`b = ${2}`;
		const q = sql`SELECT * FROM t WHERE a = ${'x'} AND ${inner} AND c IN ${list(['p', 'q'])}`;
		expect(q.text).toBe('SELECT * FROM t WHERE a = ? AND b = ? AND c IN (?, ?)');
		expect(q.params).toEqual(['x', 2, 'p', 'q']);
	});

	it('makes an empty IN list match nothing instead of failing', async () => {
		expect(await rows(engine, sql`SELECT 1 AS one WHERE 1 IN ${list([])}`)).toEqual([]);
	});

	it('joins fragments keeping parameter order', () => {
		const q = join([sql`a = ${1}`, sql`b = ${2}`], ' AND ');
		expect(q.text).toBe('a = ? AND b = ?');
		expect(q.params).toEqual([1, 2]);
	});

	it.each(HOSTILE)('round-trips the value %j through DuckDB unchanged, as parameter and literal', async (value) => {
		expect(await rows(engine, sql`SELECT ${value} AS v`)).toEqual([{ v: value }]);
		expect(await rows(engine, sql`SELECT ${literal(value)} AS v`)).toEqual([{ v: value }]);
	});

	it.each(HOSTILE.filter((v) => v !== ''))('quotes the identifier %j so DuckDB sees exactly that name', async (name) => {
		const [row] = await rows(engine, sql`SELECT 42 AS ${ident(name)}`);
		expect(Object.keys(row ?? {})).toEqual([name]);
	});
});
