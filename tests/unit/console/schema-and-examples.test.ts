import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { buildScorecardView } from '$lib/recovery';
import { collect } from '$lib/results/collect';
import { EXAMPLES } from '$lib/console/examples';
import { loadFunctions, loadSchema, withRowCounts } from '$lib/console/schema';
import { judgeStatement } from '$lib/console/statement-guard';
import { splitStatements } from '$lib/console/statements';
import type { Engine, Session } from '$lib/engine';
import { engineWith } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

let engine: Engine;
let session: Session;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
	await buildAttribution(engine);
	await buildScorecardView(engine, engine);
	session = await engine.openSession();
});
afterAll(async () => {
	await session.close();
	await engine.close();
});

describe('schema browser', () => {
	it('lists every table and view with columns, types, counts and a description', async () => {
		const objects = await withRowCounts(session, await loadSchema(session));
		const byName = new Map(objects.map((o) => [o.name, o]));
		for (const name of ['clinics', 'training', 'workflow_variance', 'tickets', 'throughput', 'billing', 'ticket_facts', 'ticket_root_cause']) {
			expect(byName.get(name)?.description, name).toBeTruthy();
		}
		expect(byName.get('tickets')).toMatchObject({ kind: 'table', group: 'canonical', rows: 7 });
		expect(byName.get('ticket_root_cause')).toMatchObject({ kind: 'view', group: 'view' });
		expect(byName.get('recovery_scorecard')).toMatchObject({ kind: 'view', group: 'view', rows: 3 });
		expect(byName.get('ticket_root_cause')?.columns).toEqual([
			{ name: 'ticket_id', type: 'VARCHAR' },
			{ name: 'root_cause', type: 'VARCHAR' },
			{ name: 'weight', type: 'DOUBLE' },
			{ name: 'evidence', type: 'VARCHAR' }
		]);
		// Every object Hypercare makes is described: a new attribution table needs its line in catalog.ts.
		expect(objects.filter((o) => o.group !== 'yours' && !o.description).map((o) => o.name)).toEqual([]);
		expect(objects.map((o) => o.group)).toEqual(
			[...objects.map((o) => o.group)].sort((a, b) => ['canonical', 'view', 'derived', 'yours'].indexOf(a) - ['canonical', 'view', 'derived', 'yours'].indexOf(b))
		);
	});

	it('shows the session’s temporary views as the user’s own', async () => {
		await collect(session, "CREATE TEMP VIEW tickets_a AS SELECT * FROM tickets WHERE clinic_id = 'A'");
		const mine = (await loadSchema(session)).find((o) => o.name === 'tickets_a');
		expect(mine).toMatchObject({ database: 'temp', group: 'yours', description: null });
	});

	it('lists DuckDB functions for autocomplete', async () => {
		const names = (await loadFunctions(session)).map((f) => f.name);
		expect(names).toEqual(expect.arrayContaining(['date_trunc', 'quantile_cont', 'read_csv', 'count']));
	});
});

describe('example queries', () => {
	it.each(EXAMPLES.map((e) => [e.title, e.sql]))('%s: runs as the console would run it', async (_, sql) => {
		for (const statement of splitStatements(sql)) {
			expect(judgeStatement(statement.text).action).toBe('run');
			await collect(session, statement.text);
		}
	});
});
