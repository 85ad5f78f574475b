/**
 * Recovery's filter change in JS at the bench's scale (issue 19 item 3): `npm run bench:recovery-filter`
 * (BENCH_SCALE=quick for a tenth). The scale data is loaded into DuckDB-wasm (node), the page's
 * `once` pre-aggregates are queried and weighed (rows, Arrow IPC bytes, gzip), then random filter
 * changes (sites, clinics, dates, axis) are timed from the filters to every chart's model, the
 * scorecard of the clinics in scope and the unassigned note: what the page computes before ECharts
 * draws. A change of rules (the DNFB window) is timed apart: it recomputes each clinic's DNFB stock.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { startNodeEngine } from '$lib/engine/node';
import { goLiveCoverage, observedWindow, DEFAULT_MIN_COVERAGE } from '$lib/charts/coverage';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { asker } from '$lib/page/protocol';
import { buildRecovery } from '$lib/recovery';
import { chartResults, clinicIdsInScope, unassignedInScope, type RecoveryCubes } from '$lib/recovery/cube/charts';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { clinicsInScope, goLiveKeys } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { billingHorizonCube, clinicSitesCube, lagDaysCube, lagWeeksCube, recoveryClinicsCube, unassignedDaysCube, visitWeeksCube } from '$lib/sql/recovery/chart-cubes';
import { chartModels, chartTables, loadClinicMeasures, loadSpan, scopedScorecard, slowClinics, type ClinicMeasures } from '../../src/routes/recovery/load-recovery';
import { benchScale, ensureScaleData } from './scale-data';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 60);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

/**
 * The engine's tables come from duckdb-wasm's own copy of apache-arrow, which this module's
 * `tableToIPC` does not recognise: copied column by column, with the types DuckDB gave them.
 */
function ownTable(t: Table): Table {
	const vectors: Record<string, Vector> = {};
	for (const field of t.schema.fields) {
		const column = t.getChild(field.name);
		const values = Array.from({ length: t.numRows }, (_, i) => (column?.get(i) ?? null) as unknown);
		const type = String(field.type);
		const own = type === 'Utf8' ? new Utf8() : type === 'Bool' ? new Bool() : type.startsWith('Int') ? new Int32() : new Float64();
		vectors[field.name] = vectorFromArray(values as never[], own as never);
	}
	return new Table(vectors);
}

/** A pseudo-random sequence, the same every run. */
function random(seed: number): () => number {
	let s = seed;
	return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe.sequential('Recovery filter change in the page', () => {
	it(
		'weighs the pre-aggregates and times filter changes',
		async () => {
			const scale = benchScale();
			const data = await ensureScaleData(scale);
			const engine = await startNodeEngine();
			try {
				const started = performance.now();
				await loadCanonicalTables(
					engine,
					data.manifest.tables.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(data.dir, t.file)) }))
				);
				await buildRecovery(engine, engine);
				console.log(`\nRecovery filter bench, scale "${scale}" (${data.dir}): loaded and recovery tables built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

				const statements = {
					clinics: recoveryClinicsCube(),
					visitWeeks: visitWeeksCube(),
					lagWeeks: lagWeeksCube(),
					lagDays: lagDaysCube(),
					horizon: billingHorizonCube(),
					clinicSites: clinicSitesCube(),
					unassignedDays: unassignedDaysCube()
				};
				const tables: Record<string, Table> = {};
				let [rows, ipc, gz, queryMs] = [0, 0, 0, 0];
				console.log(`${'pre-aggregate'.padEnd(16)} ${'rows'.padStart(9)} ${'IPC bytes'.padStart(11)} ${'gzip'.padStart(10)} ${'query ms'.padStart(9)}`);
				for (const [name, statement] of Object.entries(statements)) {
					const t0 = performance.now();
					const table = await engine.query(statement);
					const ms = performance.now() - t0;
					const bytes = tableToIPC(ownTable(table), 'stream');
					const zipped = gzipSync(bytes).byteLength;
					tables[name] = table;
					[rows, ipc, gz, queryMs] = [rows + table.numRows, ipc + bytes.byteLength, gz + zipped, queryMs + ms];
					console.log(
						`${name.padEnd(16)} ${table.numRows.toLocaleString('en').padStart(9)} ${bytes.byteLength.toLocaleString('en').padStart(11)} ${zipped.toLocaleString('en').padStart(10)} ${ms.toFixed(0).padStart(9)}`
					);
				}
				console.log(
					`${'total'.padEnd(16)} ${rows.toLocaleString('en').padStart(9)} ${ipc.toLocaleString('en').padStart(11)} ${gz.toLocaleString('en').padStart(10)} ${queryMs.toFixed(0).padStart(9)}`
				);

				const cubes = tables as unknown as RecoveryCubes;
				const s = DEFAULT_RECOVERY_SETTINGS;
				const choices = (await loadFilterChoices(engine)).clinics;
				const span = await loadSpan(engine);
				const measures: ClinicMeasures = await loadClinicMeasures(asker(engine), s, false);
				const sites = [...new Set(choices.map((c) => c.site).filter((x) => x !== ''))];

				/** What `refresh()` computes for one view, from the filters to the chart models. */
				const cpuMs: number[] = [];
				const view = (f: OverviewFilters, rules: RecoverySettings): number => {
					const cpu0 = process.cpuUsage();
					const t0 = performance.now();
					const shown = clinicIdsInScope(tables.clinicSites as Table, f);
					const card = scopedScorecard(f, rules, measures, shown);
					const r = chartResults(cubes, f, rules);
					const charts = chartTables(r, f, measures, shown);
					const coverage = goLiveCoverage(clinicsInScope(choices, f), observedWindow(span, f), DEFAULT_MIN_COVERAGE);
					chartModels(charts, f, rules, choices, goLiveKeys(choices, f), slowClinics(card.rows), coverage);
					unassignedInScope(tables.unassignedDays as Table, f);
					const cpu = process.cpuUsage(cpu0);
					cpuMs.push((cpu.user + cpu.system) / 1000);
					return performance.now() - t0;
				};

				const first = view(DEFAULT_FILTERS, s);
				const next = random(19);
				const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
				const spanDays = span ? (Date.parse(span.last) - Date.parse(span.first)) / 86_400_000 : 0;
				const dayAt = (d: number) => new Date(Date.parse(span?.first ?? '2026-01-01') + Math.floor(d) * 86_400_000).toISOString().slice(0, 10);
				let f: OverviewFilters = DEFAULT_FILTERS;
				const times: number[] = [];
				for (let i = 0; i < CHANGES; i++) {
					const change = i % 4;
					if (change === 0) f = { ...f, sites: next() < 0.3 ? [] : [pick(sites)], clinics: [] };
					else if (change === 1) f = { ...f, clinics: next() < 0.5 ? [] : [pick(choices).id, pick(choices).id] };
					else if (change === 2) f = next() < 0.3 ? { ...f, from: null, to: null } : { ...f, from: dayAt(next() * spanDays * 0.5), to: dayAt(spanDays * (0.5 + next() * 0.5)) };
					else f = { ...f, axis: f.axis === 'calendar' ? 'go_live' : 'calendar' };
					times.push(view(f, s));
				}
				const cpuSorted = cpuMs.slice(1).sort((a, b) => a - b);
				const rulesMs = [30, 45, 60, 90].map((w) => view(f, { ...s, dnfbWindowDays: w }));
				const sorted = [...times].sort((a, b) => a - b);
				console.log(
					`first view from the pre-aggregates (decoding them once): ${first.toFixed(1)} ms\n` +
						`filter change (${CHANGES}: sites, clinics, dates, axis), filters to chart models: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms (target p50 <= 16, p95 <= 50 ms incl. drawing)\n` +
						`  the same, CPU time of this process (the wall clock above includes waiting for a core: load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores): p50 ${percentile(cpuSorted, 0.5).toFixed(1)} ms, p95 ${percentile(cpuSorted, 0.95).toFixed(1)} ms\n` +
						`rules change (DNFB window 30/45/60/90 days, each clinic's DNFB stock recomputed): ${rulesMs.map((m) => m.toFixed(1)).join(', ')} ms`
				);
				expect(times.length).toBe(CHANGES);
			} finally {
				await engine.close();
			}
		},
		30 * 60_000
	);
});
