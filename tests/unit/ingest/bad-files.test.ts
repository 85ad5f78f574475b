/** The corpus of broken files in tests/fixtures/bad: each gives its own message, good rows are kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { reconciles, REJECTED_ROWS_TABLE } from '$lib/ingest';
import { rows } from '../helpers/fixture';
import { wideHeaderCsv } from '../../fixtures/wide-header';
import { fixture, importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const bad = (name: string) => ({ name, bytes: fixture(`bad/${name}`), preset: 'canonical:tickets' });
const rejected = () => rows(engine, `SELECT file, "row", "column", target, value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY file, "row"`);

describe('broken files', () => {
	it('rejects ragged rows with their field counts and keeps the others', async () => {
		const { report } = await importFiles(engine, [bad('ragged-rows.csv')]);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 4, accepted: 2, rejected: 2, merged: 0 });
		expect(await rejected()).toEqual([
			{ file: 'ragged-rows.csv', row: 3, column: '(row)', target: '(row)', value: '9 fields', expected: '12 fields, as in the header' },
			{ file: 'ragged-rows.csv', row: 4, column: '(row)', target: '(row)', value: '13 fields', expected: '12 fields, as in the header' }
		]);
		expect(await rows(engine, 'SELECT ticket_id, short_description FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'R1', short_description: 'Good row' },
			{ ticket_id: 'R4', short_description: 'Quoted, with comma' }
		]);
	});

	it('rejects values of the wrong type, says what was expected, and keeps unknown categories flagged', async () => {
		const { report } = await importFiles(engine, [bad('wrong-types.csv')]);
		expect(report.files[0]).toMatchObject({ read: 5, accepted: 2, rejected: 3, merged: 0 });
		expect(await rejected()).toEqual([
			{ file: 'wrong-types.csv', row: 3, column: 'priority', target: 'priority', value: 'high', expected: 'a whole number from 1 to 5' },
			{ file: 'wrong-types.csv', row: 4, column: 'resolved_at', target: 'resolved_at', value: 'yesterday', expected: 'a date and time like 2016-02-29 13:16' },
			{ file: 'wrong-types.csv', row: 5, column: 'priority', target: 'priority', value: '9', expected: 'a whole number from 1 to 5' }
		]);
		expect(report.tables[0]?.unknownValues).toEqual([{ column: 'category', value: 'Printer jam', rows: 1 }]);
		expect(await rows(engine, `SELECT category FROM tickets WHERE ticket_id = 'W5'`)).toEqual([{ category: 'Printer jam' }]);
	});

	it('rejects impossible dates and a missing required date', async () => {
		const { report } = await importFiles(engine, [bad('impossible-dates.csv')]);
		expect(report.files[0]).toMatchObject({ read: 5, accepted: 1, rejected: 4 });
		const reasons = await rejected();
		expect(reasons.map((r) => [r.row, r.column, r.value, r.expected])).toEqual([
			[3, 'opened_at', '2026-02-30 09:00:00', 'a date and time like 2016-02-29 13:16'],
			[4, 'opened_at', '2026-13-01 09:00:00', 'a date and time like 2016-02-29 13:16'],
			[5, 'opened_at', '2026-03-04 25:00:00', 'a date and time like 2016-02-29 13:16'],
			[6, 'opened_at', '', 'a value (required)']
		]);
	});

	it('stops a file that lacks required columns, naming them, and keeps the previous table', async () => {
		await importFiles(engine, [bad('duplicate-keys.csv')]);
		const { report } = await importFiles(engine, [bad('missing-required-columns.csv')]);
		expect(report.files[0]).toMatchObject({ status: 'stopped', message: 'missing required column(s) of tickets: opened_at, category' });
		expect(report.tables[0]).toMatchObject({ status: 'kept' });
		expect(await rows(engine, 'SELECT count(*) AS n FROM tickets')).toEqual([{ n: 2 }]);
	});

	it('holds back the good rows of a table one of whose files stopped, and the counts still reconcile', async () => {
		await importFiles(engine, [bad('duplicate-keys.csv')]);
		const { report } = await importFiles(engine, [bad('impossible-dates.csv'), bad('missing-required-columns.csv')]);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 5, accepted: 0, rejected: 4, merged: 0, held: 1 });
		expect(report.tables[0]).toMatchObject({ status: 'kept', accepted: 0, rejected: 4, held: 1 });
		expect(report.tables[0]?.read).toBe(report.files.reduce((s, f) => s + f.read, 0));
		for (const counts of [...report.files, ...report.tables]) expect(reconciles(counts)).toBe(true);
		expect(await rows(engine, 'SELECT count(*) AS n FROM tickets')).toEqual([{ n: 2 }]);
	});

	it('keeps the latest version of a duplicated key and counts the rest as merged', async () => {
		const { report } = await importFiles(engine, [bad('duplicate-keys.csv')]);
		expect(report.files[0]).toMatchObject({ read: 4, accepted: 2, rejected: 0, merged: 2 });
		expect(await rows(engine, `SELECT ticket_id, status, short_description FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'K1', status: 'resolved', short_description: 'Latest version' },
			{ ticket_id: 'K2', status: 'new', short_description: 'Only version' }
		]);
	});

	it.each([
		['empty.csv', 'the file is empty'],
		['binary-junk.csv', 'not a CSV, JSON, Parquet or Excel file: it holds binary data']
	])('stops %s: %s', async (name, message) => {
		const { report } = await importFiles(engine, [bad(name)]);
		expect(report.files[0]).toMatchObject({ status: 'stopped', message });
	});

	it('reconciles every file and table of the whole corpus imported at once', async () => {
		const names = ['ragged-rows.csv', 'wrong-types.csv', 'impossible-dates.csv', 'duplicate-keys.csv'];
		const { report } = await importFiles(engine, names.map(bad));
		expect(report.tables[0]).toMatchObject({ read: 18, accepted: 7, rejected: 9, merged: 2 });
		expect(report.files.every(reconciles)).toBe(true);
		expect(await rows(engine, `SELECT count(*) AS n FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ n: 9 }]);
	});
});

describe('a header of 5,000 columns', () => {
	it('loads: the required columns are found among them, the others kept as extra columns, the bad row rejected', async () => {
		const { report } = await importFiles(engine, [{ name: 'wide-header.csv', bytes: wideHeaderCsv(), preset: 'canonical:tickets' }]);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 3, accepted: 2, rejected: 1, merged: 0 });
		expect(await rejected()).toEqual([{ file: 'wide-header.csv', row: 4, column: 'opened_at', target: 'opened_at', value: 'not a date', expected: 'a date and time like 2016-02-29 13:16' }]);
		const columns = await rows(engine, `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'tickets'`);
		// The twelve contract columns and the 4,996 others.
		expect(columns).toEqual([{ n: 12 + 4996 }]);
		expect(await rows(engine, `SELECT ticket_id, field_4999 FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'W1', field_4999: '0.4998' },
			{ ticket_id: 'W2', field_4999: '1.4998' }
		]);
	});
});
