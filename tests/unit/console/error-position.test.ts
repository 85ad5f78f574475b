import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPosition, errorSummary } from '$lib/console/error-position';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
	await engine.query('CREATE TABLE t (a INTEGER, b VARCHAR)');
});
afterAll(() => engine.close());

async function failure(statement: string): Promise<string> {
	const error = await engine.query(statement).then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof Error)) throw new Error(`expected ${statement} to fail`);
	return error.message;
}

/** The text at the reported position, so each case says what DuckDB points at. */
async function pointsAt(statement: string, length: number) {
	const position = errorPosition(await failure(statement), statement);
	if (!position) return null;
	return { line: position.line, column: position.column, at: statement.slice(position.offset, position.offset + length) };
}

describe('error position from real DuckDB messages', () => {
	it('finds a syntax error on the first line', async () => {
		expect(await pointsAt('SELECT * FROMM t', 1)).toEqual({ line: 1, column: 16, at: 't' });
	});

	it('finds a missing table on the third line', async () => {
		expect(await pointsAt('SELECT *\nFROM t\nJOIN nosuch USING (a)', 6)).toEqual({ line: 3, column: 6, at: 'nosuch' });
	});

	it('counts a tab as DuckDB does (no width)', async () => {
		expect(await pointsAt('SELECT\tnope FROM t', 4)).toEqual({ line: 1, column: 8, at: 'nope' });
	});

	it('counts wide and accented characters by display width', async () => {
		expect(await pointsAt("SELECT '漢字é' AS k, nope FROM t", 4)).toMatchObject({ at: 'nope' });
	});

	it('finds the spot in a long line that DuckDB shows only a window of', async () => {
		const columns = Array.from({ length: 12 }, (_, i) => `a AS column_with_a_long_name_${i}`).join(', ');
		const statement = `SELECT ${columns}, nope_col AS x, ${columns} FROM t`;
		const message = await failure(statement);
		expect(message).toContain('...');
		expect(await pointsAt(statement, 8)).toMatchObject({ line: 1, at: 'nope_col' });
	});

	it('puts an unexpected end at the end of the statement', async () => {
		const statement = 'SELECT a,\n  b +\n';
		const message = await failure(statement);
		expect(message).toMatch(/end of input/);
		expect(errorPosition(message, statement)).toEqual({ line: 2, column: 6, offset: 15 });
	});

	it('takes the byte offset the browser worker reports, counting UTF-8 bytes as DuckDB does', () => {
		const statement = "SELECT 'é漢' AS k,\n  nope";
		const bytes = new TextEncoder().encode(statement.slice(0, statement.indexOf('nope'))).length;
		expect(errorPosition('Binder Error: …', statement, bytes)).toEqual({ line: 2, column: 3, offset: statement.indexOf('nope') });
	});

	it('returns null when DuckDB names no position', () => {
		expect(errorPosition('Out of Memory Error: failed to allocate', 'SELECT 1')).toBeNull();
	});

	it('summarises the message without the echoed lines', async () => {
		expect(errorSummary(await failure('SELECT * FROMM t'))).toBe('Parser Error: syntax error at or near "t"');
	});
});
