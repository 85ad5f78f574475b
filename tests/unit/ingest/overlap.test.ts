/** Weekly exports overlap and event logs repeat a ticket per change: one row per key survives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { reconciles } from '$lib/ingest';
import { rows } from '../helpers/fixture';
import { importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const SN = 'number,opened_at,sys_updated_at,sys_mod_count,location,category,priority,incident_state,caller_id';

describe('overlapping exports', () => {
	it('keeps the latest updated_at across weekly files, the later file on a tie, and counts the merged rows', async () => {
		const header = 'ticket_id,opened_at,updated_at,clinic_id,category,status';
		const week1 = [header, 'T1,2026-03-02 09:00,2026-03-02 09:00,A,how_to,new', 'T2,2026-03-03 09:00,2026-03-04 09:00,A,how_to,resolved', 'T3,2026-03-04 09:00,,A,how_to,new'].join('\n');
		const week2 = [
			header,
			'T1,2026-03-02 09:00,2026-03-09 10:00,A,how_to,resolved',
			'T2,2026-03-03 09:00,2026-03-03 12:00,A,how_to,stale',
			'T3,2026-03-04 09:00,,A,how_to,seen again',
			'T4,2026-03-10 09:00,,B,access,new'
		].join('\n');
		const { report } = await importFiles(engine, [
			{ name: 'week1.csv', bytes: week1 },
			{ name: 'week2.csv', bytes: week2 }
		]);
		expect(report.files.map((f) => [f.file, f.read, f.accepted, f.rejected, f.merged])).toEqual([
			['week1.csv', 3, 1, 0, 2],
			['week2.csv', 4, 3, 0, 1]
		]);
		expect(report.tables[0]).toMatchObject({ read: 7, accepted: 4, rejected: 0, merged: 3, files: ['week1.csv', 'week2.csv'] });
		expect(await rows(engine, 'SELECT ticket_id, status FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'T1', status: 'resolved' },
			{ ticket_id: 'T2', status: 'resolved' },
			{ ticket_id: 'T3', status: 'seen again' },
			{ ticket_id: 'T4', status: 'new' }
		]);
		// The table holds the survivors in file order (file, then row), without a sort.
		expect((await rows(engine, 'SELECT ticket_id FROM tickets')).map((r) => r.ticket_id)).toEqual(['T2', 'T1', 'T3', 'T4']);
	});

	it('merges a big file with repeated keys, keeping every survivor in file order', async () => {
		const lines = ['ticket_id,opened_at,updated_at,clinic_id,category'];
		// Every 10th row repeats the ticket 9 rows up with a later updated_at: that later row wins.
		for (let i = 0; i < 200_000; i++) {
			const repeat = i % 10 === 9;
			lines.push(`T${repeat ? i - 9 : i},2026-03-02 09:00,2026-03-0${repeat ? 3 : 2} 09:00,A,how_to`);
		}
		const { report } = await importFiles(engine, [{ name: 'big.csv', bytes: lines.join('\n') }]);
		expect(report.tables[0]).toMatchObject({ read: 200_000, accepted: 180_000, merged: 20_000 });
		const order = await rows(
			engine,
			`SELECT count(*) FILTER (WHERE expected IS DISTINCT FROM ticket_id) AS misplaced FROM (
			SELECT ticket_id, 'T' || CASE WHEN k % 9 = 8 THEN (k // 9) * 10 ELSE (k // 9) * 10 + k % 9 + 1 END AS expected
			FROM (SELECT ticket_id, row_number() OVER () - 1 AS k FROM tickets))`
		);
		expect(order).toEqual([{ misplaced: 0 }]);
		// Its head was mapped and de-duplicated ahead, while the file was read (warm-up.ts): nothing of that is left.
		expect(await rows(engine, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'ingest%'`)).toEqual([]);
	});

	it('breaks a tie of updated_at by ServiceNow’s sys_mod_count, then by the later row', async () => {
		const log = [
			SN,
			'INC1,29/2/2016 01:16,29/2/2016 08:53,3,Location 1,Category 5,3 - Moderate,Resolved,Caller 1',
			'INC1,29/2/2016 01:16,29/2/2016 08:53,2,Location 1,Category 5,3 - Moderate,Active,Caller 1',
			'INC1,29/2/2016 01:16,29/2/2016 01:23,0,Location 1,Category 5,3 - Moderate,New,Caller 1',
			'INC2,1/3/2016 10:00,1/3/2016 11:00,1,?,?,1 - Critical,Closed,?',
			'INC2,1/3/2016 10:00,1/3/2016 11:00,1,?,?,1 - Critical,Closed (later row),?'
		].join('\n');
		const { report } = await importFiles(engine, [{ name: 'incidents.csv', bytes: log }]);
		expect(report.files[0]).toMatchObject({ preset: 'ServiceNow incidents', read: 5, accepted: 2, merged: 3, filled: { clinic_id: 1, category: 1 } });
		expect(report.files.every(reconciles)).toBe(true);
		expect(await rows(engine, 'SELECT ticket_id, status, priority, clinic_id, category, reporter_id FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'INC1', status: 'Resolved', priority: 3, clinic_id: 'Location 1', category: 'other', reporter_id: 'Caller 1' },
			{ ticket_id: 'INC2', status: 'Closed (later row)', priority: 1, clinic_id: 'unassigned', category: 'other', reporter_id: null }
		]);
	});

	it('merges duplicate keys of reference tables too (the later file wins)', async () => {
		const a = ['clinic_id,clinic_name,go_live_date', 'A,Alder,2026-03-02', 'B,Birch,2026-03-04'].join('\n');
		const b = ['clinic_id,clinic_name,go_live_date', 'A,Alder Family Medicine,2026-03-09'].join('\n');
		const { report } = await importFiles(engine, [
			{ name: 'clinics-old.csv', bytes: a },
			{ name: 'clinics-new.csv', bytes: b }
		]);
		expect(report.tables[0]).toMatchObject({ table: 'clinics', read: 3, accepted: 2, merged: 1 });
		expect(await rows(engine, `SELECT clinic_id, clinic_name, strftime(go_live_date, '%Y-%m-%d') AS d FROM clinics ORDER BY clinic_id`)).toEqual([
			{ clinic_id: 'A', clinic_name: 'Alder Family Medicine', d: '2026-03-09' },
			{ clinic_id: 'B', clinic_name: 'Birch', d: '2026-03-04' }
		]);
	});

	it('merges files of different shapes: each one’s extra columns kept in order of appearance, fills counted per file, rejected rows left out', async () => {
		const plain = ['ticket_id,opened_at,updated_at,clinic_id,category,Notes', 'INC1,2026-03-02 09:00,2026-03-02 09:00,A,how_to,first', 'INC9,not a date,,A,how_to,bad'].join('\n');
		const log = [SN, 'INC1,2/3/2026 09:00,9/3/2026 10:00,4,?,?,3 - Moderate,Resolved,Caller 1', 'INC2,3/3/2026 09:00,3/3/2026 09:30,0,Location 2,?,2 - High,New,?'].join('\n');
		const { report } = await importFiles(engine, [
			{ name: 'plain.csv', bytes: plain },
			{ name: 'incidents.csv', bytes: log }
		]);
		expect(report.files.map((f) => [f.file, f.read, f.accepted, f.rejected, f.merged, f.filled])).toEqual([
			['plain.csv', 2, 0, 1, 1, {}],
			['incidents.csv', 2, 2, 0, 0, { clinic_id: 1, category: 2 }]
		]);
		const columns = await rows(engine, `SELECT column_name FROM duckdb_columns() WHERE table_name = 'tickets' AND column_index > 12 ORDER BY column_index`);
		expect(columns.map((c) => c.column_name)).toEqual(['Notes', 'category_source', 'priority_source', 'sys_mod_count']);
		expect(await rows(engine, 'SELECT ticket_id, clinic_id, "Notes", category_source FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'INC1', clinic_id: 'unassigned', Notes: null, category_source: null },
			{ ticket_id: 'INC2', clinic_id: 'Location 2', Notes: null, category_source: null }
		]);
	});

	it('merges rows whose key has an empty optional part as one key', async () => {
		const register = ['clinic_id,workflow_area,description,status', 'A,intake,,open', 'A,intake,,reconciled', 'A,intake,Two queues,open'].join('\n');
		const { report } = await importFiles(engine, [{ name: 'variance.csv', bytes: register, preset: 'canonical:workflow_variance' }]);
		expect(report.tables[0]).toMatchObject({ read: 3, accepted: 2, merged: 1 });
		expect(await rows(engine, 'SELECT description, status FROM workflow_variance ORDER BY description NULLS FIRST')).toEqual([
			{ description: null, status: 'reconciled' },
			{ description: 'Two queues', status: 'open' }
		]);
	});
});
