import { base } from '$app/paths';
import { getEngine, type Engine } from '$lib/engine';
import { markSince } from '$lib/timing';
import { fetchBundledData } from './bundled-source';
import { loadCanonicalTables, type LoadedTable } from './load-tables';

type Phase = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The data loaded into this tab's DuckDB. Started once on first use: the bundled files
 * download while DuckDB starts, then become the canonical tables.
 */
class Dataset {
	phase = $state<Phase>('idle');
	/** Which data this tab shows: the data bundled with the site (the build-time first view applies to it only). */
	source = $state<'bundled'>('bundled');
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
		this.step = 'Starting DuckDB and downloading the bundled data…';
		const [engine, bundled] = await Promise.all([getEngine(), fetchBundledData(`${base}/data`)]);
		const loaded: LoadedTable[] = [];
		await loadCanonicalTables(engine, bundled.files, (table) => {
			loaded.push(table);
			this.step = `Loaded ${table.table} (${table.rows.toLocaleString()} rows)…`;
		});
		this.tables = loaded;
		markSince('hypercare:data-loaded');
		this.phase = 'ready';
		this.step = '';
		return engine;
	}
}

export const dataset = new Dataset();
