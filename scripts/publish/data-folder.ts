/**
 * Writes the canonical tables an import brought as a bundled-data folder: one gzip CSV per
 * table and a manifest.json of the same shape as data/sample's (src/lib/data/manifest.ts),
 * which the site loads with the contract's types (src/lib/data/load-tables.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TableName } from '$lib/contract/tables';
import { ManifestSchema, type Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { ident, sql } from '$lib/sql/fragment';
import { exportTableCsvGz } from '$lib/storage/saved-tables';

export async function writeDataFolder(engine: Engine, tables: readonly TableName[], dir: string): Promise<Manifest> {
	mkdirSync(dir, { recursive: true });
	const entries: Manifest['tables'] = [];
	for (const table of tables) {
		const file = `${table}.csv.gz`;
		// An empty field is NULL for the loader, as it was for the import.
		const { bytes } = await exportTableCsvGz(engine, table, `publish/${file}`, '');
		const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(table)}`);
		writeFileSync(path.join(dir, file), bytes);
		entries.push({ table, file, rows: Number(counted.getChild('n')?.get(0) ?? 0), bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
	}
	const manifest = ManifestSchema.parse({ generator: 'hypercare publish-report', tables: entries });
	writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return manifest;
}
