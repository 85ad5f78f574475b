/**
 * Computes the kept results of a data folder: its canonical tables loaded as the browser loads
 * them, analysed as the pages need them, then every page's default view run by the pages' own
 * state classes on a recording engine. Loaded through Vite (scripts/kept/kept-step.ts), which
 * compiles the state classes' runes as the site's build does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAnalysis } from '$lib/data/analyse';
import { bundledDataKey } from '$lib/data/kept-data';
import { loadCanonicalTables, type LoadedTable } from '$lib/data/load-tables';
import { ManifestSchema, type Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { encodeKept } from '$lib/kept/kept-file';
import { recordDefaultViews } from '../../src/routes/kept-views';
import { rememberedReads } from './remembered-reads';

export interface KeptComputed {
	readonly bytes: Uint8Array;
	readonly entries: number;
	readonly steps: Readonly<Record<string, number>>;
}

/**
 * How the canonical tables get into the engine. By default from the folder's files, as the
 * browser loads them; publish-report passes its own (the rows it has just written there, still
 * in DuckDB: scripts/publish/loaded-tables.ts), which must give the same tables.
 */
export type TableLoader = (engine: Engine, dataDir: string, manifest: Manifest) => Promise<LoadedTable[]>;

const fromFiles: TableLoader = (engine, dataDir, manifest) =>
	loadCanonicalTables(
		engine,
		manifest.tables.map((m) => ({ table: m.table, name: m.file, bytes: readFileSync(path.join(dataDir, m.file)) }))
	);

export interface KeptOptions {
	readonly load?: TableLoader;
	/** Told as each step ends (publish-report --timings). */
	readonly onStep?: (step: string) => void;
}

export async function computeKept(dataDir: string, engine: Engine, computedBy: string, options: KeptOptions = {}): Promise<KeptComputed> {
	const steps: Record<string, number> = {};
	let t = performance.now();
	const lap = (step: string) => {
		const now = performance.now();
		steps[step] = now - t;
		t = now;
		options.onStep?.(`kept: ${step}`);
	};
	const manifestText = readFileSync(path.join(dataDir, 'manifest.json'), 'utf8');
	const manifest = ManifestSchema.parse(JSON.parse(manifestText));
	const tables = await (options.load ?? fromFiles)(engine, dataDir, manifest);
	lap('load');
	await buildAnalysis(engine, tables);
	lap('analyse');
	// Pages ask some statements more than once (the data identity, shared pre-aggregates): each is computed once.
	const results = await recordDefaultViews(rememberedReads(engine));
	lap('pages');
	const bytes = await encodeKept({ dataKey: bundledDataKey(manifestText), computedAt: new Date().toISOString(), computedBy, tables }, results);
	lap('encode');
	return { bytes, entries: results.size, steps };
}
