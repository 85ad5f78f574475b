/**
 * `tsx scripts/kept-results.ts`: computes the results every page shows by default for the
 * bundled data folder (HYPERCARE_DATA_DIR, default data/sample), once per data, into
 * .svelte-kit/hypercare/kept-<digest>.bin; the bundled-data plugin serves it as data/kept.bin.
 * Pages draw their default view from it before DuckDB has started. Run by `npm run build` and
 * `npm run publish-report`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import { keptResultsFile } from './kept/kept-results-file';
import type * as Compute from './kept/compute-kept';

const started = performance.now();
const dataDir = path.resolve(process.env.HYPERCARE_DATA_DIR ?? 'data/sample');
// Vite compiles the pages' state classes (Svelte runes) and resolves $lib, as the site's build does.
const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn', optimizeDeps: { noDiscovery: true, include: [] } });
try {
	const { computeKept } = (await vite.ssrLoadModule('/scripts/kept/compute-kept.ts')) as typeof Compute;
	// Native DuckDB on every core unless HYPERCARE_ENGINE=wasm: the same statements, the same results (tests/unit/engine/native-engine.test.ts).
	const { startScriptEngine } = (await vite.ssrLoadModule('/scripts/script-engine.ts')) as typeof import('./script-engine');
	const engine = await startScriptEngine();
	const kept = await computeKept(dataDir, engine, engine.label);
	await engine.close();
	const file = keptResultsFile(dataDir);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, kept.bytes);
	const steps = Object.entries(kept.steps)
		.map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
		.join(', ');
	console.log(
		`kept results of ${dataDir}: ${kept.entries} statements, ${(kept.bytes.byteLength / 1024).toFixed(0)} KB gzip, in ${((performance.now() - started) / 1000).toFixed(1)} s (${steps}; ${engine.label})`
	);
} finally {
	await vite.close();
}
