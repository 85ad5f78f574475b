/**
 * Issue 19 item 3 for Root causes and Actions: a filter change computed in JS from pre-aggregates
 * asked once per data. On the bench's scale (scale-data.ts, about 1,000,000 tickets; BENCH_SCALE=quick
 * a tenth) loaded into DuckDB-wasm (node bundle, as in the browser): what the `once` results weigh
 * (rows, Arrow IPC bytes, gzip), and the JS time of a filter change from scope to chart models
 * (p50, p95 over random scopes), beside the per-filter SQL the pages ran before. The ECharts
 * redraw is the browser's and is measured by the site benchmarks, not here.
 * `npx vitest run --config scripts/bench/vitest.bench.config.ts scripts/bench/filter-in-js.bench-run.ts`
 */
import type { Table } from 'apache-arrow';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { causeFigures, type CauseCubeTables } from '$lib/attribution/cause-cube';
import { causeByWeekChart } from '$lib/charts/attribution/cause-by-week';
import { causeTotalsChart } from '$lib/charts/attribution/cause-totals';
import { clinicCauseMatrixChart } from '$lib/charts/attribution/clinic-cause-matrix';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { goLiveKeys, type ClinicChoice } from '$lib/scope/choices';
import { OverviewFiltersSchema, type OverviewFilters } from '$lib/scope/filters';
import { actionRows, allActionRows } from '$lib/sql/actions/action-report';
import { causeCubeCauses, causeCubeCells, causeCubeClinics, unassignedDays } from '$lib/sql/attribution-cube';
import { causeByClinic, causeByWeek, causeTotals } from '$lib/sql/attribution-report';
import { unassignedTickets } from '$lib/sql/overview';
import { actionsInScope } from '../../src/routes/actions/in-scope';
import { renderTable } from './report';
import { benchScale, ensureScaleData } from './scale-data';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 300);
const SQL_CHANGES = Number(process.env.BENCH_SQL_CHANGES ?? 6);
const scale = benchScale();
let engine: Engine;
let choices: readonly ClinicChoice[];
let span: { first: string; last: string };
let tickets = 0;

beforeAll(async () => {
	const data = await ensureScaleData(scale);
	tickets = data.manifest.tables.find((t) => t.table === 'tickets')?.rows ?? 0;
	engine = await startNodeEngine();
	const started = performance.now();
	const wanted = data.manifest.tables.filter((t) => ['clinics', 'training', 'workflow_variance', 'tickets'].includes(t.table));
	await loadCanonicalTables(
		engine,
		wanted.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(data.dir, t.file)) }))
	);
	await buildAttribution(engine);
	const found = await loadFilterChoices(engine);
	choices = found.clinics;
	span = found.span ?? { first: '2026-01-01', last: '2026-12-31' };
	console.log(`\n${tickets.toLocaleString('en')} tickets loaded and attributed in DuckDB-wasm in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}, 60 * 60_000);
afterAll(() => engine?.close());

/** A reproducible sequence of the filter changes a reader makes: a site, a few clinics, a date range, either axis. */
function scopes(n: number): OverviewFilters[] {
	let seed = 19;
	const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
	const sites = [...new Set(choices.map((c) => c.site))];
	const day = (offset: number) => new Date(Date.parse(`${span.first}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
	const days = (Date.parse(`${span.last}T00:00:00Z`) - Date.parse(`${span.first}T00:00:00Z`)) / 86_400_000;
	return Array.from({ length: n }, () => {
		const kind = Math.floor(next() * 4);
		const from = Math.floor(next() * days * 0.6);
		return OverviewFiltersSchema.parse({
			sites: kind === 0 || kind === 3 ? [pick(sites)] : [],
			clinics: kind === 1 ? Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(choices).id) : [],
			from: kind === 2 ? day(from) : null,
			to: kind === 2 ? day(from + 28) : null,
			axis: next() < 0.5 ? 'calendar' : 'go_live'
		});
	});
}

const quantile = (values: readonly number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/**
 * DuckDB-wasm's node bundle builds its tables with apache-arrow's CommonJS build, which the ESM
 * build's writer does not recognise (it writes nothing): serialise them with the same build.
 */
const { tableToIPC } = createRequire(import.meta.url)('apache-arrow') as { tableToIPC(table: Table, type: 'stream'): Uint8Array };

function weight(name: string, table: Table): string[] {
	const ipc = tableToIPC(table, 'stream');
	if (ipc.byteLength === 0 && table.numRows > 0) throw new Error(`${name}: no Arrow IPC bytes written`);
	return [name, table.numRows.toLocaleString('en'), `${(ipc.byteLength / 1024).toFixed(0)} KiB`, `${(gzipSync(ipc).byteLength / 1024).toFixed(0)} KiB`];
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
	const started = performance.now();
	const value = await work();
	return [value, performance.now() - started];
}

describe.sequential(`filter changes in JS at scale (${scale})`, () => {
	it('Root causes and Actions: pre-aggregate weight and filter-change time', async () => {
		const [tables, onceMs] = await timed(async () => {
			const [clinics, causes, cells, unassigned] = await Promise.all([causeCubeClinics(), causeCubeCauses(), causeCubeCells(), unassignedDays()].map((s) => engine.query(s)));
			return { clinics, causes, cells, unassigned } as CauseCubeTables;
		});
		const [actions, actionsOnceMs] = await timed(() => engine.query(allActionRows()));
		const weights = [
			weight('attribution cube: clinics', tables.clinics),
			weight('attribution cube: causes', tables.causes),
			weight('attribution cube: cells (clinic x day x cause)', tables.cells),
			weight('attribution cube: unassigned tickets by day', tables.unassigned),
			weight('actions: every action with its scope lists', actions)
		];

		const rootCauses = (f: OverviewFilters) => {
			const figures = causeFigures(tables, f);
			return [causeTotalsChart(figures.totals), causeByWeekChart(figures.byWeek, f.axis, goLiveKeys(choices, f)), clinicCauseMatrixChart(figures.matrix), figures.unassigned];
		};
		const [, firstMs] = await timed(() => rootCauses(OverviewFiltersSchema.parse({})));
		const changes = scopes(CHANGES);
		const rcTimes: number[] = [];
		const actionTimes: number[] = [];
		for (const f of changes) rcTimes.push((await timed(() => rootCauses(f)))[1]);
		const [, actionsFirstMs] = await timed(() => actionsInScope(actions, OverviewFiltersSchema.parse({})));
		for (const f of changes) actionTimes.push((await timed(() => actionsInScope(actions, f)))[1]);

		const sqlRc: number[] = [];
		const sqlActions: number[] = [];
		for (const f of changes.slice(0, SQL_CHANGES)) {
			sqlRc.push((await timed(() => Promise.all([causeTotals(f), causeByWeek(f), causeByClinic(f), unassignedTickets(f)].map((s) => engine.query(s)))))[1]);
			sqlActions.push((await timed(() => engine.query(actionRows(f))))[1]);
		}

		console.log(
			[
				'',
				`Pre-aggregates asked once (${tickets.toLocaleString('en')} tickets; Arrow IPC stream, uncompressed, and gzip -6 of it)`,
				renderTable(['result', 'rows', 'Arrow IPC', 'gzip'], weights),
				`asked in ${onceMs.toFixed(0)} ms (attribution cube, DuckDB-wasm) and ${actionsOnceMs.toFixed(0)} ms (actions)`,
				'',
				`Filter change, JS only (scope -> chart models / action rows), ${CHANGES} random scopes; SQL: the statements each change ran before (${SQL_CHANGES} scopes, DuckDB-wasm)`,
				renderTable(
					['page', 'first (typed arrays made)', 'p50 ms', 'p95 ms', 'max ms', 'before: SQL p50 ms', 'target p50/p95'],
					[
						['Root causes', ms(firstMs), ms(quantile(rcTimes, 0.5)), ms(quantile(rcTimes, 0.95)), ms(Math.max(...rcTimes)), ms(quantile(sqlRc, 0.5)), '16 / 50 (with the redraw)'],
						[
							'Actions',
							ms(actionsFirstMs),
							ms(quantile(actionTimes, 0.5)),
							ms(quantile(actionTimes, 0.95)),
							ms(Math.max(...actionTimes)),
							ms(quantile(sqlActions, 0.5)),
							'16 / 50 (with the redraw)'
						]
					]
				),
				''
			].join('\n')
		);
	});
});
