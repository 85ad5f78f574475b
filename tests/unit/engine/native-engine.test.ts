/**
 * The native engine (scripts' @duckdb/node-api, DuckDB 1.5) against the app's engine
 * (duckdb-wasm, DuckDB 1.4.3): the same load code, then every statement the Overview, Root
 * causes, Recovery and Actions pages run for their default view, recorded on wasm and
 * replayed on native; schemas (Arrow types) and values must be the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Bool, DateDay, Float64, Int32, Int64, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { ManifestSchema } from '$lib/data/manifest';
import type { Engine, Statement } from '$lib/engine';
import { startNativeEngine, type NativeEngine } from '$lib/engine/native';
import { startNodeEngine } from '$lib/engine/node';
import { buildRecovery, createScorecardView } from '$lib/recovery';
import { exportTableCsvGz } from '$lib/storage/saved-tables';
import { comparable, resultDifferences } from './comparable';
import { recordDefaultViews } from '../../../src/routes/kept-views';

const SAMPLE = path.resolve('data/sample');

async function loadSample(engine: Engine): Promise<void> {
	const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')));
	await loadCanonicalTables(
		engine,
		manifest.tables.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(SAMPLE, t.file)) }))
	);
	await buildRecovery(engine, engine);
	await buildAttribution(engine);
	// As the Recovery page does once the attribution is built: the scorecard view gains its top cause.
	await createScorecardView(engine);
}

let wasm: Engine;
let native: NativeEngine;
const statements: Statement[] = [];

beforeAll(async () => {
	[wasm, native] = await Promise.all([startNodeEngine(), startNativeEngine()]);
	await loadSample(wasm);
	await loadSample(native);
	// Each page's default view, asked by the pages' own state classes (what the kept results hold).
	for (const key of (await recordDefaultViews(wasm)).keys()) {
		const [text, params] = JSON.parse(key) as [string, Statement['params']];
		statements.push({ text, params });
	}
}, 300_000);

afterAll(async () => {
	await wasm?.close();
	await native?.close();
});

describe('native engine', () => {
	it('is DuckDB 1.5 on every core, beside the app’s 1.4.3', async () => {
		expect(native.version).toMatch(/^v1\.5\./);
		expect(native.threads).toBeGreaterThanOrEqual(1);
		const threads = await native.query("SELECT current_setting('threads') AS t");
		expect(Number(threads.getChild('t')?.get(0))).toBe(native.threads);
		expect(String((await wasm.query('SELECT version() AS v')).getChild('v')?.get(0))).toBe('v1.4.3');
	});

	it('gives every table and view the same column types after the same load code', async () => {
		const describe = `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`;
		const [a, b] = [await wasm.query(describe), await native.query(describe)];
		expect(a.numRows).toBeGreaterThan(100);
		expect(comparable(b)).toEqual(comparable(a));
	});

	it('returns the same Arrow schema and values for every statement of the four pages’ default views', async () => {
		expect(statements.length).toBeGreaterThan(20);
		for (const statement of statements) {
			const [a, b] = [await wasm.query(statement), await native.query(statement)];
			// Compared as sets of rows: native runs on every core, so rows that no ORDER BY puts in order
			// (e.g. ties of `ORDER BY k`, or no ORDER BY at all) come in the order its threads finish.
			expect(resultDifferences(b, a), statement.text).toEqual([]);
		}
	}, 300_000);

	it('returns the types duckdb-wasm returns, type by type, and binds a JS number as DOUBLE as wasm does', async () => {
		const text = `SELECT 1::TINYINT a, 2::SMALLINT b, 3 c, 4::BIGINT d, 5::HUGEINT e, 1.5 f, 1.5::FLOAT g, 'x' h, DATE '2024-01-02' i, TIMESTAMP '2024-01-02 03:04:05.123456' j,
			true k, -1.25::DECIMAL(10,2) l, 1.25::DECIMAL(30,3) m, [1, NULL, 3] n, {'a': 1, 'b': 'y'} o, INTERVAL 3 DAY + INTERVAL 2 MONTH p, TIME '01:02:03' q,
			TIMESTAMPTZ '2024-01-02 03:04:05+00' r, 'a'::BLOB s, count(*) t, sum(1) u, median(2) v, NULL w, [['z']] x, ? y, ? z, NULL::VARCHAR nv`;
		const statement = { text, params: [7, 'text'] };
		expect(comparable(await native.query(statement))).toEqual(comparable(await wasm.query(statement)));
	});

	it('reads and writes files by the names the app registers, and creates tables from Arrow IPC', async () => {
		await native.query("CREATE TABLE files_check AS SELECT range AS n, CASE WHEN range % 3 = 0 THEN NULL ELSE 'o''k' END AS s FROM range(300000)");
		const { bytes } = await exportTableCsvGz(native, 'files_check', 'publish/files_check.csv.gz', '');
		await native.registerFile('hypercare/x/files check.csv.gz', bytes);
		const back = await native.query("SELECT count(*)::INTEGER AS n, count(s)::INTEGER AS s FROM read_csv('hypercare/x/files check.csv.gz', header = true, nullstr = '')");
		expect([back.getChild('n')?.get(0), back.getChild('s')?.get(0)]).toEqual([300000, 200000]);
		await native.dropFile('hypercare/x/files check.csv.gz');
		await expect(native.query("SELECT * FROM read_csv('hypercare/x/files check.csv.gz')")).rejects.toThrow(/files check/);

		const n = 5000;
		const arrow = new Table({
			r: vectorFromArray(
				Array.from({ length: n }, (_, i) => i),
				new Int32()
			),
			s: vectorFromArray(
				Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `v${i}`)),
				new Utf8()
			),
			even: vectorFromArray(
				Array.from({ length: n }, (_, i) => i % 2 === 0),
				new Bool()
			),
			d: vectorFromArray(
				Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
				new DateDay()
			),
			f: vectorFromArray(
				Array.from({ length: n }, (_, i) => i / 4),
				new Float64()
			),
			b: vectorFromArray(
				Array.from({ length: n }, (_, i) => BigInt(i) * 1_000_000_000n),
				new Int64()
			)
		});
		const ipc = tableToIPC(arrow, 'stream');
		await native.insertArrow('from_arrow', ipc);
		await wasm.insertArrow('from_arrow', ipc);
		const all = 'SELECT * FROM from_arrow ORDER BY r';
		expect(comparable(await native.query(all))).toEqual(comparable(await wasm.query(all)));
		expect(comparable(tableFromIPC(ipc)).types).toEqual(comparable(await native.query(all)).types);
	});

	it('streams a session’s statement batch by batch and cancels it', async () => {
		const session = await native.openSession();
		try {
			const stream = await session.stream('SELECT range AS n FROM range(10000)');
			expect(String(stream.schema.fields[0]?.type)).toBe('Int64');
			let rows = 0;
			for await (const batch of stream) rows += batch.numRows;
			expect(rows).toBe(10000);
			const long = await session.stream('SELECT range AS n FROM range(100000000)');
			await session.cancel();
			await expect(
				(async () => {
					for await (const batch of long) void batch;
				})()
			).rejects.toMatchObject({ cancelled: true });
		} finally {
			await session.close();
		}
	});

	it('fails a statement with the app’s QueryError, carrying the SQL', async () => {
		await expect(native.query('SELEC 1')).rejects.toMatchObject({ name: 'QueryError', sql: 'SELEC 1' });
	});
});
