/**
 * The CSV path reads the file once, inside the mapping statement, trusting its sniff; these
 * are the files that sniff cannot vouch for, each read again or stopped as it should be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { REJECTED_ROWS_TABLE } from '$lib/ingest';
import { rows } from '../helpers/fixture';
import { importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const HEADER = 'ticket_id,opened_at,clinic_id,category,short_description';
const good = (i: number) => `T${i},2026-03-02 09:00:00,A,how_to,Row ${i}`;
const rejected = () => rows(engine, `SELECT "row", "column", value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`);
const tickets = (bytes: string | Uint8Array<ArrayBuffer>) => importFiles(engine, [{ name: 'tickets.csv', bytes, preset: 'canonical:tickets' }]);

describe('reading a CSV', () => {
	it('rejects a row with several fields too many by its count, and keeps the rest', async () => {
		const { report } = await tickets([HEADER, good(1), 'T2,2026-03-02 09:00:00,A,how_to,x,y,z,w', good(3), ''].join('\n'));
		expect(report.files[0]).toMatchObject({ status: 'read', read: 3, accepted: 2, rejected: 1 });
		expect(await rejected()).toEqual([{ row: 3, column: '(row)', value: '8 fields', expected: '5 fields, as in the header' }]);
	});

	it('reads a Latin-1 file whose first non-ASCII byte comes long after the sniffed sample', async () => {
		const lines = [HEADER, ...Array.from({ length: 3000 }, (_, i) => good(i))];
		const text = `${lines.join('\n')}\nT9999,2026-03-02 09:00:00,A,how_to,Caf\u00e9\n`;
		const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
		expect(bytes.length).toBeGreaterThan(64 * 1024);
		const { report } = await tickets(bytes);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 3001, accepted: 3001, format: 'CSV, Latin-1 (Windows-1252), transcoded to UTF-8, comma-separated' });
		expect(await rows(engine, `SELECT short_description FROM tickets WHERE ticket_id = 'T9999'`)).toEqual([{ short_description: 'Café' }]);
	});

	it('keeps a quoted field across lines beside a short row', async () => {
		const { report } = await tickets([HEADER, 'T1,2026-03-02 09:00:00,A,how_to,"two\nlines"', 'T2,2026-03-02 09:00:00,A', good(3)].join('\r\n'));
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		expect(await rejected()).toEqual([{ row: 3, column: '(row)', value: '3 fields', expected: '5 fields, as in the header' }]);
		expect(await rows(engine, `SELECT short_description FROM tickets WHERE ticket_id = 'T1'`)).toEqual([{ short_description: 'two\nlines' }]);
	});

	it('trims codes and dates but not free text, and reads a blank optional value as missing', async () => {
		const { report } = await tickets(
			['ticket_id,opened_at,resolved_at,clinic_id,category,priority,short_description', '  T1 , 2026-03-02 09:00:00 ,   , A ,  how_to , 3 ,  spaced  '].join('\n')
		);
		expect(report.files[0]).toMatchObject({ read: 1, accepted: 1 });
		expect(await rows(engine, `SELECT ticket_id, CAST(opened_at AS VARCHAR) AS opened_at, resolved_at, clinic_id, category, priority, short_description FROM tickets`)).toEqual([
			{ ticket_id: 'T1', opened_at: '2026-03-02 09:00:00', resolved_at: null, clinic_id: 'A', category: 'how_to', priority: 3, short_description: '  spaced  ' }
		]);
	});

	it('reads empty and blank values as missing, quoted or not, last in the row or not', async () => {
		const { report } = await tickets(
			[
				'ticket_id,opened_at,resolved_at,clinic_id,category,priority,short_description',
				'T1,2026-03-02 09:00:00,,A,how_to,,',
				'T2,2026-03-02 09:00:00,"",A,how_to,"",   ',
				'T3,   ,2026-03-03 09:00:00,A,how_to,2,x',
				'T4,"",,A,how_to,,x',
				'T5, not a date ,,A,how_to,,x'
			].join('\n')
		);
		expect(report.files[0]).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
		expect(await rejected()).toEqual([
			{ row: 4, column: 'opened_at', value: '   ', expected: 'a value (required)' },
			{ row: 5, column: 'opened_at', value: '', expected: 'a value (required)' },
			{ row: 6, column: 'opened_at', value: 'not a date', expected: 'a date and time like 2016-02-29 13:16' }
		]);
		expect(await rows(engine, `SELECT ticket_id, resolved_at, priority, short_description FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'T1', resolved_at: null, priority: null, short_description: null },
			{ ticket_id: 'T2', resolved_at: null, priority: null, short_description: null }
		]);
	});

	it.each([
		{ tokens: ['', '?'], why: 'none reads as a number or date' },
		{ tokens: ['', '?', '0'], why: 'one reads as a number' }
	])('reads the "no value" tokens $tokens as missing in numbers and dates, padded or not ($why)', async ({ tokens }) => {
		const file = [
			'ticket_id,opened_at,resolved_at,clinic_id,category,priority,short_description',
			'T1,2026-03-02 09:00:00, ? ,A,how_to,?, ? ',
			'T2,?,,A,how_to,1,x',
			`T3,2026-03-02 09:00:00,,A,how_to,${tokens.includes('0') ? ' 0 ' : ' 3 '},x`
		].join('\n');
		const { report } = await importFiles(engine, [{ name: 'tickets.csv', bytes: file, preset: 'canonical:tickets', patch: { missing: tokens } }]);
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		expect(await rejected()).toEqual([{ row: 3, column: 'opened_at', value: '?', expected: 'a value (required)' }]);
		expect(await rows(engine, `SELECT ticket_id, resolved_at, priority, short_description FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'T1', resolved_at: null, priority: null, short_description: null },
			{ ticket_id: 'T3', resolved_at: null, priority: tokens.includes('0') ? null : 3, short_description: 'x' }
		]);
	});

	it('respells vocabulary values, lists the others once per table, and none when only a superseded version had one', async () => {
		const file = (rows: string[]) => ['ticket_id,opened_at,updated_at,clinic_id,category', ...rows].join('\n');
		const spelled = await tickets(
			file(['T1,2026-03-02 09:00:00,2026-03-02 09:00:00,A,  how_to ', 'T2,2026-03-02 09:00:00,2026-03-02 09:00:00,A,Break Fix', 'T3,2026-03-02 09:00:00,2026-03-02 09:00:00,A, Printer jam '])
		);
		expect(spelled.report.tables[0]?.unknownValues).toEqual([{ column: 'category', value: 'Printer jam', rows: 1 }]);
		expect(await rows(engine, `SELECT category FROM tickets ORDER BY ticket_id`)).toEqual([{ category: 'how_to' }, { category: 'break_fix' }, { category: 'Printer jam' }]);
		const superseded = await tickets(file(['T1,2026-03-02 09:00:00,2026-03-02 09:00:00,A,Printer jam', 'T1,2026-03-02 09:00:00,2026-03-03 09:00:00,A,hardware']));
		expect(superseded.report.tables[0]).toMatchObject({ accepted: 1, merged: 1, unknownValues: [] });
		const filled = await importFiles(engine, [{ name: 'tickets.csv', bytes: file(['T1,2026-03-02 09:00:00,,A,']), preset: 'canonical:tickets', patch: { fill: { category: 'Unsorted' } } }]);
		expect(filled.report.tables[0]?.unknownValues).toEqual([{ column: 'category', value: 'Unsorted', rows: 1 }]);
	});

	it('stops a file with a quote that never closes, naming its row, rather than reading the rest into one value', async () => {
		const { report } = await tickets([HEADER, good(1), 'T2,2026-03-02 09:00:00,A,how_to,"never closed', good(3), good(4)].join('\n'));
		expect(report.files[0]).toMatchObject({ status: 'stopped', read: 0 });
		expect(report.files[0]?.message).toBe('row 3 opens a quoted value (") that is never closed, so the rows after it cannot be told apart; close the quote or remove it');
	});
});
