/** The Import page warms the import's path on generated exports: they must take the path a real import takes, and leave nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { warmImportPath } from '$lib/ingest';
import { warmedFor, warmSamples } from '$lib/ingest/warm-up';
import { rows } from '../helpers/fixture';
import { importFiles, mappingFor } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('warming the import path', () => {
	it('generates exports that are detected, accepted whole and de-duplicated, as a real import would take them', async () => {
		const samples = warmSamples();
		expect(samples.map((s) => s.name)).toEqual(['canonical', 'servicenow']);
		for (const sample of samples) {
			const { report } = await importFiles(engine, [{ name: `${sample.name}.csv`, bytes: new Uint8Array(sample.csv) }]);
			// A sample that was rejected or never merged would warm the paths a good export does not take.
			expect(report.files[0]).toMatchObject({ read: 20_000, rejected: 0, merged: 2_000, accepted: 18_000 });
			expect(report.files[0]?.preset).toBe(sample.name === 'servicenow' ? 'ServiceNow incidents' : 'Hypercare tickets columns');
		}
	});

	it('leaves the tables, the rejected rows and the registered files as they were, and notes the shapes of mapping it warmed', async () => {
		await importFiles(engine, [{ name: 'mine.csv', bytes: 'ticket_id,opened_at,clinic_id,category\nT1,2026-03-02 09:00,A,how_to\nT2,not a date,A,how_to' }]);
		const before = await rows(engine, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM import_rejected_rows) AS rejected');
		const jira = (await mappingFor({ name: 'jira.csv', bytes: 'Issue key,Issue id,Issue Type,Summary,Project key,Created\nHD-1,1,Bug,x,HD,14/Jul/25 3:42 PM' })).mapping;
		const canonical = (await mappingFor({ name: 'tickets.csv', bytes: new Uint8Array(warmSamples()[0]!.csv) })).mapping;
		expect([warmedFor(engine, canonical), warmedFor(engine, jira)]).toEqual([false, false]);
		await warmImportPath(engine);
		// A file mapped like a generated export skips its own warm-up; any other shape (here Jira's dates) keeps it.
		expect([warmedFor(engine, canonical), warmedFor(engine, jira)]).toEqual([true, false]);
		expect(await rows(engine, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM import_rejected_rows) AS rejected')).toEqual(before);
		expect(before).toEqual([{ tickets: 1, rejected: 1 }]);
		expect(await rows(engine, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'ingest%'`)).toEqual([]);
		expect(await rows(engine, `SELECT file FROM glob('ingest/*')`)).toEqual([]);
	});
});
