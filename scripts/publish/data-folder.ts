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
import { Duplex } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { TableName } from '$lib/contract/tables';
import { ManifestSchema, type Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { TABLES } from '$lib/contract/tables';
import { strings } from '$lib/results/columns';
import { ident, join, sql } from '$lib/sql/fragment';
import { exportTableCsvGz } from '$lib/storage/saved-tables';

/** The table that holds a table's rows in the order they were written. */
export const sortedTable = (table: TableName): string => `publish_sorted_${table}`;

/**
 * zlib level 4: on the full-scale billing CSV (about 500 MB) it takes about 2.5× less CPU than
 * level 6 (CompressionStream's, about 6 CPU s) for 8% more bytes; levels 1–3 save a little more
 * CPU for 16–33% more bytes, which every reader of the published site downloads.
 */
const GZIP_LEVEL = 4;
const gzip = () => Duplex.toWeb(createGzip({ level: GZIP_LEVEL })) as unknown as TransformStream<Uint8Array, Uint8Array>;

export interface DataFolderOptions {
	/** Leaves each table's rows in `sortedTable(table)`, for scripts/publish/loaded-tables.ts. */
	readonly keepSorted?: boolean;
	/**
	 * One COPY per table instead of pieces of 125,000 rows: for native DuckDB, which writes a file
	 * in place (the pieces are for duckdb-wasm, whose files grow by copying). At full scale the 81
	 * pieces of billing took about 9 CPU s, one COPY about 3. The bytes are the same either way.
	 */
	readonly onePiece?: boolean;
	/** When and from which export files the data was published (the site then says so instead of "the bundled sample"). */
	readonly published?: Manifest['published'];
}

export async function writeDataFolder(engine: Engine, tables: readonly TableName[], dir: string, options: DataFolderOptions = {}): Promise<Manifest> {
	mkdirSync(dir, { recursive: true });
	const entries: Manifest['tables'] = [];
	for (const table of tables) {
		const file = `${table}.csv.gz`;
		const columns = strings(await engine.query(sql`SELECT column_name FROM information_schema.columns WHERE table_name = ${table} ORDER BY ordinal_position`), 'column_name');
		const order = join([...TABLES[table].key, ...columns.filter((c): c is string => c !== null)].map(ident), ', ');
		const sorted = sortedTable(table);
		await engine.query(sql`CREATE OR REPLACE TABLE ${ident(sorted)} AS SELECT * FROM ${ident(table)} ORDER BY ${order}`);
		// An empty field is NULL for the loader, as it was for the import.
		const { bytes } = await exportTableCsvGz(engine, sorted, `publish/${file}`, '', { gzip, ...(options.onePiece ? { pieceRows: Number.MAX_SAFE_INTEGER } : {}) }).finally(() =>
			options.keepSorted ? undefined : engine.query(sql`DROP TABLE IF EXISTS ${ident(sorted)}`)
		);
		const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(table)}`);
		writeFileSync(path.join(dir, file), bytes);
		entries.push({ table, file, rows: Number(counted.getChild('n')?.get(0) ?? 0), bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
	}
	const manifest = ManifestSchema.parse({ generator: 'hypercare publish-report', ...(options.published ? { published: options.published } : {}), tables: entries });
	writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return manifest;
}
