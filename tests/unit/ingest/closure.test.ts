/**
 * A ticket its export says is closed is not open (issue 17, item 1): the closure time falls
 * back from `resolved_at` to the preset's closure columns, and the import summary counts how
 * many came from each fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { CLOSED_WITHOUT_TIME } from '$lib/ingest/closure-sql';
import { rows } from '../helpers/fixture';
import { importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const resolved = () => rows(engine, `SELECT ticket_id, strftime(resolved_at, '%Y-%m-%d %H:%M') AS resolved FROM tickets ORDER BY ticket_id`);

describe('closure times', () => {
	it('Jira: Resolved, else a Done-category status at its time of change, else Updated; open statuses stay open', async () => {
		const csv = [
			'Summary,Issue key,Issue id,Issue Type,Status,Status Category,Status Category Changed,Project key,Created,Updated,Resolved,Custom field (Clinic)',
			'a,HC-1,1,Bug,Done,Done,15/Jul/25 9:05 AM,HC,14/Jul/25 3:42 PM,20/Jul/25 9:00 AM,15/Jul/25 8:00 AM,C01',
			'b,HC-2,2,Bug,Shipped,Done,16/Jul/25 10:00 AM,HC,14/Jul/25 3:42 PM,20/Jul/25 9:00 AM,,C01',
			'c,HC-3,3,Bug,Closed,,,HC,14/Jul/25 3:42 PM,18/Jul/25 2:30 PM,,C01',
			'd,HC-4,4,Bug,In Progress,In Progress,15/Jul/25 9:05 AM,HC,14/Jul/25 3:42 PM,20/Jul/25 9:00 AM,,C01'
		].join('\n');
		const { report } = await importFiles(engine, [{ name: 'jira.csv', bytes: csv, preset: 'jira' }]);
		expect(report.files[0]).toMatchObject({ accepted: 4, rejected: 0 });
		expect(await resolved()).toEqual([
			{ ticket_id: 'HC-1', resolved: '2025-07-15 08:00' },
			{ ticket_id: 'HC-2', resolved: '2025-07-16 10:00' },
			{ ticket_id: 'HC-3', resolved: '2025-07-18 14:30' },
			{ ticket_id: 'HC-4', resolved: null }
		]);
		expect(report.files[0]?.closure).toEqual({ 'closed status, time from Status Category Changed': 1, 'closed status, time from Updated': 1 });
	});

	it('ServiceNow: closed_at when resolved_at is ?, and an inactive incident at its last update', async () => {
		const csv = [
			'number,incident_state,active,sys_mod_count,caller_id,opened_at,sys_updated_at,location,category,priority,resolved_at,closed_at',
			'INC1,Closed,false,3,C,1/3/2016 09:00,5/3/2016 12:00,L1,X,3 - Moderate,2/3/2016 10:00,5/3/2016 12:00',
			'INC2,Closed,false,3,C,1/3/2016 09:00,6/3/2016 12:00,L1,X,3 - Moderate,?,6/3/2016 11:00',
			'INC3,Awaiting User Info,false,3,C,1/3/2016 09:00,7/3/2016 12:00,L1,X,3 - Moderate,?,?',
			'INC4,Active,true,3,C,1/3/2016 09:00,7/3/2016 12:00,L1,X,3 - Moderate,?,?'
		].join('\n');
		const { report } = await importFiles(engine, [{ name: 'incidents.csv', bytes: csv, preset: 'servicenow' }]);
		expect(await resolved()).toEqual([
			{ ticket_id: 'INC1', resolved: '2016-03-02 10:00' },
			{ ticket_id: 'INC2', resolved: '2016-03-06 11:00' },
			{ ticket_id: 'INC3', resolved: '2016-03-07 12:00' },
			{ ticket_id: 'INC4', resolved: null }
		]);
		expect(report.files[0]?.closure).toEqual({ closed_at: 1, 'closed status, time from sys_updated_at': 1 });
	});

	it('Hypercare columns: a closed or resolved status closes a ticket at its updated_at; without one the summary says it stays open', async () => {
		const csv = [
			'ticket_id,opened_at,resolved_at,updated_at,clinic_id,category,status',
			'T1,2026-03-02 09:00:00,,2026-03-04 10:00:00,A,how_to,Resolved',
			'T2,2026-03-02 09:00:00,,,A,how_to,closed',
			'T3,2026-03-02 09:00:00,,2026-03-04 10:00:00,A,how_to,in_progress'
		].join('\n');
		const { report } = await importFiles(engine, [{ name: 'tickets.csv', bytes: csv, preset: 'canonical:tickets' }]);
		expect(await resolved()).toEqual([
			{ ticket_id: 'T1', resolved: '2026-03-04 10:00' },
			{ ticket_id: 'T2', resolved: null },
			{ ticket_id: 'T3', resolved: null }
		]);
		expect(report.files[0]?.closure).toEqual({ 'closed status, time from updated_at': 1, [CLOSED_WITHOUT_TIME]: 1 });
	});
});
