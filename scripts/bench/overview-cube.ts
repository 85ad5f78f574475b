/**
 * The Overview's filter changes in JS (issue 19 item 3), for a data folder (default: the bench's
 * full scale, 1M tickets; `npx tsx scripts/bench/overview-cube.ts [dir]`):
 * - what its `once` pre-aggregates weigh (sql/overview-cube.ts and the watchlist): rows, bytes
 *   as Arrow IPC, gzipped;
 * - the time from the pre-aggregates to every figure and chart model of the page for a filter
 *   change (overviewClient.model + watchlistClient.model), p50 and p95 over a sequence of changes
 *   a user makes (sites, clinics, dates, axis), after the one-time build of the typed arrays;
 * - the per-filter SQL it replaces, on the same engine, for comparison.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Table } from 'apache-arrow';
import { observedWindow } from '$lib/charts/coverage';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { ManifestSchema } from '$lib/data/manifest';
import { startNodeEngine } from '$lib/engine/node';
import { overviewClient } from '$lib/overview/overview-model';
import { watchlistClient } from '$lib/overview/watchlist';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { benchScale, ensureScaleData } from './scale-data';

/** The nearest-rank percentile. */
const percentile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;

// The node engine's results are tables of the CommonJS build of apache-arrow: serialize with that one.
const { tableToIPC } = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

const dir = process.argv[2] ? path.resolve(process.argv[2]) : (await ensureScaleData(benchScale())).dir;
const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
const engine = await startNodeEngine();
let started = performance.now();
await loadCanonicalTables(
	engine,
	manifest.tables.filter((t) => ['clinics', 'tickets', 'training'].includes(t.table)).map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(dir, t.file)) }))
);
const tickets = manifest.tables.find((t) => t.table === 'tickets')?.rows ?? 0;
console.log(`${dir}: ${tickets.toLocaleString('en')} tickets, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const choices = await loadFilterChoices(engine);
const input = (filters: OverviewFilters) => ({ filters, clinics: choices.clinics, span: choices.span });

// What each `once` statement weighs, as the page (and kept results) would hold it.
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const statements = { ...overviewClient.queries(input(DEFAULT_FILTERS)), watchlist: watchlistClient.queries(input(DEFAULT_FILTERS)).rows! };
const results: Record<string, Table> = {};
let total = [0, 0, 0];
console.log('\npre-aggregate      rows      Arrow IPC     gzip   query');
for (const [name, statement] of Object.entries(statements)) {
	started = performance.now();
	const table = await engine.query(statement);
	const ms = performance.now() - started;
	results[name] = table;
	const ipc = tableToIPC(table, 'stream');
	const gz = gzipSync(ipc).length;
	total = [total[0]! + table.numRows, total[1]! + ipc.length, total[2]! + gz];
	console.log(`${name.padEnd(14)} ${String(table.numRows).padStart(9)} ${kb(ipc.length).padStart(10)} ${kb(gz).padStart(10)}  ${ms.toFixed(0)} ms`);
}
console.log(`${'all'.padEnd(14)} ${String(total[0]).padStart(9)} ${kb(total[1]!).padStart(10)} ${kb(total[2]!).padStart(10)}`);

// A user's filter changes: sites one by one, a few clinics, dates, the axis.
const sites = [...new Set(choices.clinics.map((c) => c.site))];
const ids = choices.clinics.map((c) => c.id);
const span = choices.span!;
const changes: OverviewFilters[] = [];
for (const axis of ['calendar', 'go_live'] as const) {
	for (const site of sites) changes.push({ ...DEFAULT_FILTERS, axis, sites: [site] });
	changes.push({ ...DEFAULT_FILTERS, axis, sites: sites.slice(0, 2) });
	for (let i = 0; i < 6; i++) changes.push({ ...DEFAULT_FILTERS, axis, clinics: ids.slice(i * 3, i * 3 + 3) });
	changes.push({ ...DEFAULT_FILTERS, axis, from: span.first, to: null });
	changes.push({ ...DEFAULT_FILTERS, axis, from: '2026-04-01', to: '2026-06-30' });
	changes.push({ ...DEFAULT_FILTERS, axis });
}
const { clinics, days, resolved, times, watchlist } = results as Record<string, Table>;
const once = { clinics: clinics!, days: days!, resolved: resolved!, times: times! };
started = performance.now();
overviewClient.model(once, input(DEFAULT_FILTERS));
watchlistClient.model({ rows: watchlist! }, input(DEFAULT_FILTERS));
console.log(`\nfirst model (typed arrays built once, then the default view): ${(performance.now() - started).toFixed(1)} ms`);
const js: number[] = [];
for (let round = 0; round < 3; round++) {
	for (const f of changes) {
		const t0 = performance.now();
		overviewClient.model(once, input(f));
		watchlistClient.model({ rows: watchlist! }, input(f));
		js.push(performance.now() - t0);
	}
}
console.log(
	`filter change in JS, every figure and chart model (${js.length} changes): p50 ${percentile(js, 0.5).toFixed(2)} ms, p95 ${percentile(js, 0.95).toFixed(2)} ms, max ${Math.max(...js).toFixed(2)} ms`
);

// The per-filter SQL this replaces (the statements the page ran before), on the same engine.
const sql: number[] = [];
for (const f of changes.slice(0, 12)) {
	const window = observedWindow(span, f);
	const t0 = performance.now();
	await Promise.all([overviewTotals(f), ticketsByWeek(f, window), backlogByWeek(f, window), timeToResolveByWeek(f, window), ticketRateHeatmap(f, window)].map((s) => engine.query(s)));
	sql.push(performance.now() - t0);
}
console.log(`the per-filter SQL it replaces (DuckDB-wasm in node, ${sql.length} changes): p50 ${percentile(sql, 0.5).toFixed(0)} ms, p95 ${percentile(sql, 0.95).toFixed(0)} ms`);
await engine.close();
