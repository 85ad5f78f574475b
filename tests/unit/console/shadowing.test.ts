/** Console SQL cannot change what the pages say: no macro replaces a DuckDB function or a page's name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltins } from '$lib/console/schema';
import { judgeStatement } from '$lib/console/statement-guard';
import type { Engine, Session } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
let session: Session;
let builtins: Set<string>;
beforeAll(async () => {
	engine = await startNodeEngine();
	session = await engine.openSession();
	builtins = await loadBuiltins(session);
});
afterAll(() => engine.close());

describe('macros that would replace what the pages call', () => {
	it.each([
		['CREATE OR REPLACE MACRO quantile_cont(x, q) AS quantile_disc(x, q) * 10', 'quantile_cont is one of DuckDB’s own functions'],
		['create macro DATE_DIFF(a, b, c) AS 0', 'date_diff is one of DuckDB’s own functions'],
		['CREATE TEMP MACRO median(x) AS 1', 'median is one of DuckDB’s own functions'],
		['CREATE FUNCTION main."Count"(x) AS 1', 'Count is one of DuckDB’s own functions'],
		['CREATE MACRO "+"(a, b) AS 42', 'could replace an operator the pages use'],
		['CREATE MACRO ticket_facts() AS TABLE SELECT 1', 'is a table or view the pages read']
	])('%s: refused', (statement, reason) => {
		const verdict = judgeStatement(statement, { builtins });
		expect(verdict.action).toBe('refuse');
		expect(verdict.action === 'refuse' && verdict.reason).toContain(reason);
	});

	it('refuses a macro while the function list is not known, and runs one with a name of its own', () => {
		expect(judgeStatement('CREATE MACRO my_ratio(a, b) AS a / b').action).toBe('refuse');
		expect(judgeStatement('CREATE MACRO my_ratio(a, b) AS a / b', { builtins })).toEqual({ action: 'run', rows: false });
	});

	it('knows DuckDB’s functions and operators from the database itself', () => {
		for (const name of ['quantile_cont', 'date_diff', 'median', '+', 'range']) expect(builtins.has(name), name).toBe(true);
	});

	it('asks before renaming a table of one’s own to a name the pages read, and before replacing a page view', () => {
		expect(judgeStatement('ALTER TABLE mine RENAME TO ticket_facts', { builtins })).toMatchObject({ action: 'confirm', objects: ['ticket_facts'] });
		expect(judgeStatement('CREATE OR REPLACE VIEW ticket_facts AS SELECT 1', { builtins })).toMatchObject({ action: 'confirm', objects: ['ticket_facts'] });
		expect(judgeStatement('DROP TABLE import_rejected_rows', { builtins })).toMatchObject({ action: 'confirm', objects: ['import_rejected_rows'] });
	});
});
