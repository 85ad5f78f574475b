import { base } from '$app/paths';
import { getEngine, type Engine } from '$lib/engine';
import type { PreparedImport } from '$lib/ingest';
import type { SavedManifest } from '$lib/storage/saved-tables';
import { markSince } from '$lib/timing';
import { keptFirstEngine } from '$lib/kept/kept-first-engine';
import type { KeptTables } from '$lib/kept/kept-tables';
import { buildAnalysisRelations } from './analysis-relations';
import { fetchBundledData } from './bundled-source';
import type { Manifest } from './manifest';
import { clearSavedData, dropCanonicalTables, findSavedImport, importedTables, restoreSavedImport, saveImport } from './imported-data';
import { bundledKept, importedKept, keepImported, type RecordViews } from './kept-data';
import { loadCanonicalTables, type LoadedTable } from './load-tables';

type Phase = 'idle' | 'loading' | 'ready' | 'error';
export type DataSource = 'bundled' | 'imported';
/**
 * Beyond this many clinics an import keeps no results: computing every page's default view
 * (Recovery's scorecard and forecasts over every clinic above all) would hold the import for
 * minutes, for views that then open live anyway.
 */
const KEEP_MAX_CLINICS = 5_000;

/**
 * How far a page needs the live engine built: the data (and the overview's pre-aggregates),
 * the attribution, the recovery tables, or all of it with the scorecard view's top causes.
 */
export type Analysis = 'data' | 'attributed' | 'recovered' | 'analysed';

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
	/** Whether the pages can show the data: from kept results, or from the live engine. */
	phase = $state<Phase>('idle');
	/** The live engine: idle until a page asks for something the kept results do not hold. */
	live = $state<Phase>('idle');
	/** Whether what the pages show comes from results kept for this data (the full tables are then loaded only when needed). */
	fromKept = $state(false);
	/**
	 * Runs every page's default view on an engine and returns each statement's result (the
	 * routes set it: the pages live there). Without it, an import keeps no results.
	 */
	recordViews: RecordViews | null = null;
	/** Which data this tab shows: the sample bundled with the site (the build-time first view applies to it only) or imported files. */
	source = $state<DataSource>(initialSource());
	/** The saved import shown, with the files each table came from. */
	imported = $state.raw<SavedManifest | null>(null);
	/** The bundled data's manifest once read (it says whether the bundled data is the sample or a published report). */
	bundledManifest = $state.raw<Manifest | null>(null);
	/** Something the user should know about the data shown (e.g. a saved import that could not be restored). */
	notice = $state('');
	step = $state('');
	tables = $state.raw<readonly LoadedTable[]>([]);
	error = $state.raw<Error | null>(null);
	#ready: Promise<Engine> | undefined;
	#attributed: Promise<Engine> | undefined;
	#recovered: Promise<Engine> | undefined;
	#analysed: Promise<Engine> | undefined;
	#kept: Promise<KeptTables | null> | undefined;

	/**
	 * The engine a page asks: results kept for this data answer at once (a page's default view
	 * draws before DuckDB has started); anything else waits for the live engine, built as far as
	 * `analysis`, which only then starts loading the full tables. Without kept results it is the
	 * live engine once built.
	 */
	async pageEngine(analysis: Analysis): Promise<Engine> {
		const live = (): Promise<Engine> => (analysis === 'data' ? this.ready() : analysis === 'attributed' ? this.attributed() : analysis === 'recovered' ? this.recovered() : this.analysed());
		const kept = await this.keptResults();
		if (!kept) return live();
		return keptFirstEngine(kept, live);
	}

	/** The results kept for the data shown, or null (none, stale, or unreadable: the pages then compute live). */
	keptResults(): Promise<KeptTables | null> {
		this.#kept ??= (this.source === 'imported' ? importedKept() : bundledKept(`${base}/data`, (m) => (this.bundledManifest = m))).then((kept) => {
			if (!kept) return null;
			this.fromKept = true;
			if (this.phase !== 'ready') {
				this.tables = kept.bundle.header.tables;
				this.phase = 'ready';
			}
			return kept;
		});
		return this.#kept;
	}

	/** The live engine with the data loaded (and the overview's pre-aggregates). */
	ready(): Promise<Engine> {
		this.#ready ??= this.#load().catch((error: unknown) => {
			this.error = error instanceof Error ? error : new Error(String(error));
			this.live = 'error';
			// Pages already showing kept results keep them; a page that needs the live engine says why.
			if (!this.fromKept) this.phase = 'error';
			this.#ready = undefined;
			throw this.error;
		});
		return this.#ready;
	}

	/** The live engine with the recovery tables (and the scorecard view, without top causes until the attribution exists). */
	recovered(): Promise<Engine> {
		this.#recovered ??= this.ready()
			.then(async (engine) => {
				const { buildRecovery } = await import('$lib/recovery');
				await buildRecovery(engine, this.tables);
				return engine;
			})
			.catch((error: unknown) => {
				this.#recovered = undefined;
				throw error;
			});
		return this.#recovered;
	}

	/** The live engine with everything the pages read: attribution, recovery tables, the scorecard view with its top causes. */
	analysed(): Promise<Engine> {
		this.#analysed ??= Promise.all([this.attributed(), this.recovered()])
			.then(async ([engine]) => {
				const { createScorecardView } = await import('$lib/recovery');
				await createScorecardView(engine);
				return engine;
			})
			.catch((error: unknown) => {
				this.#analysed = undefined;
				throw error;
			});
		return this.#analysed;
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
		this.live = 'loading';
		if (this.phase !== 'ready') this.phase = 'loading';
		this.error = null;
		const saved = this.source === 'imported' ? await this.#savedImport() : null;
		const engine = saved ? await this.#loadImported(saved) : await this.#loadBundled();
		markSince('hypercare:data-loaded');
		this.live = 'ready';
		this.phase = 'ready';
		this.step = '';
		return engine;
	}

	async #loadBundled(): Promise<Engine> {
		this.step = 'Starting DuckDB and downloading the bundled data…';
		const [engine, bundled] = await Promise.all([getEngine(), fetchBundledData(`${base}/data`)]);
		this.bundledManifest = bundled.manifest;
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
			this.#forget(engine);
			await this.#keep(engine, manifest);
		} else {
			await commitImport(engine, prepared, false);
			await buildAnalysisRelations(engine);
			this.#forget(engine);
		}
	}

	/** The data changed under the live engine: what was built over the old data is gone, and so are its kept results. */
	#forget(engine: Engine): void {
		this.#ready = Promise.resolve(engine);
		this.#attributed = undefined;
		this.#recovered = undefined;
		this.#analysed = undefined;
		this.#kept = Promise.resolve(null);
		this.fromKept = false;
	}

	/**
	 * Computes every page's default view over the data just imported, once, and keeps the
	 * results beside the saved data: a reload or a link then opens from them. A failure only
	 * costs speed (the pages compute live), so it is a notice, not an error.
	 */
	async #keep(engine: Engine, manifest: SavedManifest): Promise<void> {
		const record = this.recordViews;
		if (!record) return;
		const clinics = this.tables.find((t) => t.table === 'clinics')?.rows ?? 0;
		if (clinics > KEEP_MAX_CLINICS) {
			this.notice = `The pages’ results are not kept for more than ${KEEP_MAX_CLINICS.toLocaleString('en-US')} clinics (${clinics.toLocaleString('en-US')} here): each page computes its view when it opens.`;
			return;
		}
		try {
			this.step = 'Computing the pages’ results for this data…';
			await this.analysed();
			const kept = await keepImported(manifest, this.tables, await record(engine));
			this.#kept = Promise.resolve(kept);
			this.fromKept = kept !== null;
		} catch (error) {
			this.notice = `The pages’ results could not be kept for a reload (${error instanceof Error ? error.message : String(error)}); they are computed when each page opens.`;
		} finally {
			this.step = '';
		}
	}

	/** Removes every imported table and saved mapping from the browser, and shows the bundled sample again. */
	async clearAll(): Promise<void> {
		await clearSavedData();
		this.#setSource('bundled', null);
		this.notice = '';
		const started = this.#ready;
		this.#ready = undefined;
		this.#attributed = undefined;
		this.#recovered = undefined;
		this.#analysed = undefined;
		this.#kept = undefined;
		this.fromKept = false;
		if (started) await dropCanonicalTables(await started.catch(() => getEngine()));
		await this.ready();
	}
}

export const dataset = new Dataset();
