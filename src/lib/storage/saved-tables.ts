/**
 * Imported tables saved as gzip CSV written by DuckDB itself, one blob per table, listed by
 * a manifest with each column's type. A save writes new blobs under fresh names first and
 * the manifest last (one atomic write), so a failure at any point leaves the previous
 * manifest pointing at the previous blobs.
 */
import { z } from 'zod';
import { strings } from '$lib/results/columns';
import { TABLE_NAMES, TABLES, type TableName } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import { ident, join, literal, sql, trusted } from '$lib/sql/fragment';
import type { BlobStore } from './blob-store';

const MANIFEST = 'manifest.json';
/** Written for NULL, so that an empty text stays an empty text. */
const NULL_STRING = '\u0001';

export const SavedManifestSchema = z.object({
	version: z.literal(1),
	savedAt: z.string(),
	tables: z.array(
		z.object({
			table: z.enum(TABLE_NAMES),
			blob: z.string().regex(/^[a-z_]+-[A-Za-z0-9-]+\.csv\.gz$/),
			rows: z.number().int().nonnegative(),
			/** Every column with its DuckDB type, contract columns first. */
			columns: z.array(z.object({ name: z.string(), type: z.enum(['VARCHAR', 'DATE', 'TIMESTAMP', 'INTEGER', 'DOUBLE', 'BOOLEAN']) })),
			/** The files the table was imported from, for "which data is shown". */
			files: z.array(z.string())
		})
	),
	/** The pages' results kept for these tables (src/lib/kept), once computed after the import. */
	kept: z.object({ blob: z.string().regex(/^kept-[A-Za-z0-9-]+\.bin$/) }).optional()
});
export type SavedManifest = z.infer<typeof SavedManifestSchema>;

/** Writes the manifest (one atomic write: it decides which blobs are the saved data). */
export async function writeManifest(store: BlobStore, manifest: SavedManifest): Promise<void> {
	await store.write(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
}

export async function readManifest(store: BlobStore): Promise<SavedManifest | null> {
	const bytes = await store.read(MANIFEST);
	if (!bytes) return null;
	const parsed = SavedManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
	if (!parsed.success) throw new Error(`the saved import's manifest is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
	return parsed.data;
}

export interface TableToSave {
	readonly table: TableName;
	/** The DuckDB table holding the rows (e.g. an import's `ingest_next_tickets`). */
	readonly from: string;
	readonly files: readonly string[];
}

/**
 * Rows per CSV piece that DuckDB writes. A file DuckDB-wasm writes grows by copying: one
 * COPY of a million ticket rows (97 MB) took 7.3 s where eight of 125,000 rows took 1.2 s.
 */
const PIECE_ROWS = 125_000;

/** For scripts on native DuckDB (publish-report), which writes a file in place: one piece, and node's zlib at a faster level. */
export interface CsvGzOptions {
	/** Makes the compressor; the platform's CompressionStream (zlib level 6) by default. */
	readonly gzip?: () => TransformStream<Uint8Array, Uint8Array>;
	readonly pieceRows?: number;
}

/**
 * Writes a DuckDB table as gzip CSV with a header; NULL is written as `nullString` (the
 * bundled-data loader reads an empty field as NULL). DuckDB writes the CSV in pieces of rows
 * (in rowid order: the table's order), and the platform's `CompressionStream` gzips them as
 * they come, beside DuckDB's worker: DuckDB's own gzip (in WebAssembly) took 3.7 s of a
 * million ticket rows.
 */
export async function exportTableCsvGz(engine: Engine, from: string, path: string, nullString = NULL_STRING, options: CsvGzOptions = {}) {
	const { gzip = () => new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>, pieceRows = PIECE_ROWS } = options;
	const described = await engine.query(sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${from} ORDER BY ordinal_position`);
	const types = strings(described, 'data_type');
	const columns = strings(described, 'column_name').map((name, i) => ({ name: name ?? '', type: types[i] ?? 'VARCHAR' }));
	const last = Number((await engine.query(sql`SELECT max(rowid) AS last FROM ${ident(from)}`)).getChild('last')?.get(0) ?? -1);
	const compressor = gzip();
	const writer = compressor.writable.getWriter();
	const compressed = new Response(compressor.readable as ReadableStream<Uint8Array<ArrayBuffer>>).arrayBuffer();
	try {
		// At least one piece: an empty table is its header.
		for (let first = 0; first === 0 || first <= last; first += pieceRows) {
			// The file must exist in DuckDB's virtual file system to be written there (not to disk in node).
			await engine.registerFile(path, new Uint8Array(0));
			try {
				await engine.query(
					sql`COPY (SELECT * FROM ${ident(from)} WHERE rowid >= ${trusted(String(first))} AND rowid < ${trusted(String(first + pieceRows))})
						TO ${literal(path)} (HEADER ${trusted(first === 0 ? 'true' : 'false')}, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR ${literal(nullString)}, COMPRESSION none, USE_TMP_FILE false)`
				);
				const piece = (await engine.readFile(path)) as Uint8Array<ArrayBuffer>;
				// At most one piece waits: a table of a gigabyte is never held whole as text.
				await writer.ready;
				// Not awaited: DuckDB writes the next piece while this one is compressed.
				void writer.write(piece).catch(() => undefined);
			} finally {
				await engine.dropFile(path);
			}
		}
		await writer.close();
	} catch (error) {
		await writer.abort(error).catch(() => undefined);
		throw error;
	}
	return { columns, bytes: new Uint8Array(await compressed) };
}

/**
 * Saves the given tables; with `replaceAll` the manifest lists only them (the others are
 * empty), else it keeps the other tables it already had.
 */
export async function saveTables(store: BlobStore, engine: Engine, tables: readonly TableToSave[], replaceAll: boolean): Promise<SavedManifest> {
	const previous = await readManifest(store).catch(() => null);
	const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
	const entries: SavedManifest['tables'] = [];
	const written: string[] = [];
	let manifest: SavedManifest;
	try {
		for (const t of tables) {
			const blob = `${t.table}-${stamp}.csv.gz`;
			const { columns, bytes } = await exportTableCsvGz(engine, t.from, `hypercare-save/${blob}`);
			const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(t.from)}`);
			written.push(blob);
			await store.write(blob, bytes);
			const parsed = SavedManifestSchema.shape.tables.element.shape.columns.parse(columns);
			entries.push({ table: t.table, blob, rows: Number(counted.getChild('n')?.get(0) ?? 0), columns: parsed, files: [...t.files] });
		}
		const saved = new Set(tables.map((t) => t.table));
		const kept = replaceAll ? [] : (previous?.tables ?? []).filter((t) => !saved.has(t.table));
		manifest = { version: 1, savedAt: new Date().toISOString(), tables: [...kept, ...entries] };
		await writeManifest(store, manifest);
	} catch (error) {
		// The previous manifest still rules; what this save wrote is only taking room.
		for (const name of written) await store.remove(name).catch(() => undefined);
		throw error;
	}
	await removeUnlisted(store, manifest);
	return manifest;
}

/** Removes blobs no manifest lists: left by the previous save, or by an import stopped by a reload. */
export async function removeUnlisted(store: BlobStore, manifest: SavedManifest | null): Promise<void> {
	const live = new Set([MANIFEST, ...(manifest?.tables ?? []).map((t) => t.blob), ...(manifest?.kept ? [manifest.kept.blob] : [])]);
	for (const name of await store.list()) if (!live.has(name)) await store.remove(name);
}

/** Recreates the saved tables in DuckDB with their saved column types; tables not saved are empty. */
export async function restoreTables(store: BlobStore, engine: Engine, manifest: SavedManifest): Promise<void> {
	for (const entry of manifest.tables) {
		const bytes = await store.read(entry.blob);
		if (!bytes) throw new Error(`the saved ${entry.table} table is missing from the browser's storage`);
		const path = `hypercare-save/${entry.blob}`;
		await engine.registerFile(path, bytes);
		try {
			const columns = join(
				entry.columns.map((c) => sql`${literal(c.name)}: ${literal(c.type)}`),
				', '
			);
			await engine.query(
				sql`CREATE OR REPLACE TABLE ${ident(entry.table)} AS SELECT * FROM read_csv(${literal(path)}, header = true, auto_detect = false,
					delim = ',', quote = '"', escape = '"', nullstr = ${literal(NULL_STRING)}, columns = {${columns}})`
			);
		} finally {
			await engine.dropFile(path);
		}
	}
	const saved = new Set(manifest.tables.map((t) => t.table));
	for (const table of TABLE_NAMES) {
		if (saved.has(table)) continue;
		const columns = join(
			TABLES[table].columns.map((c) => sql`${ident(c.name)} ${trusted(c.type)}`),
			', '
		);
		await engine.query(sql`CREATE OR REPLACE TABLE ${ident(table)} (${columns})`);
	}
}
