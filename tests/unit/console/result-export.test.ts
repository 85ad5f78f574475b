import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnFormat, scaleDecimal } from '$lib/console/cell-format';
import { csvParts, parquetBytes } from '$lib/console/result-export';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const MIXED = `SELECT * FROM (VALUES
	(1, 'plain', DATE '2026-03-02', TIMESTAMP '2026-03-02 10:11:12', -12.34::DECIMAL(10,2), 9007199254740993::BIGINT, true, 1.5::DOUBLE, [1, 2]),
	(2, '=HYPERLINK("x")', NULL, TIMESTAMP '2026-03-02 10:11:12.5', 0.05::DECIMAL(10,2), -1::BIGINT, NULL, NULL, NULL),
	(NULL, 'a,"b"', DATE '1999-12-31', NULL, NULL, NULL, false, -0.25::DOUBLE, [])
) v(i, text, day, stamp, amount, big, flag, ratio, list)`;

describe('cell formats', () => {
	it('reads Arrow values back as DuckDB prints them', async () => {
		const table = await engine.query(MIXED);
		const text = (name: string, row: number) => {
			const i = table.schema.fields.findIndex((f) => f.name === name);
			return columnFormat(table.schema.fields[i]!.type).text(table.getChildAt(i)?.get(row));
		};
		expect([text('day', 0), text('stamp', 0), text('stamp', 1), text('amount', 0), text('amount', 1), text('big', 0), text('list', 0), text('day', 1)]).toEqual([
			'2026-03-02',
			'2026-03-02 10:11:12',
			'2026-03-02 10:11:12.500',
			'-12.34',
			'0.05',
			'9007199254740993',
			'[1,2]',
			''
		]);
	});

	it('scales unscaled decimals', () => {
		expect([scaleDecimal('5', 2), scaleDecimal('-5', 3), scaleDecimal('123', 0), scaleDecimal('100', 2)]).toEqual(['0.05', '-0.005', '123', '1.00']);
	});
});

describe('result export', () => {
	it('writes CSV from the columns, with formula cells neutralised and numbers kept', async () => {
		const csv = csvParts(await engine.query(MIXED)).join('');
		expect(csv).toBe(
			[
				'i,text,day,stamp,amount,big,flag,ratio,list',
				'1,plain,2026-03-02,2026-03-02 10:11:12,-12.34,9007199254740993,true,1.5,"[1,2]"',
				`2,"'=HYPERLINK(""x"")",,2026-03-02 10:11:12.500,0.05,-1,,,`,
				',"a,""b""",1999-12-31,,,,false,-0.25,[]',
				''
			].join('\r\n')
		);
	});

	it('splits a large CSV into parts rather than one string', async () => {
		const parts = csvParts(await engine.query('SELECT range AS i FROM range(50000)'));
		expect(parts.length).toBeGreaterThan(2);
		expect(parts.join('').split('\r\n')).toHaveLength(50002);
	});

	it('writes Parquet that reads back with the same values and types', async () => {
		const bytes = await parquetBytes(await engine.query(MIXED));
		const back = await parquetReadObjects({ file: bytes });
		expect(back).toHaveLength(3);
		expect(back[0]).toEqual({
			i: 1,
			text: 'plain',
			day: new Date('2026-03-02T00:00:00Z'),
			stamp: new Date('2026-03-02T10:11:12Z'),
			amount: -12.34,
			big: 9007199254740993n,
			flag: true,
			ratio: 1.5,
			list: '[1,2]'
		});
		expect(back[2]).toMatchObject({ i: null, day: new Date('1999-12-31T00:00:00Z'), stamp: null, amount: null, big: null, flag: false });
		expect(back[1]?.text).toBe('=HYPERLINK("x")');
	});
});
