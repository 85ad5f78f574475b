/**
 * Where the pages' kept results come from for the data shown: beside the bundled data (computed
 * at build time, `scripts/kept-results.ts`), or beside a saved import (computed in the browser
 * right after it). Each is checked against the data it was computed from, so results of other
 * data are never shown: a new build, or a new import, leaves them unused.
 */
import { decodeKept, encodeKept } from '$lib/kept/kept-file';
import { KeptTables } from '$lib/kept/kept-tables';
import { openStore } from '$lib/storage/open-store';
import { readManifest, removeUnlisted, writeManifest, type SavedManifest } from '$lib/storage/saved-tables';
import { withStorageLock } from '$lib/storage/storage-lock';
import type { Engine } from '$lib/engine';
import type { LoadedTable } from './load-tables';
import { ManifestSchema, type Manifest } from './manifest';

/** Runs every page's default view on an engine holding the data (analysed) and returns each read statement's result as Arrow IPC. */
export type RecordViews = (engine: Engine) => Promise<ReadonlyMap<string, Uint8Array>>;

/** The bundled data's key: its manifest, byte for byte (it lists every file with its size and digest). */
export const bundledDataKey = (manifestText: string): string => manifestText;

/** A saved import's key: its tables' blob names (a new save writes new names). */
export const importDataKey = (manifest: SavedManifest): string => JSON.stringify(manifest.tables.map((t) => t.blob));

/** What the build leaves when it kept nothing (the page then computes live). */
export const NO_KEPT_RESULTS = new Uint8Array(0);

async function bytesOf(request: Promise<Response>): Promise<Uint8Array | null> {
	const response = await request;
	return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

const fetchOk = (url: string, cache: RequestCache): Promise<Uint8Array | null> => bytesOf(fetch(url, { cache }));

/** What src/kept-preload.js leaves on the window: the manifest's request, started while the app's scripts loaded. */
interface EarlyManifest {
	readonly href: string;
	readonly response: Promise<Response>;
}

/**
 * The manifest's request that the page's HTML started (src/kept-preload.js: 'no-cache', like the fetch below), if it
 * asked for this address; taken once, so a later read asks the server again. Null in a tab that started none
 * (imported data, Import or SQL console, a unit test): the data set then fetches it itself.
 */
function earlyManifest(url: string): Promise<Response> | null {
	const holder = globalThis as { hypercareManifest?: EarlyManifest };
	const early = holder.hypercareManifest;
	delete holder.hypercareManifest;
	return early && early.href === new URL(url, globalThis.location?.href).href ? early.response : null;
}

/**
 * The results kept beside the bundled data, if they were computed from the manifest served now.
 * The page's HTML preloads kept.bin (src/app.html), so it arrives while the app's scripts do; the
 * preload is reused by a fetch of the default cache mode, which may also answer from an older
 * visit's HTTP cache: a file of other data is then fetched once more from the server. The HTML
 * also starts the manifest's request ('no-cache'), which is taken rather than asked twice.
 * `seen` receives the manifest (valid ones only), whether or not results were kept for it.
 */
export async function bundledKept(dataUrl: string, seen?: (manifest: Manifest) => void): Promise<KeptTables | null> {
	try {
		const manifestUrl = `${dataUrl}/manifest.json`;
		const manifestText = bytesOf(earlyManifest(manifestUrl) ?? fetch(manifestUrl, { cache: 'no-cache' })).then((m) => (m ? new TextDecoder().decode(m) : null));
		// The manifest also says what the data is (the sample, or a published report): told as soon as it arrives.
		void manifestText
			.then((text) => {
				const parsed = text ? ManifestSchema.safeParse(JSON.parse(text)) : null;
				if (parsed?.success) seen?.(parsed.data);
			})
			.catch(() => undefined);
		const read = async (cache: RequestCache) => {
			const file = await fetchOk(`${dataUrl}/kept.bin`, cache);
			return file && file.byteLength > 0 ? decodeKept(file).catch(() => null) : null;
		};
		const [manifest, first] = await Promise.all([manifestText, read('default')]);
		if (!manifest) return null;
		if (first?.header.dataKey === bundledDataKey(manifest)) return new KeptTables(first);
		const fresh = await read('no-cache');
		return fresh?.header.dataKey === bundledDataKey(manifest) ? new KeptTables(fresh) : null;
	} catch {
		// Without them every page computes live, as it would on a first visit of imported data.
		return null;
	}
}

/** The results kept beside the saved import, if they were computed for the tables saved now. */
export async function importedKept(): Promise<KeptTables | null> {
	try {
		const store = await openStore();
		return await withStorageLock('shared', async () => {
			const manifest = await readManifest(store);
			if (!manifest?.kept) return null;
			const file = await store.read(manifest.kept.blob);
			if (!file) return null;
			const bundle = await decodeKept(file);
			return bundle.header.dataKey === importDataKey(manifest) ? new KeptTables(bundle) : null;
		});
	} catch {
		return null;
	}
}

/**
 * Keeps the results computed over a saved import beside it, unless another tab saved other
 * data meanwhile. Returns them as the pages read them, or null when they were not kept.
 */
export async function keepImported(manifest: SavedManifest, tables: readonly LoadedTable[], results: ReadonlyMap<string, Uint8Array>): Promise<KeptTables | null> {
	const dataKey = importDataKey(manifest);
	const bytes = await encodeKept({ dataKey, computedAt: new Date().toISOString(), computedBy: 'DuckDB-wasm in this browser', tables: [...tables] }, results);
	const store = await openStore();
	const kept = await withStorageLock('exclusive', async () => {
		const current = await readManifest(store);
		if (!current || importDataKey(current) !== dataKey) return false;
		const blob = `kept-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.bin`;
		await store.write(blob, bytes);
		const next: SavedManifest = { ...current, kept: { blob } };
		await writeManifest(store, next);
		await removeUnlisted(store, next);
		return true;
	});
	return kept ? new KeptTables(await decodeKept(bytes)) : null;
}
