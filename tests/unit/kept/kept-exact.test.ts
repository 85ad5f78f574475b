/**
 * Kept results are the live SQL's results, not a copy that can drift: every statement kept for
 * the bundled sample (by the same code `npm run build` runs) is run again on a fresh engine that
 * loads and analyses the data as the browser does, and must give the same rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { ManifestSchema } from '$lib/data/manifest';
import type { Engine, Statement } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { decodeKept, type KeptBundle } from '$lib/kept/kept-file';
import { buildRecovery, createScorecardView } from '$lib/recovery';
import { computeKept } from '../../../scripts/kept/compute-kept';
import { KeptTables, statementKey } from '$lib/kept/kept-tables';
import { keptFirstEngine } from '$lib/kept/kept-first-engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS } from '$lib/recovery/settings';
import { lagDaysCube, lagWeeksCube, visitWeeksCube } from '$lib/sql/recovery/chart-cubes';
import { RecoveryState } from '../../../src/routes/recovery/recovery.svelte';
import { chartStatements } from '../../../src/routes/recovery/kept-view';

const DATA = path.resolve('data/sample');

/** A result as a sorted list of rows, numbers rounded to 12 significant digits (a sum's last bit may depend on the order of rows). */
function rowsOf(table: Table): string[] {
	const fields = table.schema.fields.map((f) => f.name);
	const cell = (v: unknown): unknown => (typeof v === 'number' ? Number(v.toPrecision(12)) : typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v);
	const out: string[] = [];
	for (let i = 0; i < table.numRows; i++) {
		const row = table.get(i)?.toJSON() ?? {};
		out.push(
			JSON.stringify(
				fields.map((f) => cell((row as Record<string, unknown>)[f])),
				(_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)
			)
		);
	}
	return out.sort();
}

describe('kept results of the bundled sample', () => {
	let kept: KeptBundle;
	let live: Engine;

	beforeAll(async () => {
		const builder = await startNodeEngine();
		kept = await decodeKept((await computeKept(DATA, builder, 'test')).bytes);
		await builder.close();
		// As the browser loads and analyses the data (src/lib/data/dataset.svelte.ts).
		live = await startNodeEngine();
		const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(DATA, 'manifest.json'), 'utf8')));
		const tables = await loadCanonicalTables(
			live,
			manifest.tables.map((m) => ({ table: m.table, name: m.file, bytes: readFileSync(path.join(DATA, m.file)) }))
		);
		await buildAttribution(live);
		await buildRecovery(live, tables);
		await createScorecardView(live);
	}, 600_000);
	afterAll(() => live?.close());

	it("holds every page's default view, computed for this data", () => {
		expect(kept.header.dataKey).toBe(readFileSync(path.join(DATA, 'manifest.json'), 'utf8'));
		expect(kept.header.tables.find((t) => t.table === 'tickets')?.rows).toBeGreaterThan(1000);
		const texts = [...kept.results.keys()].map((k) => (JSON.parse(k) as [string])[0]);
		// One statement of each page at least: overview tiles, Root causes totals, the action list, the scorecard.
		for (const table of ['overview_ticket_days', 'attribution_cause_days', 'action_list', 'recovery_'])
			expect(
				texts.some((t) => t.includes(table)),
				table
			).toBe(true);
	});

	it('gives, for every kept statement, exactly what live SQL gives', async () => {
		expect(kept.results.size).toBeGreaterThan(20);
		for (const [key, ipc] of kept.results) {
			const [text, params] = JSON.parse(key) as [string, Statement['params']];
			const fresh = await live.query({ text, params });
			const stored = tableFromIPC(ipc);
			expect(
				stored.schema.fields.map((f) => `${f.name}:${f.type}`),
				text
			).toEqual(fresh.schema.fields.map((f) => `${f.name}:${f.type}`));
			expect(rowsOf(stored), text).toEqual(rowsOf(fresh));
		}
	}, 300_000);

	it('draws Recovery’s first view from its own kept statements, and its filter changes from the kept pre-aggregates, alike', async () => {
		const viewKeys = Object.values(chartStatements(DEFAULT_FILTERS, DEFAULT_RECOVERY_SETTINGS)).flatMap((st) => (st ? [statementKey(st)] : []));
		const cubeKeys = [lagDaysCube(), lagWeeksCube(), visitWeeksCube()].map(statementKey);
		for (const key of [...viewKeys, ...cubeKeys]) expect(kept.results.has(key), key).toBe(true);

		// The page on the kept results alone, as the browser opens it (DuckDB is never asked).
		const asked: string[] = [];
		const tables = new KeptTables(kept);
		const engine = keptFirstEngine({ get: (st) => (asked.push(statementKey(st)), tables.get(st)) }, () => Promise.reject(new Error('DuckDB was asked')));
		const page = new RecoveryState();
		await page.start(engine);
		expect(page.error).toBeNull();
		const first = page.charts;
		expect(first).not.toBeNull();
		// The first view decoded none of the pre-aggregates (hundreds of thousands of rows at full scale).
		for (const key of viewKeys) expect(asked).toContain(key);
		for (const key of cubeKeys) expect(asked).not.toContain(key);

		await page.prepareFilterChanges();
		for (const key of cubeKeys) expect(asked).toContain(key);
		// The same view again, now computed from the pre-aggregates: the same charts and data tables.
		page.setFilters({ ...DEFAULT_FILTERS, axis: 'go_live' });
		page.setFilters({ ...DEFAULT_FILTERS });
		await page.refresh();
		expect(page.error).toBeNull();
		expect(page.charts).not.toBe(first);
		expect(page.charts).toEqual(first);
	}, 120_000);
});
