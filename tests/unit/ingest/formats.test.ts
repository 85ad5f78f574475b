/** The same tickets from every format the importer takes, and the Jira and Latin-1 fixtures. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { inspectFile, REJECTED_ROWS_TABLE } from '$lib/ingest';
import { HEADER, multiSheetWorkbook, parquet, ROWS, xlsx } from '../../fixtures/tabular-files';
import { rows } from '../helpers/fixture';
import { fixture, importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const EXPECTED = [
	{ ticket_id: 'T1', opened: '2026-03-02 09:00', clinic_id: 'A', category: 'how_to', priority: 3, short_description: 'Line one\nline two' },
	{ ticket_id: 'T2', opened: '2026-03-03 10:30', clinic_id: 'B', category: 'break_fix', priority: 2, short_description: 'Ümlaut, comma' }
];
const quote = (v: string) => (/[",\n\t]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const delimited = (sep: string, eol = '\n') => [HEADER, ...ROWS].map((r) => r.map(quote).join(sep)).join(eol) + eol;
const records = ROWS.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));

const tickets = () => rows(engine, `SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened, clinic_id, category, priority, short_description FROM tickets ORDER BY ticket_id`);

describe('every format gives the same tickets', () => {
	it.each([
		['tickets.csv', () => delimited(',')],
		['tickets.crlf.csv', () => `\uFEFF${delimited(',', '\r\n')}`],
		['tickets.tsv', () => delimited('\t')],
		['tickets.csv.gz', () => new Uint8Array(gzipSync(delimited(';')))],
		['tickets.json', () => JSON.stringify(records)],
		['tickets.ndjson', () => records.map((r) => JSON.stringify(r)).join('\n')],
		['tickets.parquet', parquet],
		['tickets.xlsx', xlsx]
	])('%s', async (name, content) => {
		const { report } = await importFiles(engine, [{ name, bytes: content(), preset: 'canonical:tickets' }]);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 2, accepted: 2, rejected: 0, merged: 0 });
		expect(await tickets()).toEqual(EXPECTED);
	});

	it('rejects a line of newline-delimited JSON that does not parse, with its line number', async () => {
		const text = [JSON.stringify(records[0]), '{"ticket_id": "T9", oops', '', JSON.stringify(records[1])].join('\n');
		const { report } = await importFiles(engine, [{ name: 'broken.ndjson', bytes: text, preset: 'canonical:tickets' }]);
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		expect(await rows(engine, `SELECT "row", value, expected FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ row: 2, value: '{"ticket_id": "T9", oops', expected: 'a line of valid JSON' }]);
	});
});

describe('the Jira preset', () => {
	it('reads a Jira CSV export: its dates, issue types, priorities, clinic field and repeated columns', async () => {
		const { report } = await importFiles(engine, [{ name: 'jira-export.csv', bytes: fixture('imports/jira-export.csv') }]);
		expect(report.files[0]).toMatchObject({ preset: 'Jira / Jira Service Management', dateFormat: 'jira', read: 6, accepted: 6, rejected: 0, merged: 0, filled: { clinic_id: 1 } });
		expect(report.tables[0]?.unknownValues).toEqual([{ column: 'category', value: 'Epic', rows: 1 }]);
		// The issue without a clinic is kept, in the "unassigned" clinic.
		expect(await rows(engine, `SELECT count(*)::INTEGER AS n FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ n: 0 }]);
		const loaded = await rows(
			engine,
			`SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened, strftime(resolved_at, '%Y-%m-%d %H:%M') AS resolved, clinic_id, category, category_source,
				workflow_area, priority, priority_source, status, "Labels", "Labels_2", short_description FROM tickets ORDER BY ticket_id`
		);
		expect(loaded[0]).toEqual({
			ticket_id: 'HC-101',
			opened: '2025-07-14 15:42',
			resolved: '2025-07-15 09:05',
			clinic_id: 'C01',
			category: 'how_to',
			category_source: 'Question',
			workflow_area: 'intake',
			priority: 3,
			priority_source: 'Medium',
			status: 'Done',
			Labels: 'golive',
			Labels_2: 'wave1',
			short_description: 'Cannot find the vitals flowsheet'
		});
		expect(loaded.map((t) => [t.ticket_id, t.category, t.priority])).toEqual([
			['HC-101', 'how_to', 3],
			['HC-102', 'break_fix', 1],
			['HC-103', 'access', 2],
			['HC-104', 'build_request', 4],
			['HC-105', 'Epic', 5],
			['HC-106', 'break_fix', 3]
		]);
		expect(loaded[5]?.clinic_id).toBe('unassigned');
		expect(loaded[1]?.short_description).toBe('Order composer crashes\non signing');
	});
});

describe('a Latin-1, semicolon-separated, day-first export', () => {
	it('is transcoded to UTF-8 and read with the chosen date format', async () => {
		const { report } = await importFiles(engine, [{ name: 'tickets-latin1.csv', bytes: fixture('imports/tickets-latin1.csv'), patch: { dateFormat: 'day_first' } }]);
		expect(report.files[0]).toMatchObject({ format: 'CSV, Latin-1 (Windows-1252), transcoded to UTF-8, semicolon-separated', read: 3, accepted: 3 });
		expect(await rows(engine, `SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened, reporter_id, workflow_area, short_description FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'L1', opened: '2026-03-02 09:15', reporter_id: 'müller', workflow_area: 'registration', short_description: 'Réception fermée à 17h' },
			{ ticket_id: 'L2', opened: '2026-03-13 14:00', reporter_id: 'gonçalves', workflow_area: 'orders', short_description: 'Étiquette imprimée deux fois' },
			{ ticket_id: 'L3', opened: '2026-03-31 08:30', reporter_id: 'øst', workflow_area: null, short_description: 'Mot de passe expiré' }
		]);
	});

	it('rejects month-first readings of day-first dates instead of guessing', async () => {
		const { report } = await importFiles(engine, [{ name: 'tickets-latin1.csv', bytes: fixture('imports/tickets-latin1.csv'), patch: { dateFormat: 'month_first' } }]);
		// 2/3 and 3/3 read as February 3rd and March 3rd; 13/3 and 31/3 are not month-first dates.
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		expect(await rows(engine, `SELECT "row", value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`)).toEqual([
			{ row: 3, value: '13/3/2026 14:00', expected: 'a month-first date like 2/29/2016 1:16 PM (it reads as day-first: check the Dates setting)' },
			{ row: 4, value: '31/3/2026 08:30', expected: 'a month-first date like 2/29/2016 1:16 PM (it reads as day-first: check the Dates setting)' }
		]);
	});
});

describe('Excel workbooks', () => {
	it('lists the sheets that hold data, each with its header', async () => {
		const inspected = await inspectFile(new File([multiSheetWorkbook()], 'hypercare.xlsx'));
		expect(inspected.sheets).toEqual([
			{ name: 'Tickets', header: ['ticket_id', 'opened_at', 'clinic_id', 'category', 'priority'] },
			{ name: 'Clinics', header: ['clinic_id', 'clinic_name', 'go_live_date'] }
		]);
	});

	it('imports each sheet as its own table; formulas by their saved result, a formula without one, an error value and the empty cells of a merge rejected by cell', async () => {
		const bytes = multiSheetWorkbook();
		const { report } = await importFiles(engine, [
			{ name: 'hypercare.xlsx › Tickets', bytes, preset: 'canonical:tickets', sheet: 'Tickets' },
			{ name: 'hypercare.xlsx › Clinics', bytes, preset: 'canonical:clinics', sheet: 'Clinics' }
		]);
		expect(report.files.map((f) => [f.file, f.format, f.read, f.accepted, f.rejected])).toEqual([
			['hypercare.xlsx › Tickets', 'Excel, sheet “Tickets”', 5, 2, 3],
			['hypercare.xlsx › Clinics', 'Excel, sheet “Clinics”', 2, 2, 0]
		]);
		expect(await rows(engine, 'SELECT ticket_id, clinic_id, priority FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'X1', clinic_id: 'C01', priority: 3 },
			{ ticket_id: 'X4', clinic_id: 'C02', priority: 2 }
		]);
		expect(await rows(engine, 'SELECT clinic_id, clinic_name FROM clinics ORDER BY clinic_id')).toEqual([
			{ clinic_id: 'C01', clinic_name: 'North' },
			{ clinic_id: 'C02', clinic_name: 'South' }
		]);
		expect(await rows(engine, `SELECT "row", "column", target, value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`)).toEqual([
			{ row: 3, column: 'priority', target: 'priority', value: '=B9*2', expected: 'a value: the formula has no saved result (open the workbook in Excel and save it again) (cell E3)' },
			{ row: 4, column: 'priority', target: 'priority', value: '#DIV/0!', expected: 'a value, not the Excel error #DIV/0! (cell E4)' },
			{ row: 6, column: 'clinic_id', target: 'clinic_id', value: null, expected: 'a value (required)' }
		]);
	});
});
