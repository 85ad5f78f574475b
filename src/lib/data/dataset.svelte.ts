import { base } from '$app/paths';
import { getEngine, type Engine } from '$lib/engine';
import type { PreparedImport } from '$lib/ingest';
import type { SavedManifest } from '$lib/storage/saved-tables';
import { markSince } from '$lib/timing';
import { buildAnalysisRelations } from './analysis-relations';
import { fetchBundledData } from './bundled-source';
import { clearSavedData, dropCanonicalTables, findSavedImport, importedTables, restoreSavedImport, saveImport } from './imported-data';
import { loadCanonicalTables, type LoadedTable } from './load-tables';

type Phase = 'idle' | 'loading' | 'ready' | 'error';
export type DataSource = 'bundled' | 'imported';

/**
 * Known before anything loads (pages decide at mount whether the build-time first view of the
 * bundled sample applies), so it is a flag beside the saved import rather than read from it.
 */
const SOURCE_KEY = 'hypercare:source';
const initialSource = (): DataSource => (typeof localStorage !== 'undefined' && localStorage.getItem(SOURCE_KEY) === 'imported' ? 'imported' : 'bundled');

/**
 * The data loaded into this tab's DuckDB. Started once on first use: the bundled files
 * download while DuckDB starts, then become the canonical tables.
 */
class Dataset {
	phase = $state<Phase>('idle');
	/** Which data this tab shows: the sample bundled with the site (the build-time first view applies to it only) or imported files. */
	source = $state<DataSource>(initialSource());
	/** The saved import shown, with the files each table came from. */
	imported = $state.raw<SavedManifest | null>(null);
	/** Something the user should know about the data shown (e.g. a saved import that could not be restored). */
	notice = $state('');
	step = $state('');
	tables = $state.raw<readonly LoadedTable[]>([]);
	error = $state.raw<Error | null>(null);
	#ready: Promise<Engine> | undefined;
	#attributed: Promise<Engine> | undefined;

	ready(): Promise<Engine> {
		this.#ready ??= this.#load().catch((error: unknown) => {
			this.error = error instanceof Error ? error : new Error(String(error));
			this.phase = 'error';
			this.#ready = undefined;
			throw this.error;
		});
		return this.#ready;
	}

	/**
	 * The data plus the root-cause attribution over it. Built on first use rather than
	 * after every load, so the overview's first charts do not wait for it.
	 */
	attributed(): Promise<Engine> {
		this.#attributed ??= this.ready()
			.then(async (engine) => {
				// Loaded with the first page that needs it, not with every page.
				const { buildAttribution } = await import('$lib/attribution');
				await buildAttribution(engine);
				return engine;
			})
			.catch((error: unknown) => {
				this.#attributed = undefined;
				throw error;
			});
		return this.#attributed;
	}

	async #load(): Promise<Engine> {
		this.phase = 'loading';
		this.error = null;
		const saved = this.source === 'imported' ? await this.#savedImport() : null;
		const engine = saved ? await this.#loadImported(saved) : await this.#loadBundled();
		markSince('hypercare:data-loaded');
		this.phase = 'ready';
		this.step = '';
		return engine;
	}

	async #loadBundled(): Promise<Engine> {
		this.step = 'Starting DuckDB and downloading the bundled data…';
		const [engine, bundled] = await Promise.all([getEngine(), fetchBundledData(`${base}/data`)]);
		const loaded: LoadedTable[] = [];
		await loadCanonicalTables(engine, bundled.files, (table) => {
			loaded.push(table);
			this.step = `Loaded ${table.table} (${table.rows.toLocaleString()} rows)…`;
		});
		this.tables = loaded;
		this.#setSource('bundled', null);
		return engine;
	}

	async #savedImport(): Promise<SavedManifest | null> {
		const manifest = await findSavedImport().catch((error: unknown) => {
			this.notice = `The saved import could not be read (${error instanceof Error ? error.message : String(error)}); showing the bundled sample.`;
			return null;
		});
		if (!manifest) this.#setSource('bundled', null);
		return manifest;
	}

	async #loadImported(manifest: SavedManifest): Promise<Engine> {
		this.step = 'Starting DuckDB and restoring the imported data saved in this browser…';
		const engine = await getEngine();
		const restored = await restoreSavedImport(engine, manifest);
		this.tables = await importedTables(engine, restored);
		this.#setSource('imported', restored);
		return engine;
	}

	#setSource(source: DataSource, manifest: SavedManifest | null) {
		this.source = source;
		this.imported = manifest;
		if (typeof localStorage === 'undefined') return;
		if (source === 'imported') localStorage.setItem(SOURCE_KEY, 'imported');
		else localStorage.removeItem(SOURCE_KEY);
	}

	/**
	 * Makes a prepared import the data shown: saved in the browser first (a failed save
	 * changes nothing), then swapped in. The first import replaces the bundled sample whole.
	 */
	async applyImport(prepared: PreparedImport): Promise<void> {
		const engine = await this.ready();
		const replaceAll = this.source === 'bundled';
		// The importer (and its Parquet and Excel decoders) loads with the import page, not with every page.
		const { commitImport } = await import('$lib/ingest');
		if (prepared.next.size > 0) {
			const { manifest, kind } = await saveImport(engine, prepared, replaceAll);
			await commitImport(engine, prepared, replaceAll);
			await buildAnalysisRelations(engine);
			this.#setSource('imported', manifest);
			this.tables = await importedTables(engine, manifest);
			this.notice = kind === 'memory' ? 'This browser does not let the page keep data: the import lasts until the tab is closed.' : '';
		} else {
			await commitImport(engine, prepared, false);
			await buildAnalysisRelations(engine);
		}
		this.#ready = Promise.resolve(engine);
		this.#attributed = undefined;
	}

	/** Removes every imported table and saved mapping from the browser, and shows the bundled sample again. */
	async clearAll(): Promise<void> {
		await clearSavedData();
		this.#setSource('bundled', null);
		this.notice = '';
		const started = this.#ready;
		this.#ready = undefined;
		this.#attributed = undefined;
		if (started) await dropCanonicalTables(await started.catch(() => getEngine()));
		await this.ready();
	}
}

export const dataset = new Dataset();
