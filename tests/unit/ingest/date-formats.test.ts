/**
 * Custom strptime formats (checked before use, saved with the mapping) and a column holding
 * dates in several formats: ISO and the chosen format are read, anything else is rejected
 * with the format it should have had; day and month are never swapped silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { MappingSchema, REJECTED_ROWS_TABLE, reconciles, strptimeExample, strptimeProblem } from '$lib/ingest';
import { NAMED_FORMATS } from '$lib/ingest/date-formats';
import { shapeOf } from '$lib/ingest/typed-values';
import { rows } from '../helpers/fixture';
import { fixture, importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const rejected = () => rows(engine, `SELECT "row", "column", value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`);

describe('a custom strptime format', () => {
	it.each([
		['%d.%m.%Y %H:%M', null],
		['%-d/%-m/%y', null],
		['%d %B %Y, %I:%M %p', null],
		['', 'the custom date format is empty: write one like %d.%m.%Y %H:%M'],
		['%d.%m.%Y %Q', 'the custom date format “%d.%m.%Y %Q” has %Q, which is not a strptime code (use %d, %m, %Y, %H, %M, %S, %p, %b…)'],
		['%d.%m.%Y %', 'the custom date format “%d.%m.%Y %” ends with a lone %: write %% for a percent sign'],
		['%m/%Y', 'the custom date format “%m/%Y” has no day (%d)'],
		['DD.MM.YYYY', 'the custom date format “DD.MM.YYYY” has no day (%d), no month (%m or %b), no year (%Y or %y)'],
		['%d/%m/%Y %I:%M', 'the custom date format “%d/%m/%Y %I:%M” has a 12-hour hour (%I) without AM/PM (%p): use %H for a 24-hour clock']
	])('%j: %s', (format, problem) => {
		expect(strptimeProblem(format)).toBe(problem);
	});

	it('shows what a matching value looks like', () => {
		expect(strptimeExample('%d.%m.%Y %H:%M')).toBe('29.02.2016 13:16');
		expect(strptimeExample('%-m/%-d/%y %I:%M %p')).toBe('2/29/16 01:16 PM');
	});

	it('is part of the mapping only when it is valid', () => {
		const base = { table: 'tickets', preset: 'x', columns: {}, dateFormat: 'custom' };
		expect(MappingSchema.safeParse({ ...base, customDateFormat: '%d.%m.%Y' }).success).toBe(true);
		const bad = MappingSchema.safeParse({ ...base, customDateFormat: '%d.%m' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0]?.message).toBe('the custom date format “%d.%m” has no year (%Y or %y)');
		expect(MappingSchema.safeParse({ ...base }).success).toBe(false);
	});
});

describe('dates in several formats in one column', () => {
	const mixed = (patch: object) => ({ name: 'mixed-date-formats.csv', bytes: fixture('bad/mixed-date-formats.csv'), preset: 'canonical:tickets', patch });

	it('reads ISO and the custom format, its date alone too, and rejects the rest naming the format', async () => {
		const { report } = await importFiles(engine, [mixed({ dateFormat: 'custom', customDateFormat: '%d.%m.%Y %H:%M' })]);
		expect(report.files[0]).toMatchObject({ read: 7, accepted: 4, rejected: 3, merged: 0, dateFormat: 'custom', customDateFormat: '%d.%m.%Y %H:%M' });
		expect(reconciles(report.files[0] ?? { read: -1, accepted: 0, rejected: 0, merged: 0 })).toBe(true);
		expect(await rows(engine, `SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'D1', opened: '2026-03-04 09:15' },
			{ ticket_id: 'D2', opened: '2026-03-04 09:15' },
			{ ticket_id: 'D4', opened: '2026-03-31 17:40' },
			{ ticket_id: 'D5', opened: '2026-03-13 00:00' }
		]);
		const expected = 'a date and time like 29.02.2016 13:16 (%d.%m.%Y %H:%M) or ISO 2016-02-29 13:16';
		expect(await rejected()).toEqual([
			{ row: 4, column: 'opened_at', value: '03/04/2026 9:15 AM', expected },
			{ row: 7, column: 'opened_at', value: '30.02.2026 10:00', expected },
			{ row: 8, column: 'opened_at', value: '2026-02-30 10:00', expected }
		]);
	});

	it('never swaps day and month: a value that fits only the other order is rejected, saying so', async () => {
		const { report } = await importFiles(engine, [
			{
				name: 'day-first.csv',
				bytes: 'ticket_id,opened_at,clinic_id,category\nA1,04/03/2026 09:15,C01,how_to\nA2,03/31/2026 05:40 PM,C01,how_to\nA3,31/03/2026 17:40,C01,how_to\n',
				preset: 'canonical:tickets',
				patch: { dateFormat: 'day_first' }
			}
		]);
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		expect(await rows(engine, `SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened FROM tickets ORDER BY ticket_id`)).toEqual([
			{ ticket_id: 'A1', opened: '2026-03-04 09:15' },
			{ ticket_id: 'A3', opened: '2026-03-31 17:40' }
		]);
		expect(await rejected()).toEqual([
			{ row: 3, column: 'opened_at', value: '03/31/2026 05:40 PM', expected: 'a day-first date like 29/2/2016 13:16 (it reads as month-first: check the Dates setting)' }
		]);
	});
});

describe('the shape a format’s values must have', () => {
	it('is its literal characters in order, spaces aside, or none when LIKE could misread them', () => {
		expect(shapeOf('%d/%m/%Y %H:%M')).toBe('%/%/%:%');
		expect(shapeOf('%-d.%-m.%y')).toBe('%.%.%');
		expect(shapeOf('%Y%m%d')).toBeNull();
		expect(shapeOf('%d_%m_%Y')).toBeNull();
	});

	it('is matched by every value strptime reads with the format, so skipping a value that misses it loses nothing', async () => {
		const formats = [...Object.values(NAMED_FORMATS).flat(), '%d.%m.%Y %H:%M', '%d %B %Y, %I:%M %p', '%-d/%-m/%y'];
		for (const format of formats) {
			const shape = shapeOf(format);
			if (shape === null) continue;
			// Every hour of 2016 (a leap year) written in the format, and read back by it.
			const [result] = await rows(
				engine,
				`WITH v AS (SELECT strftime(t, '${format}') AS value FROM range(TIMESTAMP '2016-01-01', TIMESTAMP '2017-01-01', INTERVAL 37 MINUTE) AS r(t))
				SELECT count(*) FILTER (WHERE try_strptime(value, '${format}') IS NOT NULL) AS read, count(*) FILTER (WHERE value NOT LIKE '${shape}') AS missed FROM v`
			);
			expect(result, format).toMatchObject({ missed: 0 });
			expect(Number(result?.read), format).toBeGreaterThan(10_000);
		}
	});
});
