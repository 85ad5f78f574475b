/**
 * Imported data in the browser's storage: restored on a visit, saved after an import
 * (before it is swapped in, so a failed save changes nothing), and removed by
 * "clear all data" together with the saved mappings.
 */
import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import type { PreparedImport } from '$lib/ingest';
import { ident, sql } from '$lib/sql/fragment';
import { openStore } from '$lib/storage/open-store';
import { readManifest, removeUnlisted, restoreTables, saveTables, type SavedManifest } from '$lib/storage/saved-tables';
import { isQuotaError, withStorageLock } from '$lib/storage/storage-lock';
import { buildAnalysisRelations } from './analysis-relations';
import type { LoadedTable } from './load-tables';

export type StorageKind = 'opfs' | 'indexeddb' | 'memory';

/** The saved import, if this browser holds one. */
export async function findSavedImport(): Promise<SavedManifest | null> {
	return readManifest(await openStore());
}

/**
 * Restores the saved import as it is now (another tab may have saved since it was found),
 * and removes blobs an interrupted save left behind. Returns the manifest restored.
 */
export async function restoreSavedImport(engine: Engine, found: SavedManifest): Promise<SavedManifest> {
	const store = await openStore();
	const manifest = await withStorageLock('exclusive', async () => {
		const current = (await readManifest(store)) ?? found;
		await restoreTables(store, engine, current);
		await removeUnlisted(store, current);
		return current;
	});
	await buildAnalysisRelations(engine);
	return manifest;
}

/** Saves an import's new tables; `replaceAll` when it replaces the bundled sample. */
export async function saveImport(engine: Engine, prepared: PreparedImport, replaceAll: boolean): Promise<{ manifest: SavedManifest; kind: StorageKind }> {
	const store = await openStore();
	const files = (table: TableName) => prepared.report.files.filter((f) => f.table === table).map((f) => f.file);
	const tables = [...prepared.next].map(([table, from]) => ({ table, from, files: files(table) }));
	try {
		return { manifest: await withStorageLock('exclusive', () => saveTables(store, engine, tables, replaceAll)), kind: store.kind };
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		throw new Error(
			'This browser has no room left to save the import (its storage quota for this site is full): nothing was changed, and the data shown before is still shown and saved. ' +
				'Free space (Clear all data, or other sites’ data in the browser settings) or import fewer or smaller files.',
			{ cause: error }
		);
	}
}

/** Every key this app writes to localStorage starts so: saved mappings, the data source, the console's history and saved queries. */
const APP_PREFIX = 'hypercare:';

/** Removes everything this app stored in the browser: saved tables, mappings, console history. */
export async function clearSavedData(): Promise<void> {
	const store = await openStore();
	await withStorageLock('exclusive', () => store.clear());
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
