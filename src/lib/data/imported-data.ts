/**
 * Imported data in the browser's storage: restored on a visit, saved after an import
 * (before it is swapped in, so a failed save changes nothing), and removed by
 * "clear all data" together with the saved mappings.
 */
import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import type { PreparedImport } from '$lib/ingest';
import { ident, sql } from '$lib/sql/fragment';
import { createAnalysisRelations } from '$lib/sql/views';
import { openStore } from '$lib/storage/open-store';
import { readManifest, restoreTables, saveTables, type SavedManifest } from '$lib/storage/saved-tables';
import type { LoadedTable } from './load-tables';

export type StorageKind = 'opfs' | 'indexeddb' | 'memory';

/** The saved import, if this browser holds one. */
export async function findSavedImport(): Promise<SavedManifest | null> {
	return readManifest(await openStore());
}

export async function restoreSavedImport(engine: Engine, manifest: SavedManifest): Promise<void> {
	await restoreTables(await openStore(), engine, manifest);
	for (const statement of createAnalysisRelations()) await engine.query(statement);
}

/** Saves an import's new tables; `replaceAll` when it replaces the bundled sample. */
export async function saveImport(engine: Engine, prepared: PreparedImport, replaceAll: boolean): Promise<{ manifest: SavedManifest; kind: StorageKind }> {
	const store = await openStore();
	const files = (table: TableName) => prepared.report.files.filter((f) => f.table === table).map((f) => f.file);
	const tables = [...prepared.next].map(([table, from]) => ({ table, from, files: files(table) }));
	return { manifest: await saveTables(store, engine, tables, replaceAll), kind: store.kind };
}

/** Every key this app writes to localStorage starts so: saved mappings, the data source, the console's history and saved queries. */
const APP_PREFIX = 'hypercare:';

/** Removes everything this app stored in the browser: saved tables, mappings, console history. */
export async function clearSavedData(): Promise<void> {
	await (await openStore()).clear();
	for (const key of Object.keys(localStorage)) if (key.startsWith(APP_PREFIX)) localStorage.removeItem(key);
}

/** Drops the canonical tables (before the bundled sample is loaded again). */
export async function dropCanonicalTables(engine: Engine): Promise<void> {
	for (const table of [...TABLE_NAMES, 'import_rejected_rows']) await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)} CASCADE`);
}

/** Row counts of the canonical tables, labelled with the files each came from. */
export async function importedTables(engine: Engine, manifest: SavedManifest): Promise<LoadedTable[]> {
	const out: LoadedTable[] = [];
	for (const entry of manifest.tables) {
		const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(entry.table)}`);
		out.push({ table: entry.table, file: entry.files.join(', '), rows: Number(counted.getChild('n')?.get(0) ?? 0) });
	}
	return out;
}
