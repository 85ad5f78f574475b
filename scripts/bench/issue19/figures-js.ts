/**
 * `tsx scripts/bench/issue19/figures-js.ts [kept.bin] [rounds]`: the JS the Overview and Root causes
 * run per filter change before any chart is drawn (their figures and chart models), timed in node from
 * a site's kept results (default: the bench's full-scale site, 1.02M tickets), no DuckDB. The changes are
 * the bench's (filter-change.ts): a site, a clinic, the from-date to the middle of the span, the axis, each
 * toggled there and back, `rounds` times (after one warm-up round). Reports per page and control the p50 / p95 / mean
 * of the process's CPU time (user + system: what a busy machine's scheduler does not inflate, GC threads included)
 * and of wall time, and the one-time build of the typed arrays (the page's first view, not a change). Run it on two
 * commits one after the other to compare them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { causeFigures } from '$lib/attribution/cause-cube';
import { causeByWeekChart } from '$lib/charts/attribution/cause-by-week';
import { causeTotalsChart } from '$lib/charts/attribution/cause-totals';
import { clinicCauseMatrixChart } from '$lib/charts/attribution/clinic-cause-matrix';
import { decodeKept } from '$lib/kept/kept-file';
import { keptFirstEngine } from '$lib/kept/kept-first-engine';
import { KeptTables } from '$lib/kept/kept-tables';
import { overviewClient } from '$lib/overview/overview-model';
import { watchlistClient } from '$lib/overview/watchlist';
import { loadFilterChoices } from '$lib/page/filter-choices';
import type { PageClient, Queries, Results } from '$lib/page/protocol';
import { goLiveKeys } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { causeCubeCauses, causeCubeCells, causeCubeClinics, unassignedDays } from '$lib/sql/attribution-cube';

const file = path.resolve(process.argv[2] ?? 'node_modules/.cache/hypercare-bench/site-full/data/kept.bin');
const rounds = Number(process.argv[3] ?? 20);
const kept = new KeptTables(await decodeKept(readFileSync(file)));
const engine = keptFirstEngine(kept, () => Promise.reject(new Error('not kept: this bench answers from kept results only')));
const { clinics, span } = await loadFilterChoices(engine);

function results<In, Q extends Queries, M>(client: PageClient<In, Q, M>, input: In): Results<Q> {
	const queries = client.queries(input);
	const out: Record<string, Table | null> = {};
	for (const [name, statement] of Object.entries(queries)) {
		out[name] = statement ? (kept.get(statement) ?? null) : null;
		if (statement && !out[name]) throw new Error(`${name} is not kept in ${file}`);
	}
	return out as Results<Q>;
}

const overview = (filters: OverviewFilters) => {
	const input = { filters, clinics, span };
	overviewClient.model(results(overviewClient, input), input);
	watchlistClient.model(results(watchlistClient, input), input);
};
const causeTables = { clinics: kept.get(causeCubeClinics()), causes: kept.get(causeCubeCauses()), cells: kept.get(causeCubeCells()), unassigned: kept.get(unassignedDays()) };
const rootCauses = (f: OverviewFilters) => {
	if (!causeTables.clinics || !causeTables.causes || !causeTables.cells || !causeTables.unassigned) throw new Error(`Root causes' pre-aggregates are not kept in ${file}`);
	const figures = causeFigures(causeTables as Parameters<typeof causeFigures>[0], f);
	causeTotalsChart(figures.totals);
	causeByWeekChart(figures.byWeek, f.axis, goLiveKeys(clinics, f));
	clinicCauseMatrixChart(figures.matrix);
};

const site = [...new Set(clinics.map((c) => c.site))].sort()[0] ?? '';
const middle = span ? new Date((Date.parse(span.first) + Date.parse(span.last)) / 2).toISOString().slice(0, 10) : null;
const changes: Record<string, OverviewFilters> = {
	site: { ...DEFAULT_FILTERS, sites: [site] },
	clinic: { ...DEFAULT_FILTERS, clinics: [clinics[0]?.id ?? ''] },
	date: { ...DEFAULT_FILTERS, from: middle },
	axis: { ...DEFAULT_FILTERS, axis: 'go_live' }
};
const stat = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN;

for (const [page, run] of [
	['Overview', overview],
	['Root causes', rootCauses]
] as const) {
	let t = performance.now();
	run(DEFAULT_FILTERS);
	console.log(`${page}: first view (typed arrays made) ${(performance.now() - t).toFixed(0)} ms`);
	for (const changed of Object.values(changes)) [changed, DEFAULT_FILTERS].forEach(run);
	for (const [kind, changed] of Object.entries(changes)) {
		const wall: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < rounds * 2; i++) {
			const used = process.cpuUsage();
			t = performance.now();
			run(i % 2 === 0 ? changed : DEFAULT_FILTERS);
			wall.push(performance.now() - t);
			const { user, system } = process.cpuUsage(used);
			cpu.push((user + system) / 1000);
		}
		const show = (xs: number[]) => `p50 ${stat(xs, 0.5).toFixed(2)}, p95 ${stat(xs, 0.95).toFixed(2)}, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)} ms`;
		console.log(`  ${kind.padEnd(7)} CPU ${show(cpu)}; wall ${show(wall)} (${wall.length} changes)`);
	}
}
