/**
 * publish-report computes the kept results on the engine that imported the exports, making the
 * canonical tables from the rows it has just written instead of parsing its gzip CSVs again.
 * Those tables must be the ones the browser loads from the written files: same objects in the
 * database, same column types, same rows in the same order, value for value.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { startNativeEngine } from '$lib/engine/native';
import { writeDataFolder } from '../../../scripts/publish/data-folder';
import { importFolder } from '../../../scripts/publish/import-folder';
import { tablesFromWrittenRows } from '../../../scripts/publish/loaded-tables';

const scratch = mkdtempSync(path.join(tmpdir(), 'hypercare-loaded-tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every user object of the database, and each table's column types and rows in table order. */
async function snapshot(engine: Engine): Promise<{ objects: string[]; tables: Record<string, { types: string[]; rows: string[] }> }> {
	const objects = (
		await engine.query(
			`SELECT 'table ' || table_name AS o FROM duckdb_tables() WHERE NOT internal UNION ALL SELECT 'view ' || view_name FROM duckdb_views() WHERE NOT internal
		 UNION ALL SELECT DISTINCT 'macro ' || function_name FROM duckdb_functions() WHERE NOT internal AND function_type LIKE '%macro' ORDER BY 1`
		)
	)
		.getChild('o')
		?.toArray() as string[];
	const tables: Record<string, { types: string[]; rows: string[] }> = {};
	for (const table of TABLE_NAMES) {
		const described = await engine.query(`SELECT column_name || ' ' || column_type AS c FROM (DESCRIBE ${table})`);
		const result = await engine.query(`SELECT * FROM ${table}`);
		const rows: string[] = [];
		for (let i = 0; i < result.numRows; i++) {
			rows.push(JSON.stringify(result.get(i)?.toJSON(), (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && Object.is(v, -0) ? '-0' : v)));
		}
		tables[table] = { types: described.getChild('c')?.toArray() as string[], rows };
	}
	return { objects: [...objects], tables };
}

/** The tables as publish-report makes them (from the written rows) and as the browser loads the written files, side by side. */
async function bothWays(name: string, fill: (engine: Engine) => Promise<readonly TableName[]>) {
	const dir = path.join(scratch, name);
	const publisher = await startNativeEngine();
	const browser = await startNativeEngine();
	try {
		const tables = await fill(publisher);
		const manifest: Manifest = await writeDataFolder(publisher, tables, dir, { keepSorted: true });
		const fromRows = await tablesFromWrittenRows(publisher, dir, manifest);
		const fromFiles = await loadCanonicalTables(
			browser,
			manifest.tables.map((m) => ({ table: m.table, name: m.file, bytes: readFileSync(path.join(dir, m.file)) }))
		);
		return { fromRows, fromFiles, published: await snapshot(publisher), loaded: await snapshot(browser) };
	} finally {
		await publisher.close();
		await browser.close();
	}
}

describe('canonical tables made from the rows publish-report wrote', () => {
	it('equal the written files loaded as the browser loads them, for awkward values and an extra column', async () => {
		const { fromRows, fromFiles, published, loaded } = await bothWays('awkward', async (engine) => {
			await engine.query(`CREATE TABLE clinics AS SELECT * FROM (VALUES
				('C1', '', ' padded ', 'a,b', DATE '2026-01-05', 3, 'extra'),
				('C2', NULL, 'say "hi"', E'line\\nbreak', DATE '2026-02-02', NULL, ''),
				('C3', 'Ünïcode ✓', 'S', NULL, DATE '2025-12-29', 0, NULL)
			) t(clinic_id, clinic_name, site, specialty, go_live_date, providers, region)`);
			await engine.query(`CREATE TABLE training AS SELECT * FROM (VALUES
				('u1', 'C1', 'MD', 'inbox', DATE '2026-01-01', 0.1),
				('u2', 'C1', NULL, 'orders', NULL, 1e-300),
				('u3', 'C2', '', 'orders', DATE '2026-01-02', -0.0),
				('u4', 'C3', 'RN', 'inbox', DATE '2026-01-03', 123456789.123456789)
			) t(user_id, clinic_id, role, workflow_area, completed_on, score)`);
			await engine.query(`CREATE TABLE tickets AS SELECT * FROM (VALUES
				('T1', TIMESTAMP '2026-01-05 08:00:00.123456', NULL, TIMESTAMP '2026-01-06 00:00:00', 'C1', 'u1', 'how-to', 'inbox', 2, 'open', 'desk', 'comma, "quoted"')
			) t(ticket_id, opened_at, resolved_at, updated_at, clinic_id, reporter_id, category, workflow_area, priority, status, assignment_group, short_description)`);
			await engine.query(`CREATE TABLE billing AS SELECT * FROM (VALUES ('E1', 'C1', DATE '2026-01-05', NULL, DATE '2026-01-07', true), ('E2', 'C2', DATE '2026-01-05', NULL, NULL, NULL))
				t(encounter_id, clinic_id, date_of_service, charge_posted_on, claim_submitted_on, denied)`);
			// What an import leaves that the browser's database does not have.
			await engine.query(`CREATE TABLE import_rejected_rows AS SELECT 1 AS x`);
			await engine.query(`CREATE MACRO leftover(x) AS x + 1`);
			return ['clinics', 'training', 'tickets', 'billing'];
		});
		expect(fromRows).toEqual(fromFiles);
		expect(published.objects).toEqual(loaded.objects);
		expect(published.tables).toEqual(loaded.tables);
		// The round trip is what the browser sees: an empty text is NULL there.
		expect(loaded.tables.clinics?.rows[0]).toContain('"clinic_name":null');
	}, 120_000);

	it('equal them for a real export imported as publish-report imports it (the ServiceNow log)', async () => {
		const { fromRows, fromFiles, published, loaded } = await bothWays('servicenow', async (engine) => {
			const { prepared } = await importFolder(engine, path.resolve('tests/fixtures/servicenow-incident-log'));
			return [...prepared.next.keys()];
		});
		expect(fromRows).toEqual(fromFiles);
		expect(fromRows.find((t) => t.table === 'tickets')?.rows).toBe(24_918);
		expect(published.objects).toEqual(loaded.objects);
		expect(published.tables).toEqual(loaded.tables);
	}, 300_000);
});
