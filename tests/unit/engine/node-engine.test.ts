import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { sql } from '$lib/sql/fragment';
import { rows } from '../helpers/fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('engine', () => {
	it('switches extension autoloading off on connect (no download attempts offline)', async () => {
		const [row] = await rows(engine, `SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall`);
		expect(row).toEqual({ autoload: false, autoinstall: false });
	});

	it('returns Arrow with columnar typed arrays', async () => {
		const table = await engine.query('SELECT CAST(range AS INTEGER) AS i FROM range(5)');
		expect(table.numRows).toBe(5);
		expect(table.getChild('i')?.toArray()).toBeInstanceOf(Int32Array);
	});

	it('binds values as prepared-statement parameters', async () => {
		expect(await rows(engine, sql`SELECT CAST(${41} AS INTEGER) + 1 AS v, CAST(${'2026-03-02'} AS DATE) = DATE '2026-03-02' AS same`)).toEqual([{ v: 42, same: true }]);
	});

	it('wraps failures with the SQL that failed', async () => {
		const failing = 'SELECT * FROM no_such_table';
		const error = await engine.query(failing).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(QueryError);
		expect((error as QueryError).sql).toBe(failing);
		expect((error as QueryError).message).toMatch(/no_such_table/);
	});

	it('reads a registered gzip CSV without any extension', async () => {
		await engine.registerFile('small.csv.gz', gzipSync('a,b\n1,x\n2,y\n'));
		expect(await rows(engine, `SELECT count(*) AS n FROM read_csv('small.csv.gz', header = true)`)).toEqual([{ n: 2 }]);
		await engine.dropFile('small.csv.gz');
	});
});
