/**
 * One scenario end to end: generate the go-live into a temp folder, load it into a fresh
 * node DuckDB, run the attribution, and only then read the truth (into the same engine,
 * after the attribution is done, so it cannot have looked).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { loadCanonicalTables, type TableFile } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { generateSample } from '../sample/generate';
import { scoreTickets, scoreVariances, pairKey, type AttributionRow, type PlantedVariance, type TicketScore, type VarianceScore } from './metrics';
import { scoreDefects, scoreFalseFlags, type AreaTest, type DefectScore, type FalseFlagScore, type FoundIncident, type PlantedDefect } from './incident-metrics';
import type { Scenario } from './scenarios';

export type Attribute = (engine: Engine) => Promise<void>;

export interface ScenarioResult {
	scenario: Scenario;
	tickets: TicketScore;
	variances: VarianceScore;
	defects: DefectScore;
	falseFlags: FalseFlagScore;
	seconds: { generate: number; load: number; attribute: number };
}

function column(table: Table, name: string): unknown[] {
	const vector = table.getChild(name);
	if (vector === null) throw new Error(`result has no column ${name} (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return Array.from(vector as Iterable<unknown>);
}

const strings = (table: Table, name: string): string[] => column(table, name).map((v) => String(v));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const value = await work();
	return [value, (performance.now() - start) / 1000];
}

async function readTruth(engine: Engine, dir: string): Promise<Map<string, string>> {
	// DuckDB's CSV reader rather than a hand-rolled one: `detail` is free text.
	await engine.registerFile('bench/ticket_causes.csv', await readFile(join(dir, 'truth', 'ticket_causes.csv')));
	const table = await engine.query("SELECT ticket_id, planted_cause FROM read_csv('bench/ticket_causes.csv', header = true, all_varchar = true)");
	await engine.dropFile('bench/ticket_causes.csv');
	const ids = strings(table, 'ticket_id');
	const causes = strings(table, 'planted_cause');
	return new Map(ids.map((id, i) => [id, causes[i] ?? '']));
}

async function attributionRows(engine: Engine): Promise<AttributionRow[]> {
	const table = await engine.query('SELECT ticket_id, root_cause, weight FROM ticket_root_cause');
	const ids = column(table, 'ticket_id');
	const causes = column(table, 'root_cause');
	const weights = column(table, 'weight');
	return ids.map((id, i) => ({ ticketId: String(id), cause: String(causes[i]), weight: Number(weights[i]) }));
}

async function flaggedPairs(engine: Engine): Promise<string[]> {
	const table = await engine.query('SELECT clinic_id, workflow_area FROM attribution_variance_effect WHERE significant');
	const areas = strings(table, 'workflow_area');
	return strings(table, 'clinic_id').map((clinic, i) => pairKey(clinic, areas[i] ?? ''));
}

async function foundIncidents(engine: Engine): Promise<FoundIncident[]> {
	const table = await engine.query('SELECT incident_id, workflow_area, first_day, last_day FROM attribution_incidents');
	const areas = strings(table, 'workflow_area');
	const first = strings(table, 'first_day');
	const last = strings(table, 'last_day');
	return strings(table, 'incident_id').map((id, i) => ({ id, area: areas[i] ?? '', firstDay: first[i] ?? '', lastDay: last[i] ?? '' }));
}

/**
 * Every clinic-area's workflow tickets since go-live against the attribution's expected
 * count and its one-sided p-value: from `attribution_area_tests` where the attribution makes it, else summed from
 * the per-week cells of the go-live-week-only standardisation it replaced.
 */
async function areaTests(engine: Engine): Promise<AreaTest[]> {
	const exists = await engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'attribution_area_tests'");
	const source =
		Number(column(exists, 'n')[0]) > 0
			? 'SELECT clinic_id, workflow_area, observed, expected, p_value FROM attribution_area_tests'
			: 'SELECT clinic_id, area AS workflow_area, sum(tickets) AS observed, sum(expected) AS expected, NULL AS p_value FROM attribution_variance_cells GROUP BY ALL';
	const table = await engine.query(source);
	const areas = strings(table, 'workflow_area');
	const observed = column(table, 'observed').map(Number);
	const expected = column(table, 'expected').map(Number);
	const p = column(table, 'p_value').map((v) => (v === null ? null : Number(v)));
	return strings(table, 'clinic_id').map((clinic, i) => ({ pair: pairKey(clinic, areas[i] ?? ''), observed: observed[i] ?? 0, expected: expected[i] ?? 0, pValue: p[i] ?? null }));
}

interface Planted {
	workflowVariance: PlantedVariance[];
	buildDefects: PlantedDefect[];
	silentVariance?: { clinicId: string; area: string }[];
	stressClinics?: { poorlyTrained: string[] };
}

export async function runScenario(scenario: Scenario, attribute: Attribute): Promise<ScenarioResult> {
	const dir = await mkdtemp(join(tmpdir(), 'hypercare-bench-'));
	let engine: Engine | undefined;
	try {
		const [manifest, generate] = await timed(() => generateSample({ outDir: dir, seed: scenario.seed, clinics: scenario.clinics, mix: scenario.mix }));
		const files: TableFile[] = await Promise.all(manifest.tables.map(async (t) => ({ table: t.table, name: t.file, bytes: await readFile(join(dir, t.file)) })));
		const started = await startNodeEngine();
		engine = started;
		const [, load] = await timed(() => loadCanonicalTables(started, files));
		const [, attributeSeconds] = await timed(() => attribute(started));

		const rows = await attributionRows(started);
		const flagged = await flaggedPairs(started);
		const incidents = await foundIncidents(started);
		const tests = await areaTests(started);
		const truth = await readTruth(started, dir);
		const planted = JSON.parse(await readFile(join(dir, 'truth', 'planted.json'), 'utf8')) as Planted;
		const raising = new Set(planted.workflowVariance.map((v) => pairKey(v.clinicId, v.area)));
		const silent = new Set((planted.silentVariance ?? []).map((v) => pairKey(v.clinicId, v.area)));
		return {
			scenario,
			tickets: scoreTickets(truth, rows),
			variances: scoreVariances(planted.workflowVariance, flagged),
			defects: scoreDefects(planted.buildDefects, incidents),
			falseFlags: scoreFalseFlags(tests, raising, new Set(planted.stressClinics?.poorlyTrained ?? []), silent),
			seconds: { generate, load, attribute: attributeSeconds }
		};
	} finally {
		await engine?.close();
		await rm(dir, { recursive: true, force: true });
	}
}
