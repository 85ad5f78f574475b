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
});
