import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_ROW_LIMIT, ChartMappingError, resultChart, suggestMapping } from '$lib/charts/console/result-chart';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
	await engine.query(`CREATE TABLE weekly AS SELECT * FROM (VALUES
		(DATE '2026-03-02', 'how_to', 3), (DATE '2026-03-02', 'access', 1), (DATE '2026-03-09', 'how_to', 5),
		(DATE '2026-03-09', 'how_to', 2), (DATE '2026-03-16', 'access', NULL)) v(week, category, n)`);
});
afterAll(() => engine.close());

type Series = { name: string; type: string; stack?: string; data: unknown[] };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;

describe('console result charts', () => {
	it('draws bars per x and series, adding rows that share both when asked to sum', async () => {
		const model = resultChart(await engine.query('SELECT * FROM weekly'), { kind: 'stacked-bar', x: 'week', y: 'n', series: 'category', agg: 'sum' });
		expect(model.table).toEqual({
			columns: ['week', 'how_to', 'access'],
			rows: [
				['2026-03-02', 3, 1],
				['2026-03-09', 7, null],
				['2026-03-16', null, null]
			]
		});
		expect(seriesOf(model.option).map((s) => [s.name, s.type, s.stack])).toEqual([
			['how_to', 'bar', 'total'],
			['access', 'bar', 'total']
		]);
	});

	it('draws one line named after y without a series column', async () => {
		const model = resultChart(await engine.query('SELECT week, sum(n) AS tickets FROM weekly GROUP BY ALL ORDER BY week'), {
			kind: 'line',
			x: 'week',
			y: 'tickets',
			series: null
		});
		expect(seriesOf(model.option).map((s) => [s.name, s.type, s.data])).toEqual([['tickets', 'line', [4, 7, null]]]);
	});

	it('draws a heatmap of x by series coloured by y (summed when asked)', async () => {
		const model = resultChart(await engine.query('SELECT * FROM weekly'), { kind: 'heatmap', x: 'week', y: 'n', series: 'category', agg: 'sum' });
		expect(model.yKeys).toEqual(['how_to', 'access']);
		expect((seriesOf(model.option)[0]?.data as number[][]).toSorted((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0))).toEqual([
			[0, 0, 3],
			[0, 1, 1],
			[1, 0, 7]
		]);
	});

	it('draws a scatter on a time axis for dates', async () => {
		const model = resultChart(await engine.query('SELECT * FROM weekly'), { kind: 'scatter', x: 'week', y: 'n', series: null });
		expect((model.option as { xAxis: { type: string } }).xAxis.type).toBe('time');
		expect(seriesOf(model.option)[0]?.data).toHaveLength(4);
		expect(model.table.rows[0]).toEqual(['2026-03-02', 3]);
	});

	it('explains a mapping it cannot draw', async () => {
		const table = await engine.query('SELECT * FROM weekly');
		expect(() => resultChart(table, { kind: 'bar', x: 'week', y: 'category', series: null })).toThrow(ChartMappingError);
		expect(() => resultChart(table, { kind: 'heatmap', x: 'week', y: 'n', series: null })).toThrow(/Rows/);
		expect(() => resultChart(table, { kind: 'bar', x: 'nope', y: 'n', series: null })).toThrow(/no column "nope"/);
		const many = await engine.query('SELECT range AS x, range AS y, range::VARCHAR AS s FROM range(100)');
		expect(() => resultChart(many, { kind: 'line', x: 'x', y: 'y', series: 's' })).toThrow(/100 distinct values/);
	});

	it(`charts at most ${CHART_ROW_LIMIT} rows of a large result`, async () => {
		const model = resultChart(await engine.query('SELECT range AS i, range % 7 AS v FROM range(100000)'), { kind: 'bar', x: 'i', y: 'v', series: null });
		expect(model.table.rows).toHaveLength(CHART_ROW_LIMIT);
	});

	it('suggests the first column across and the first number up', async () => {
		expect(suggestMapping(await engine.query('SELECT * FROM weekly'))).toEqual({ kind: 'line', x: 'week', y: 'n', series: 'category', agg: 'none' });
		expect(suggestMapping(await engine.query('SELECT category, count(*) AS n FROM weekly GROUP BY ALL'))).toEqual({
			kind: 'bar',
			x: 'category',
			y: 'n',
			series: null,
			agg: 'none'
		});
		expect(suggestMapping(await engine.query("SELECT 'a' AS only_text"))).toBeNull();
	});
});

describe('category order', () => {
	it('puts dates and numbers on x in their order, whatever the rows’ order', async () => {
		const table = await engine.query("SELECT * FROM (VALUES ('b', DATE '2026-03-16', 1), ('b', DATE '2026-03-02', 2), ('a', DATE '2026-03-09', 3)) v(s, week, n)");
		const model = resultChart(table, { kind: 'heatmap', x: 'week', y: 'n', series: 's' });
		expect(model.xKeys).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
		expect(model.yKeys).toEqual(['b', 'a']);
		expect(model.table.rows).toEqual(
			expect.arrayContaining([
				['2026-03-16', 'b', 1],
				['2026-03-02', 'b', 2],
				['2026-03-09', 'a', 3]
			])
		);
	});
});
