/**
 * The recovery charts computed in the page (`$lib/recovery/cube`) against the SQL statements
 * they stand for, on the bundled sample, for random scopes, dates, axes and rules: counts,
 * keys and percentiles exactly equal, sums of fractions to 1e-9 relative.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { buildRecovery } from '$lib/recovery';
import { chartResults, clinicIdsInScope, unassignedInScope, type ChartResults, type RecoveryCubes } from '$lib/recovery/cube/charts';
import { asker } from '$lib/page/protocol';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { goLiveKeys } from '$lib/scope/choices';
import { chartModels, chartTables, loadClinicMeasures, scopedScorecard, slowClinics } from '../../../src/routes/recovery/load-recovery';
import { chartStatements } from '../../../src/routes/recovery/kept-view';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { unassignedTickets } from '$lib/sql/overview';
import { billingHorizonCube, clinicSitesCube, lagDaysCube, lagWeeksCube, recoveryClinicsCube, unassignedDaysCube, visitWeeksCube } from '$lib/sql/recovery/chart-cubes';
import { clinicsInScope } from '$lib/sql/recovery/scorecard';

const DIR = 'data/sample';
/** Columns that are ratios of sums of fractions: equal to 1e-9 relative (summation order differs); every other column exactly. */
const ROUNDED = new Set(['actual', 'planned', 'per_day', 'dnfb_days', 'base_days']);

let engine: Engine;
let cubes: RecoveryCubes;
let clinicSites: Table;
let unassignedDays: Table;
let sites: string[];
let clinicIds: string[];

beforeAll(async () => {
	const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { tables: { table: never; file: string }[] };
	engine = await startNodeEngine();
	await loadCanonicalTables(
		engine,
		manifest.tables.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(DIR, t.file)) }))
	);
	await buildRecovery(engine, engine);
	cubes = {
		clinics: await engine.query(recoveryClinicsCube()),
		visitWeeks: await engine.query(visitWeeksCube()),
		lagWeeks: await engine.query(lagWeeksCube()),
		lagDays: await engine.query(lagDaysCube()),
		horizon: await engine.query(billingHorizonCube())
	};
	clinicSites = await engine.query(clinicSitesCube());
	unassignedDays = await engine.query(unassignedDaysCube());
	sites = [...new Set(strings(clinicSites, 'site').filter((s): s is string => s !== null))].sort();
	clinicIds = strings(clinicSites, 'clinic_id').filter((s): s is string => s !== null);
}, 240_000);

afterAll(async () => {
	await engine?.close();
});

function expectSameTable(name: string, js: ResultColumns, sqlTable: Table): void {
	const columns = sqlTable.schema.fields.map((f) => f.name);
	expect(
		js.schema.fields.map((f) => f.name),
		name
	).toEqual(columns);
	expect(js.numRows, `${name}: rows`).toBe(sqlTable.numRows);
	for (const column of columns) {
		const type = String(sqlTable.schema.fields.find((f) => f.name === column)?.type);
		if (type === 'Utf8') {
			expect(strings(js, column), `${name}.${column}`).toEqual(strings(sqlTable, column));
			continue;
		}
		const [a, b] = [numbers(js, column), numbers(sqlTable, column)];
		a.forEach((x, i) => {
			const y = b[i] ?? null;
			if (x === null || y === null || !ROUNDED.has(column)) expect(x, `${name}.${column}[${i}]`).toBe(y);
			else expect(Math.abs(x - y), `${name}.${column}[${i}]: ${x} vs ${y}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(x), Math.abs(y)));
		});
	}
}

async function expectSameCharts(f: OverviewFilters, s: RecoverySettings): Promise<void> {
	const js = chartResults(cubes, f, s);
	const statements = chartStatements(f, s);
	for (const [name, statement] of Object.entries(statements)) {
		const mine = js[name as keyof typeof js];
		if (statement === null) {
			expect(mine, name).toBeNull();
			continue;
		}
		if (!mine) throw new Error(`${name} was not computed`);
		expectSameTable(name, mine, await engine.query(statement));
	}
	expect(unassignedInScope(unassignedDays, f)).toBe(numbers(await engine.query(unassignedTickets(f)), 'tickets')[0]);
	expect([...clinicIdsInScope(clinicSites, f)].sort()).toEqual(
		strings(await engine.query(clinicsInScope(f)), 'clinic_id')
			.filter((id) => id !== null)
			.sort()
	);
}

const date = fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.UTC(2026, 1, 15) + d * 86_400_000).toISOString().slice(0, 10));

const filters = (): fc.Arbitrary<OverviewFilters> =>
	fc
		.record({
			sites: fc.subarray(sites, { maxLength: 3 }),
			clinics: fc.oneof(fc.constant([] as string[]), fc.subarray(clinicIds, { minLength: 1, maxLength: 6 })),
			from: fc.option(date, { nil: null }),
			to: fc.option(date, { nil: null }),
			axis: fc.constantFrom('calendar' as const, 'go_live' as const)
		})
		.map((r) => ({ ...DEFAULT_FILTERS, ...r }));

const rules: fc.Arbitrary<RecoverySettings> = fc
	.record({
		baselineWeeks: fc.integer({ min: 1, max: 26 }),
		lagThresholdDays: fc.integer({ min: 1, max: 60 }),
		dnfbWindowDays: fc.integer({ min: 14, max: 120 }),
		maturityDays: fc.integer({ min: 0, max: 90 })
	})
	.map((r) => ({ ...DEFAULT_RECOVERY_SETTINGS, ...r }));

/** The page's chart models of one view from chart tables (as `queryCharts` assembles them). */
async function modelsOf(r: ChartResults, f: OverviewFilters, s: RecoverySettings) {
	const m = await loadClinicMeasures(asker(engine), s, false);
	const shown = clinicIdsInScope(clinicSites, f);
	const tables = chartTables(r, f, m, shown);
	const choices = (await loadFilterChoices(engine)).clinics;
	const slow = slowClinics(scopedScorecard(f, s, m, shown).rows);
	return chartModels(tables, f, s, choices, goLiveKeys(choices, f), slow);
}

describe('recovery charts computed in the page', () => {
	it('draw the same charts as the SQL results did (options and data tables), with and without dates, on each axis', async () => {
		const views: OverviewFilters[] = [
			DEFAULT_FILTERS,
			{ ...DEFAULT_FILTERS, axis: 'go_live' },
			{ ...DEFAULT_FILTERS, sites: sites.slice(0, 2), from: '2026-05-04', to: '2026-07-19' },
			{ ...DEFAULT_FILTERS, axis: 'go_live', from: '2026-04-15', to: null }
		];
		for (const f of views) {
			const statements = chartStatements(f, DEFAULT_RECOVERY_SETTINGS);
			const fromSql = Object.fromEntries(await Promise.all(Object.entries(statements).map(async ([name, st]) => [name, st ? await engine.query(st) : null]))) as unknown as ChartResults;
			expect(await modelsOf(chartResults(cubes, f, DEFAULT_RECOVERY_SETTINGS), f, DEFAULT_RECOVERY_SETTINGS)).toEqual(await modelsOf(fromSql, f, DEFAULT_RECOVERY_SETTINGS));
		}
	}, 600_000);

	it('equal the SQL for the default view, each axis', async () => {
		await expectSameCharts(DEFAULT_FILTERS, DEFAULT_RECOVERY_SETTINGS);
		await expectSameCharts({ ...DEFAULT_FILTERS, axis: DEFAULT_FILTERS.axis === 'calendar' ? 'go_live' : 'calendar' }, DEFAULT_RECOVERY_SETTINGS);
	}, 120_000);

	it('equal the SQL for random scopes, dates and axes with the default rules', async () => {
		await fc.assert(
			fc.asyncProperty(filters(), (f) => expectSameCharts(f, DEFAULT_RECOVERY_SETTINGS)),
			{ numRuns: 15 }
		);
	}, 600_000);

	it('equal the SQL for random scopes and rules', async () => {
		await fc.assert(
			fc.asyncProperty(filters(), rules, (f, s) => expectSameCharts(f, s)),
			{ numRuns: 15 }
		);
	}, 600_000);
});
