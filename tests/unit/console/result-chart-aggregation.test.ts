/** Console charts (issue 18 item 6): several y columns, a chosen and stated aggregation, repeated x refused under "none", readable labels. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartTitle } from '$lib/charts/console/aggregate';
import { ChartMappingError, resultChart } from '$lib/charts/console/result-chart';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
	// The case: one row per clinic and week, so clinic_name repeats and go_live_week is 10 on every row.
	await engine.query(`CREATE TABLE clinic_weeks AS SELECT * FROM (VALUES
		('Riverside Family Medicine - Downtown', 10, 4, 2), ('Riverside Family Medicine - Downtown', 10, 6, NULL), ('Riverside Family Medicine - Downtown', 10, 5, 1),
		('Lakeview Cardiology', 10, 3, 3), ('Lakeview Cardiology', 10, 1, 0)) v(clinic_name, go_live_week, tickets, backlog)`);
});
afterAll(() => engine.close());

type Series = { name: string; data: (number | null)[] };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
const axes = (option: unknown) =>
	option as { xAxis: { type: string; axisLabel?: { interval?: number; rotate?: number } }; yAxis: { type: string; name?: string; axisLabel?: { interval?: number } } };

describe('aggregation', () => {
	it('refuses to draw repeated x under "none", saying so instead of summing (go_live_week by clinic_name drew every bar at 10 × rows)', async () => {
		const table = await engine.query('SELECT clinic_name, go_live_week FROM clinic_weeks');
		const draw = () => resultChart(table, { kind: 'bar', x: 'clinic_name', y: 'go_live_week', series: null, agg: 'none' });
		expect(draw).toThrow(ChartMappingError);
		const message = (() => {
			try {
				draw();
				return '';
			} catch (error) {
				return (error as Error).message;
			}
		})();
		expect(message).toMatch(/^x "clinic_name" repeats: 2 values of "clinic_name" have more than one row \(up to 3\)/);
		expect(message).toContain('Choose sum, avg or count');
		// A mapping from before aggregations existed (no agg) reads as "none": nothing summed unseen.
		expect(() => resultChart(table, { kind: 'bar', x: 'clinic_name', y: 'go_live_week', series: null })).toThrow(/repeats/);
	});

	it('sums, averages or counts as chosen, and names the series by what it shows', async () => {
		const table = await engine.query('SELECT clinic_name, go_live_week, backlog FROM clinic_weeks');
		const of = (agg: 'sum' | 'avg' | 'count', y = 'go_live_week') => {
			const model = resultChart(table, { kind: 'bar', x: 'clinic_name', y, series: null, agg });
			return [seriesOf(model.option)[0]?.name, seriesOf(model.option)[0]?.data];
		};
		expect(of('sum')).toEqual(['sum of go_live_week', [30, 20]]);
		expect(of('avg')).toEqual(['average of go_live_week', [10, 10]]);
		expect(of('count')).toEqual(['count of go_live_week', [3, 2]]);
		// NULLs are not values: averaged and counted over the rows that have one.
		expect(of('avg', 'backlog')).toEqual(['average of backlog', [1.5, 1.5]]);
		expect(of('count', 'backlog')).toEqual(['count of backlog', [2, 2]]);
	});

	it('states the aggregation in the title', () => {
		expect(chartTitle({ kind: 'bar', x: 'clinic_name', y: 'tickets', series: null, agg: 'sum' })).toBe('sum of tickets by clinic_name');
		expect(chartTitle({ kind: 'line', x: 'week', y: 'tickets', ys: ['backlog'], series: null, agg: 'none' })).toBe('tickets, backlog by week (each row as it is, not aggregated)');
		expect(chartTitle({ kind: 'heatmap', x: 'week', y: 'tickets', series: 'clinic', agg: 'avg' })).toBe('average of tickets by week and clinic');
		expect(chartTitle({ kind: 'scatter', x: 'a', y: 'b', series: null, agg: 'sum' })).toBe('b by a (one point per row)');
	});
});

describe('several y columns', () => {
	it('draws one series per y column, each with its own values and data-table column', async () => {
		const table = await engine.query('SELECT clinic_name, sum(tickets) AS tickets, sum(backlog) AS backlog FROM clinic_weeks GROUP BY ALL ORDER BY clinic_name');
		const model = resultChart(table, { kind: 'bar', x: 'clinic_name', y: 'tickets', ys: ['backlog'], series: null, agg: 'none' });
		expect(seriesOf(model.option).map((s) => [s.name, s.data])).toEqual([
			['tickets', [4, 15]],
			['backlog', [3, 3]]
		]);
		expect(model.table.columns).toEqual(['clinic_name', 'tickets', 'backlog']);
	});

	it('refuses several y columns together with a series column', async () => {
		const table = await engine.query('SELECT * FROM clinic_weeks');
		expect(() => resultChart(table, { kind: 'bar', x: 'go_live_week', y: 'tickets', ys: ['backlog'], series: 'clinic_name', agg: 'sum' })).toThrow(/Several y columns and a series column/);
	});
});

describe('category labels', () => {
	it('draws long text categories as horizontal bars, every label written, the chart as tall as they need', async () => {
		const table = await engine.query("SELECT 'Clinic ' || range || ' Riverside Family Medicine' AS clinic, range AS n FROM range(40)");
		const model = resultChart(table, { kind: 'bar', x: 'clinic', y: 'n', series: null, agg: 'none' });
		const { xAxis, yAxis } = axes(model.option);
		expect([xAxis.type, yAxis.type]).toEqual(['value', 'category']);
		expect(yAxis.axisLabel?.interval).toBe(0);
		expect(model.height).toBeGreaterThanOrEqual(40 * 20);
	});

	it('keeps short categories vertical with every label shown, rotated when long', async () => {
		const short = resultChart(await engine.query('SELECT chr(65 + range::INT) AS k, range AS n FROM range(8)'), { kind: 'bar', x: 'k', y: 'n', series: null, agg: 'none' });
		expect(axes(short.option).xAxis.type).toBe('category');
		expect(axes(short.option).xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 0 });
		const weeks = resultChart(await engine.query("SELECT DATE '2026-01-05' + 7 * range::INT AS week, range AS n FROM range(30)"), {
			kind: 'line',
			x: 'week',
			y: 'n',
			series: null,
			agg: 'none'
		});
		expect(axes(weeks.option).xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 40 });
		// The value axis's name sits beside the axis, in the grid's margin, not above it where it was cut off.
		expect(axes(weeks.option).yAxis).toMatchObject({ name: 'n', nameLocation: 'middle' });
	});
});
