/**
 * Issue 19 item 3: Root causes computes its charts for a scope in JS from pre-aggregates asked
 * once (sql/attribution-cube.ts, attribution/cause-cube.ts). For random scopes (sites, clinics,
 * dates, both axes) the JS figures must equal the SQL statements the page ran before
 * (`causeTotals`, `causeByWeek`, `causeByClinic`, `unassignedTickets`): counts exactly, sums of
 * weights to 1e-9 relative. On the bundled sample, and on it with some tickets naming no clinic
 * or a clinic the clinic list lacks (no site, no go-live).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { causeFigures, type CauseCubeTables } from '$lib/attribution/cause-cube';
import type { TableFile } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import { OverviewFiltersSchema, type OverviewFilters } from '$lib/scope/filters';
import { causeCubeCauses, causeCubeCells, causeCubeClinics, unassignedDays } from '$lib/sql/attribution-cube';
import { causeByClinic, causeByWeek, causeTotals } from '$lib/sql/attribution-report';
import { unassignedTickets } from '$lib/sql/overview';
import { engineWith, rows } from '../helpers/fixture';

const SAMPLE = path.resolve('data/sample');
const RUNS = { numRuns: 60 };
const file = (table: 'clinics' | 'tickets' | 'training' | 'workflow_variance', bytes: Uint8Array = readFileSync(path.join(SAMPLE, `${table}.csv`))): TableFile => ({
	table,
	name: `${table}.csv`,
	bytes
});

/** The sample's tickets with every 37th naming no clinic and every 53rd a location the clinic list lacks. */
function relabelledTickets(): Uint8Array {
	const lines = readFileSync(path.join(SAMPLE, 'tickets.csv'), 'utf8').split('\n');
	const out = lines.map((line, i) => {
		if (i === 0 || line === '') return line;
		const label = i % 37 === 0 ? 'unassigned' : i % 53 === 0 ? 'LOC-9' : null;
		return label === null ? line : line.replace(/^((?:[^,]*,){4})[^,]*/, `$1${label}`);
	});
	return new TextEncoder().encode(out.join('\n'));
}

interface Data {
	engine: Engine;
	tables: CauseCubeTables;
	sites: string[];
	clinics: string[];
	span: [string, string];
}

async function dataWith(tickets: TableFile): Promise<Data> {
	const engine = await engineWith([file('clinics'), file('training'), file('workflow_variance'), tickets]);
	await buildAttribution(engine);
	const [clinics, causes, cells, unassigned] = await Promise.all([causeCubeClinics(), causeCubeCauses(), causeCubeCells(), unassignedDays()].map((s) => engine.query(s)));
	const ids = await rows(engine, `SELECT DISTINCT clinic_id, site FROM ticket_facts`);
	const [span] = await rows(engine, `SELECT strftime(min(opened_at), '%Y-%m-%d') AS a, strftime(max(opened_at), '%Y-%m-%d') AS b FROM tickets`);
	return {
		engine,
		tables: { clinics: clinics as Table, causes: causes as Table, cells: cells as Table, unassigned: unassigned as Table },
		sites: [...new Set(ids.map((r) => r.site).filter((s): s is string => typeof s === 'string'))],
		clinics: ids.map((r) => String(r.clinic_id)),
		span: [String(span?.a), String(span?.b)]
	};
}

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Any scope: some sites and clinics (now and then one no row has), a date range in or around the data's, either axis. */
function scopes(d: Data): fc.Arbitrary<OverviewFilters> {
	const day = fc.option(
		fc.integer({ min: -10, max: 140 }).map((n) => shift(d.span[0], n)),
		{ nil: null }
	);
	return fc
		.record({
			sites: fc.subarray([...d.sites, 'no such site'], { maxLength: 3 }),
			clinics: fc.oneof(fc.constant([]), fc.subarray([...d.clinics, 'no such clinic'], { maxLength: 12 })),
			from: day,
			to: day,
			axis: fc.constantFrom('calendar' as const, 'go_live' as const)
		})
		.map((f) => OverviewFiltersSchema.parse(f));
}

const close = (a: unknown, b: unknown) => {
	if (typeof a !== 'number' || typeof b !== 'number') return a === b;
	return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
};

/** Rows keyed by `key`; each column equal, numbers to 1e-9 relative. */
function expectSameRows(js: readonly PlainRow[], live: readonly PlainRow[], key: (r: PlainRow) => string): void {
	expect(js.map(key).sort()).toEqual(live.map(key).sort());
	const byKey = new Map(live.map((r) => [key(r), r]));
	for (const row of js) {
		const other = byKey.get(key(row)) ?? {};
		expect(Object.keys(row).sort()).toEqual(Object.keys(other).sort());
		for (const [name, value] of Object.entries(row)) if (!close(value, other[name])) expect({ key: key(row), [name]: value }).toEqual({ key: key(row), [name]: other[name] });
	}
}

async function expectSameFigures(d: Data, f: OverviewFilters): Promise<void> {
	const js = causeFigures(d.tables, f);
	const [totals, byWeek, matrix, unassigned] = await Promise.all([causeTotals(f), causeByWeek(f), causeByClinic(f), unassignedTickets(f)].map((s) => d.engine.query(s)));
	expectSameRows(plainRows(js.totals), plainRows(totals as Table), (r) => String(r.root_cause));
	expectSameRows(plainRows(js.byWeek), plainRows(byWeek as Table), (r) => `${r.k}|${r.root_cause}`);
	const [jsMatrix, liveMatrix] = [plainRows(js.matrix), plainRows(matrix as Table)];
	expectSameRows(jsMatrix, liveMatrix, (r) => `${r.clinic_id}|${r.root_cause}`);
	// The clinics in the same (go-live) order.
	const order = (rs: readonly PlainRow[]) => [...new Set(rs.map((r) => r.clinic_id))];
	expect(order(jsMatrix)).toEqual(order(liveMatrix));
	expect(js.unassigned).toBe(Number(plainRows(unassigned as Table)[0]?.tickets));
}

describe.each([
	['the bundled sample', () => file('tickets')],
	['the sample with tickets naming no clinic, or one the clinic list lacks', () => file('tickets', relabelledTickets())]
])('Root causes from its pre-aggregates on %s', (_, tickets) => {
	let d: Data;
	beforeAll(async () => {
		d = await dataWith(tickets());
	}, 180_000);
	afterAll(() => d?.engine.close());

	it('has the figures of the SQL statements in the default view', async () => {
		await expectSameFigures(d, OverviewFiltersSchema.parse({}));
		await expectSameFigures(d, OverviewFiltersSchema.parse({ axis: 'go_live' }));
	});

	it('has the figures of the SQL statements for any scope', async () => {
		await fc.assert(
			fc.asyncProperty(scopes(d), (f) => expectSameFigures(d, f)),
			RUNS
		);
	}, 300_000);
});
