/**
 * Computes the overview of the bundled data with default filters, at build time, into
 * .svelte-kit/hypercare/first-view-<digest>.json; the bundled-data plugin serves it beside the data.
 * Same queries and adapters as the live page (src/lib/overview/overview-model.ts), run by
 * the same DuckDB build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { ManifestSchema } from '$lib/data/manifest';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import type { FirstView } from '$lib/overview/first-view';
import { overviewModel } from '$lib/overview/overview-model';
import { firstViewFile, manifestDigest } from './first-view-file';
import { startScriptEngine } from './script-engine';

const started = performance.now();
const dataDir = path.resolve(process.env.HYPERCARE_DATA_DIR ?? 'data/sample');
const manifestBytes = readFileSync(path.join(dataDir, 'manifest.json'));
const manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
// Native DuckDB on every core unless HYPERCARE_ENGINE=wasm: the same statements, the same results.
const engine = await startScriptEngine();
await loadCanonicalTables(
	engine,
	manifest.tables.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(dataDir, t.file)) }))
);
const choices = await loadFilterChoices(engine);
const view: FirstView = {
	key: manifestDigest(dataDir),
	choices,
	model: await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span)
};
await engine.close();
const file = firstViewFile(dataDir);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(view));
console.log(`first view of ${dataDir}: ${(JSON.stringify(view).length / 1024).toFixed(0)} KB in ${((performance.now() - started) / 1000).toFixed(1)} s (${engine.label})`);
