/**
 * Writes the canonical tables an import brought as a bundled-data folder: one gzip CSV per
 * table and a manifest.json of the same shape as data/sample's (src/lib/data/manifest.ts),
 * which the site loads with the contract's types (src/lib/data/load-tables.ts).
 *
 * Rows are written in key order (then by every column): the import's joins keep the files'
 * row order on one thread (duckdb-wasm) but not on several (native DuckDB), and the same
 * exports must give the same files, the same digest and so the same kept results, whichever
 * engine published them and however its threads ran.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TableName } from '$lib/contract/tables';
import { ManifestSchema, type Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { TABLES } from '$lib/contract/tables';
import { strings } from '$lib/results/columns';
import { ident, join, sql } from '$lib/sql/fragment';
import { exportTableCsvGz } from '$lib/storage/saved-tables';

/** The table that holds a table's rows in the order they were written (kept with `keepSorted`, for scripts/publish/loaded-tables.ts). */
export const sortedTable = (table: TableName): string => `publish_sorted_${table}`;

export async function writeDataFolder(engine: Engine, tables: readonly TableName[], dir: string, options: { keepSorted?: boolean } = {}): Promise<Manifest> {
	mkdirSync(dir, { recursive: true });
	const entries: Manifest['tables'] = [];
	for (const table of tables) {
		const file = `${table}.csv.gz`;
		const columns = strings(await engine.query(sql`SELECT column_name FROM information_schema.columns WHERE table_name = ${table} ORDER BY ordinal_position`), 'column_name');
		const order = join([...TABLES[table].key, ...columns.filter((c): c is string => c !== null)].map(ident), ', ');
		const sorted = sortedTable(table);
		await engine.query(sql`CREATE OR REPLACE TABLE ${ident(sorted)} AS SELECT * FROM ${ident(table)} ORDER BY ${order}`);
		// An empty field is NULL for the loader, as it was for the import.
		const { bytes } = await exportTableCsvGz(engine, sorted, `publish/${file}`, '').finally(() =>
			options.keepSorted ? undefined : engine.query(sql`DROP TABLE IF EXISTS ${ident(sorted)}`)
		);
		const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(table)}`);
		writeFileSync(path.join(dir, file), bytes);
		entries.push({ table, file, rows: Number(counted.getChild('n')?.get(0) ?? 0), bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
	}
	const manifest = ManifestSchema.parse({ generator: 'hypercare publish-report', tables: entries });
	writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return manifest;
}
