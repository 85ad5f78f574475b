import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lex, significant } from '$lib/console/sql-lexer';
import { splitStatements, statementAt } from '$lib/console/statements';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { rows } from '../helpers/fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('lexer', () => {
	it('reads strings, quoted names, comments and words as DuckDB does', () => {
		const kinds = significant(lex(`SELECT 'it''s' AS "a ""b""", E'\\'' , $$x;y$$ /* c /* d */ e */ -- f\n FROM t`)).map((t) => [t.kind, t.value]);
		expect(kinds).toEqual([
			['word', 'SELECT'],
			['string', "it's"],
			['word', 'AS'],
			['quoted', 'a "b"'],
			['comma', ','],
			['string', "'"],
			['comma', ','],
			['string', 'x;y'],
			['word', 'FROM'],
			['word', 'T']
		]);
	});
});

describe('statements', () => {
	// Semicolons hidden in every kind of string, quoted name and comment DuckDB knows.
	const script =
		[
			`SELECT 'a;b' AS v`,
			`SELECT "c;d" AS v FROM (SELECT 'q' AS "c;d") -- ; not the end\n`,
			`SELECT $$e;f$$ AS v`,
			`SELECT E'g\\';' AS v`,
			`/* ; /* nested ; */ ; */ SELECT $t$h;$t$ AS v`
		].join(';\n') + ';\n-- only a comment;\n';

	it('splits a script at the semicolons DuckDB ends statements with', async () => {
		const statements = splitStatements(script);
		expect(statements).toHaveLength(5);
		const values = [];
		for (const s of statements) {
			expect(script.slice(s.from, s.to)).toBe(s.text);
			// One statement each: DuckDB would run a hidden second statement and return its result instead.
			values.push((await rows(engine, s.text))[0]?.v);
		}
		expect(values).toEqual(['a;b', 'q', 'e;f', "g';", 'h;']);
	});

	it('finds the statement under the cursor, or the one just before it', () => {
		const text = 'SELECT 1;\n\nSELECT 2 FROM t;\n';
		expect(statementAt(text, 3)?.text).toBe('SELECT 1');
		expect(statementAt(text, 9)?.text).toBe('SELECT 1');
		expect(statementAt(text, 10)?.text).toBe('SELECT 1');
		expect(statementAt(text, 11)?.text).toBe('SELECT 2 FROM t');
		expect(statementAt(text, text.length)?.text).toBe('SELECT 2 FROM t');
		expect(statementAt('  \n', 1)).toBeNull();
	});

	it('offsets the statements of a selection into the document', () => {
		const doc = 'xx SELECT 1; SELECT 2';
		expect(splitStatements(doc.slice(3), 3).map((s) => [s.from, s.to, s.text])).toEqual([
			[3, 11, 'SELECT 1'],
			[13, 21, 'SELECT 2']
		]);
	});
});
