import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { judgeStatement } from '$lib/console/statement-guard';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { sortedRows } from '$lib/sql/console';
import { engineWith, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
	await buildAttribution(engine);
});
afterAll(() => engine.close());

describe('statements the console runs as they are', () => {
	const reads = [
		'SELECT * FROM tickets',
		'(SELECT clinic_id FROM clinics)',
		'WITH t AS (SELECT * FROM ticket_facts) SELECT count(*) FROM t',
		'FROM ticket_root_cause SELECT root_cause, sum(weight) GROUP BY ALL',
		'DESCRIBE tickets',
		'SUMMARIZE clinics',
		'SHOW TABLES',
		'PIVOT tickets ON category USING count(*) GROUP BY clinic_id',
		`SELECT 'DROP TABLE tickets; ATTACH x' AS words_in_a_string -- DROP TABLE tickets`,
		`SELECT count(*) FROM tickets WHERE short_description LIKE '%https://%'`
	];
	it.each(reads)('%s: runs, and can be wrapped to sort', async (statement) => {
		expect(judgeStatement(statement)).toEqual({ action: 'run', rows: true });
		await expect(engine.query(statement)).resolves.toBeDefined();
		await expect(engine.query(sortedRows(statement, 0, 'desc'))).resolves.toBeDefined();
	});

	const others = [
		"CREATE TEMP VIEW mine AS SELECT * FROM tickets WHERE clinic_id = 'A'",
		'CREATE OR REPLACE TEMP VIEW mine AS SELECT * FROM ticket_facts',
		'CREATE TEMP TABLE my_counts AS SELECT clinic_id, count(*) AS n FROM tickets GROUP BY ALL',
		"INSERT INTO my_counts VALUES ('Z', 1)",
		'DROP TABLE my_counts',
		'DROP VIEW mine',
		"SET VARIABLE cutoff = DATE '2026-03-09'",
		"PRAGMA table_info('tickets')",
		'EXPLAIN SELECT * FROM tickets',
		'BEGIN TRANSACTION',
		'ROLLBACK'
	];
	it.each(others)('%s: runs (no rows to sort)', async (statement) => {
		expect(judgeStatement(statement)).toEqual({ action: 'run', rows: false });
		await expect(engine.query(statement)).resolves.toBeDefined();
	});
});

describe('statements that change the data the dashboards read: confirm first', () => {
	const cases: [string, string[]][] = [
		['DROP TABLE tickets', ['tickets']],
		['drop/**/table IF EXISTS scratch, memory.main.Tickets', ['tickets']],
		['DELETE FROM "Clinics" WHERE true', ['Clinics']],
		["UPDATE main.tickets SET status = 'x'", ['tickets']],
		["INSERT INTO training (user_id) VALUES ('u')", ['training']],
		['INSERT OR REPLACE INTO billing SELECT * FROM billing', ['billing']],
		['ALTER TABLE throughput ADD COLUMN note VARCHAR', ['throughput']],
		['TRUNCATE workflow_variance', ['workflow_variance']],
		['CREATE OR REPLACE TABLE tickets AS SELECT 1 AS a', ['tickets']],
		['CREATE OR REPLACE TEMP VIEW ticket_facts AS SELECT 1 AS a', ['ticket_facts']],
		['DROP VIEW ticket_root_cause', ['ticket_root_cause']],
		['DELETE FROM attribution_incidents', ['attribution_incidents']],
		['WITH gone AS (SELECT 1) DELETE FROM tickets', ['tickets']],
		['EXPLAIN ANALYZE DELETE FROM tickets', ['tickets']],
		["COPY tickets FROM 'more.csv'", ['tickets']],
		["COMMENT ON TABLE tickets IS 'x'", ['tickets']],
		['CREATE INDEX t_idx ON tickets (clinic_id)', ['tickets']],
		["PREPARE wipe AS DELETE FROM clinics WHERE clinic_id = 'A'", ['clinics']],
		['DROP SCHEMA main CASCADE', ['main', '(a whole schema)']]
	];
	it.each(cases)('%s', (statement, objects) => {
		const verdict = judgeStatement(statement);
		expect(verdict.action).toBe('confirm');
		if (verdict.action === 'confirm') expect(verdict.objects).toEqual(objects.filter((o) => o !== 'main'));
	});

	it('really would change the table (so the rule is not idle): a confirmed DELETE runs', async () => {
		await engine.query('CREATE TABLE kept AS SELECT * FROM tickets');
		await engine.query('DELETE FROM kept');
		expect(await rows(engine, 'SELECT count(*) AS n FROM kept')).toEqual([{ n: 0 }]);
		expect(await rows(engine, 'SELECT count(*) AS n FROM tickets')).toEqual([{ n: 7 }]);
	});
});

describe('statements that reach outside the browser: refused', () => {
	const refused = [
		"ATTACH 'other.db' AS other",
		'DETACH other',
		'INSTALL httpfs',
		'FORCE INSTALL httpfs',
		'LOAD parquet',
		'UPDATE EXTENSIONS',
		"COPY (SELECT * FROM tickets) TO 'out.csv'",
		"COPY tickets TO 'out.parquet' (FORMAT parquet)",
		'COPY FROM DATABASE memory TO other',
		"EXPORT DATABASE 'dump'",
		"IMPORT DATABASE 'dump'",
		"SELECT * FROM read_csv('https://example.org/a.csv')",
		"FROM 'http://example.org/a.parquet'",
		"SELECT * FROM read_parquet(['local.parquet', 's3://bucket/b.parquet'])",
		'SELECT * FROM "https://example.org/a.csv"',
		"SELECT * FROM query('SELECT * FROM read_csv(''http://example.org/a.csv'')')",
		'SET enable_external_access = true',
		'SET autoload_known_extensions = true',
		'RESET autoinstall_known_extensions',
		'PRAGMA enable_profiling'
	];
	it.each(refused)('%s', (statement) => {
		const verdict = judgeStatement(statement);
		expect(verdict.action).toBe('refuse');
		if (verdict.action === 'refuse') expect(verdict.reason.length).toBeGreaterThan(20);
	});

	it('external access off alone would also block the files the app registers: hence the lockdown names its folders (engine/session-settings.ts)', async () => {
		const other = await startNodeEngine();
		try {
			await other.registerFile('later.csv', new TextEncoder().encode('a\n1\n'));
			await other.query('SET enable_external_access = false');
			await expect(other.query("SELECT * FROM read_csv('later.csv')")).rejects.toThrow(/disabled by configuration/);
			await expect(other.query('SET enable_external_access = true')).rejects.toThrow(/Cannot change/);
		} finally {
			await other.close();
		}
	});
});
