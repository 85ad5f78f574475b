/** Row numbers in the rejected rows are the spreadsheet's rows, blank lines and quoted line breaks counted as a spreadsheet counts them. */
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

const HEADER = 'ticket_id,opened_at,clinic_id,category,priority,short_description';

describe('row numbers after blank lines', () => {
	it('counts a blank line as the spreadsheet row it is', async () => {
		const text = [
			HEADER,
			'B1,2026-03-02 09:00:00,C1,how_to,3,ok',
			'',
			'B2,not a date,C1,how_to,3,row 4',
			'',
			'',
			'B3,2026-03-02 09:00:00,C1,how_to,high,row 7',
			'B4,2026-03-02 09:00:00,C1,how_to,3,"two',
			'lines"',
			'B5,bad,C1,how_to,3,row 9'
		].join('\n');
		await importFiles(engine, [{ name: 'blank.csv', bytes: text, preset: 'canonical:tickets' }]);
		expect(await rows(engine, `SELECT "row", value FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`)).toEqual([
			{ row: 4, value: 'not a date' },
			{ row: 7, value: 'high' },
			{ row: 9, value: 'bad' }
		]);
	});

	it('counts a CRLF blank line too', async () => {
		const text = [HEADER, 'C1,2026-03-02 09:00:00,C1,how_to,3,ok', '', 'C2,nope,C1,how_to,3,row 4'].join('\r\n');
		await importFiles(engine, [{ name: 'crlf.csv', bytes: text, preset: 'canonical:tickets' }]);
		expect(await rows(engine, `SELECT "row" FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ row: 4 }]);
	});
});
