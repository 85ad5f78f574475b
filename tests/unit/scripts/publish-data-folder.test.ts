/**
 * The same rows give the same published files whatever order an engine left them in: native
 * DuckDB's threads do not keep the files' row order through the import's joins, duckdb-wasm's
 * one thread does, and the data digest (and the kept results keyed by it) must not depend on it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNativeEngine } from '$lib/engine/native';
import { startNodeEngine } from '$lib/engine/node';
import { writeDataFolder } from '../../../scripts/publish/data-folder';

const dir = mkdtempSync(path.join(tmpdir(), 'hypercare-data-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('publish data folder', () => {
	it('writes rows in key order, so two engines with the rows in different orders publish the same bytes', async () => {
		const rows = [
			["'C2'", "'Second'", 'NULL'],
			["'C10'", "'Tenth, with a comma'", "'W2'"],
			["'C1'", 'NULL', "'W1'"]
		];
		const values = (order: number[]) => order.map((i) => `(${rows[i]?.join(', ')})`).join(', ');
		const wasm = await startNodeEngine();
		const native = await startNativeEngine();
		try {
			await wasm.query(`CREATE TABLE clinics AS SELECT * FROM (VALUES ${values([0, 1, 2])}) t(clinic_id, clinic_name, wave)`);
			await native.query(`CREATE TABLE clinics AS SELECT * FROM (VALUES ${values([2, 0, 1])}) t(clinic_id, clinic_name, wave)`);
			const [a, b] = [await writeDataFolder(wasm, ['clinics'], path.join(dir, 'wasm')), await writeDataFolder(native, ['clinics'], path.join(dir, 'native'))];
			expect(b.tables).toEqual(a.tables);
			const text = readFileSync(path.join(dir, 'native', 'clinics.csv.gz'));
			expect(new TextDecoder().decode(await new Response(new Blob([text]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())).toBe(
				'clinic_id,clinic_name,wave\nC1,,W1\nC10,"Tenth, with a comma",W2\nC2,Second,\n'
			);
		} finally {
			await wasm.close();
			await native.close();
		}
	});

	it('writes the same bytes in one piece (native DuckDB) as in pieces of 125,000 rows, for a table of more than one piece', async () => {
		const native = await startNativeEngine();
		try {
			await native.query(
				`CREATE TABLE tickets AS SELECT 'T' || lpad(CAST(i AS VARCHAR), 7, '0') AS ticket_id, TIMESTAMP '2026-01-05 08:00:00' + to_seconds(i) AS opened_at,
					CASE WHEN i % 7 = 0 THEN NULL ELSE 'C' || (i % 40) END AS clinic_id, CASE WHEN i % 5 = 0 THEN 'a, "quoted" text' ELSE '' END AS short_description FROM range(300000) r(i)`
			);
			const [pieces, whole] = [await writeDataFolder(native, ['tickets'], path.join(dir, 'pieces')), await writeDataFolder(native, ['tickets'], path.join(dir, 'whole'), { onePiece: true })];
			expect(whole.tables).toEqual(pieces.tables);
			expect(whole.tables[0]?.rows).toBe(300_000);
		} finally {
			await native.close();
		}
	});
});
