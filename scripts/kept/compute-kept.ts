/**
 * Computes the kept results of a data folder: its canonical tables loaded as the browser loads
 * them, analysed as the pages need them, then every page's default view run by the pages' own
 * state classes on a recording engine. Loaded through Vite (scripts/kept-results.ts), which
 * compiles the state classes' runes as the site's build does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAnalysis } from '$lib/data/analyse';
import { bundledDataKey } from '$lib/data/kept-data';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { ManifestSchema } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { encodeKept } from '$lib/kept/kept-file';
import { recordDefaultViews } from '../../src/routes/kept-views';

export interface KeptComputed {
	readonly bytes: Uint8Array;
	readonly entries: number;
	readonly steps: Readonly<Record<string, number>>;
}

export async function computeKept(dataDir: string, engine: Engine, computedBy: string): Promise<KeptComputed> {
	const steps: Record<string, number> = {};
	let t = performance.now();
	const lap = (step: string) => {
		const now = performance.now();
		steps[step] = now - t;
		t = now;
	};
	const manifestText = readFileSync(path.join(dataDir, 'manifest.json'), 'utf8');
	const manifest = ManifestSchema.parse(JSON.parse(manifestText));
	const tables = await loadCanonicalTables(
		engine,
		manifest.tables.map((m) => ({ table: m.table, name: m.file, bytes: readFileSync(path.join(dataDir, m.file)) }))
	);
	lap('load');
	await buildAnalysis(engine, tables);
	lap('analyse');
	const results = await recordDefaultViews(engine);
	lap('pages');
	const bytes = await encodeKept({ dataKey: bundledDataKey(manifestText), computedAt: new Date().toISOString(), computedBy, tables }, results);
	lap('encode');
	return { bytes, entries: results.size, steps };
}
