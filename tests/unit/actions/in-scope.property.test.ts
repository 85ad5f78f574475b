/**
 * Issue 19 item 3: the Actions page asks every action once (`allActionRows`) and keeps the
 * actions in scope in JS (routes/actions/in-scope.ts). For random scopes the list must be the
 * one `actionRows` selects in SQL: the same actions in the same order with the same figures
 * (to 1e-9 relative). On the bundled sample.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import { OverviewFiltersSchema, type OverviewFilters } from '$lib/scope/filters';
import { actionRows, allActionRows } from '$lib/sql/actions/action-report';
import { actionsInScope } from '../../../src/routes/actions/in-scope';
import { engineWith, rows } from '../helpers/fixture';

const SAMPLE = path.resolve('data/sample');
const file = (table: 'clinics' | 'tickets' | 'training' | 'workflow_variance') => ({ table, name: `${table}.csv`, bytes: readFileSync(path.join(SAMPLE, `${table}.csv`)) });

let engine: Engine;
let sites: string[];
let clinics: string[];
beforeAll(async () => {
	engine = await engineWith([file('clinics'), file('training'), file('workflow_variance'), file('tickets')]);
	await buildAttribution(engine);
	const found = await rows(engine, 'SELECT clinic_id, site FROM clinics');
	sites = [...new Set(found.map((r) => String(r.site)))];
	clinics = found.map((r) => String(r.clinic_id));
}, 180_000);
afterAll(() => engine?.close());

const close = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));

async function expectSameActions(all: Awaited<ReturnType<Engine['query']>>, f: OverviewFilters): Promise<number> {
	const js = actionsInScope(all, f);
	const live = plainRows(await engine.query(actionRows(f)));
	expect(js.map((r) => r.action_id)).toEqual(live.map((r) => r.action_id));
	js.forEach((row, i) => {
		const other: PlainRow = live[i] ?? {};
		expect(Object.keys(row)).toEqual(Object.keys(other));
		for (const [name, value] of Object.entries(row)) if (!close(value, other[name])) expect({ [name]: value }).toEqual({ [name]: other[name] });
	});
	return js.length;
}

describe('the actions in scope, kept in JS from every action', () => {
	it('are every action without a scope, and none at a site no clinic has', async () => {
		const all = await engine.query(allActionRows());
		expect(await expectSameActions(all, OverviewFiltersSchema.parse({}))).toBeGreaterThan(50);
		expect(await expectSameActions(all, OverviewFiltersSchema.parse({ sites: ['no such site'] }))).toBe(0);
	}, 60_000);

	it('are the actions actionRows selects for any sites and clinics (dates and axis do not move them)', async () => {
		const all = await engine.query(allActionRows());
		const scope = fc
			.record({
				sites: fc.subarray([...sites, 'no such site'], { maxLength: 3 }),
				clinics: fc.oneof(fc.constant([]), fc.subarray([...clinics, 'unassigned', 'no such clinic'], { maxLength: 8 })),
				from: fc.constantFrom(null, '2026-03-01'),
				axis: fc.constantFrom('calendar' as const, 'go_live' as const)
			})
			.map((f) => OverviewFiltersSchema.parse(f));
		await fc.assert(
			fc.asyncProperty(scope, async (f) => {
				await expectSameActions(all, f);
			}),
			{ numRuns: 25 }
		);
	}, 300_000);
});
