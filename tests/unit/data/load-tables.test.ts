import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '$lib/contract/tables';
import { loadCanonicalTables, TableLoadError } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { csvFile, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('loading the canonical tables', () => {
	it('creates every table with the contract’s types, contract columns first and extra columns kept', async () => {
		const loaded = await loadCanonicalTables(engine, SMALL_GO_LIVE);
		expect(loaded.map((t) => [t.table, t.rows])).toEqual([
			['clinics', 3],
			['training', 12],
			['workflow_variance', 2],
			['tickets', 7],
			['throughput', 2],
			['billing', 2]
		]);
		const columns = await rows(engine, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'tickets' ORDER BY ordinal_position`);
		expect(columns.map((c) => c.column_name)).toEqual([...TABLES.tickets.columns.map((c) => c.name), 'source_system']);
		const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
		expect(types).toMatchObject({ opened_at: 'TIMESTAMP', priority: 'INTEGER', ticket_id: 'VARCHAR' });
		const [billing] = await rows(engine, `SELECT typeof(denied) AS denied, typeof(date_of_service) AS dos FROM billing LIMIT 1`);
		expect(billing).toEqual({ denied: 'BOOLEAN', dos: 'DATE' });
		expect(await rows(engine, `SELECT clinic_name FROM clinics WHERE clinic_id = 'C'`)).toEqual([{ clinic_name: 'Cedar Peds, North' }]);
		expect(await rows(engine, `SELECT short_description FROM tickets WHERE ticket_id = 'T3'`)).toEqual([{ short_description: '<b>bold</b>' }]);
	});

	it('gives activity rows a calendar week and a go-live week (negative in the baseline)', async () => {
		const weeks = await rows(engine, `SELECT ticket_id, strftime(week, '%Y-%m-%d') AS week, go_live_week, site FROM ticket_facts ORDER BY ticket_id`);
		expect(weeks.find((w) => w.ticket_id === 'T4')).toEqual({ ticket_id: 'T4', week: '2026-03-02', go_live_week: 0, site: 'S1' });
		expect(weeks.find((w) => w.ticket_id === 'T6')).toMatchObject({ go_live_week: -1 });
		expect(await rows(engine, `SELECT go_live_week FROM throughput_facts ORDER BY date`)).toEqual([{ go_live_week: -1 }, { go_live_week: 0 }]);
		expect(await rows(engine, `SELECT charge_lag_days, billing_lag_days FROM billing_facts ORDER BY encounter_id`)).toEqual([
			{ charge_lag_days: 1, billing_lag_days: 4 },
			{ charge_lag_days: 4, billing_lag_days: null }
		]);
		expect(await rows(engine, `SELECT * FROM clinic_users ORDER BY clinic_id`)).toEqual([
			{ clinic_id: 'A', users: 4 },
			{ clinic_id: 'B', users: 2 },
			{ clinic_id: 'C', users: 5 }
		]);
	});

	it('adds absent optional columns as NULL', async () => {
		await loadCanonicalTables(engine, [csvFile('clinics', ['clinic_id,go_live_date', 'X,2026-01-05'])]);
		expect(await rows(engine, 'SELECT * FROM clinics')).toEqual([
			{ clinic_id: 'X', clinic_name: null, site: null, specialty: null, go_live_date: Date.parse('2026-01-05'), providers: null }
		]);
	});

	it('stops a file that lacks required columns, naming them', async () => {
		const error = await loadCanonicalTables(engine, [csvFile('tickets', ['ticket_id,clinic_id', 'T1,A'], 'export.csv')]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TableLoadError);
		expect((error as Error).message).toBe('export.csv: missing required column(s) of tickets: opened_at, category');
	});

	it('names the file when a value does not fit its column type', async () => {
		const error = await loadCanonicalTables(engine, [csvFile('clinics', ['clinic_id,go_live_date', 'X,not a date'], 'clinics-bad.csv')]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TableLoadError);
		expect((error as Error).message).toMatch(/^clinics-bad\.csv: .*not a date/s);
	});
});

describe('tables that were not loaded', () => {
	it('exist empty with the contract’s columns, so views still run', async () => {
		const fresh = await startNodeEngine();
		await loadCanonicalTables(fresh, [csvFile('clinics', ['clinic_id,go_live_date', 'X,2026-01-05'])]);
		expect(await rows(fresh, 'SELECT count(*) AS n FROM billing_facts')).toEqual([{ n: 0 }]);
		const columns = await rows(fresh, `SELECT column_name FROM information_schema.columns WHERE table_name = 'training' ORDER BY ordinal_position`);
		expect(columns.map((c) => c.column_name)).toEqual(TABLES.training.columns.map((c) => c.name));
		await fresh.close();
	});
});
