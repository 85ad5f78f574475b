import { describe, expect, it } from 'vitest';
import { startNodeEngine } from '$lib/engine/node';
import { prepareImport } from '$lib/ingest';
import { memoryStore } from '$lib/storage/blob-store';
import { readManifest, restoreTables, saveTables } from '$lib/storage/saved-tables';
import { rows } from '../helpers/fixture';
import { fixture, mappingFor } from '../ingest/import-helper';

const TICKETS = `SELECT ticket_id, opened_at, resolved_at, priority, category, "Labels", "Labels_2" FROM tickets ORDER BY ticket_id`;

describe('saved imports', () => {
	it('round-trip through the store with the contract types and extra columns', async () => {
		const store = memoryStore();
		const first = await startNodeEngine();
		const { blob, mapping } = await mappingFor({ name: 'jira-export.csv', bytes: fixture('imports/jira-export.csv') });
		const prepared = await prepareImport(first, [{ name: 'jira-export.csv', blob, mapping }]);
		const manifest = await saveTables(store, first, [{ table: 'tickets', from: prepared.next.get('tickets') ?? '', files: ['jira-export.csv'] }], true);
		expect(manifest.tables).toEqual([{ table: 'tickets', blob: expect.stringMatching(/^tickets-.+\.csv\.gz$/), rows: 6, columns: expect.any(Array), files: ['jira-export.csv'] }]);
		const expected = await rows(first, TICKETS.replace('FROM tickets', `FROM ${prepared.next.get('tickets') ?? ''}`));

		const second = await startNodeEngine();
		const saved = await readManifest(store);
		if (!saved) throw new Error('no manifest');
		await restoreTables(store, second, saved);
		expect(await rows(second, TICKETS)).toEqual(expected);
		const types = await rows(second, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'tickets' AND column_name IN ('opened_at', 'priority', 'Labels')`);
		expect(Object.fromEntries(types.map((t) => [t.column_name, t.data_type]))).toEqual({ opened_at: 'TIMESTAMP', priority: 'INTEGER', Labels: 'VARCHAR' });
		expect(await rows(second, 'SELECT count(*) AS n FROM clinics')).toEqual([{ n: 0 }]);
		await Promise.all([first.close(), second.close()]);
	});

	it('saves a table bigger than one written piece whole and in order, gaps of deleted rows, NULLs and empty texts included', async () => {
		const store = memoryStore();
		const first = await startNodeEngine();
		// 260,000 rows: three pieces of DuckDB's CSV, gzipped as one file.
		await first.query(`CREATE TABLE src AS SELECT 'C' || i AS clinic_id, CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN '' ELSE 'site ' || i END AS site,
			DATE '2026-01-01' + CAST(i % 300 AS INTEGER) AS go_live_date FROM range(260000) t(i) ORDER BY i DESC`);
		await first.query(`DELETE FROM src WHERE rowid BETWEEN 124990 AND 125010 OR rowid % 1000 = 7`);
		const manifest = await saveTables(store, first, [{ table: 'clinics', from: 'src', files: ['big.csv'] }], true);
		expect(manifest.tables[0]?.rows).toBe(259_720);
		const second = await startNodeEngine();
		await restoreTables(store, second, manifest);
		const digest = `SELECT count(*) AS n, count(site) AS sites, count(*) FILTER (WHERE site = '') AS empty,
			sum(hash(clinic_id, site, go_live_date, k)) AS digest FROM (SELECT *, row_number() OVER () AS k FROM TABLE)`;
		expect(await rows(second, digest.replace('TABLE', 'clinics'))).toEqual(await rows(first, digest.replace('TABLE', 'src')));
		await Promise.all([first.close(), second.close()]);
	});

	it('keeps the previous manifest and blobs when a write fails, and drops unreferenced blobs after a save', async () => {
		const store = memoryStore();
		const engine = await startNodeEngine();
		await engine.query(`CREATE TABLE src AS SELECT 'C1' AS clinic_id, DATE '2026-03-02' AS go_live_date`);
		const one = await saveTables(store, engine, [{ table: 'clinics', from: 'src', files: ['a.csv'] }], true);
		const failing = { ...store, write: async (name: string, bytes: Uint8Array) => (name === 'manifest.json' ? Promise.reject(new Error('quota')) : store.write(name, bytes)) };
		await expect(saveTables(failing, engine, [{ table: 'clinics', from: 'src', files: ['b.csv'] }], true)).rejects.toThrow('quota');
		expect(await readManifest(store)).toEqual(one);
		const two = await saveTables(store, engine, [{ table: 'training', from: 'src', files: ['c.csv'] }], false);
		expect(two.tables.map((t) => t.table)).toEqual(['clinics', 'training']);
		expect((await store.list()).sort()).toEqual(['manifest.json', ...two.tables.map((t) => t.blob)].sort());
		await engine.close();
	});
});
