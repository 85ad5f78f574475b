import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import { bucketLabel, fillBuckets } from '$lib/charts/week-axis';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { backlogByWeek, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { engineWith } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const calendar = { ...DEFAULT_FILTERS, axis: 'calendar' as const };

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
});
afterAll(() => engine.close());

describe('week axis', () => {
	it('labels calendar buckets by their Monday and go-live buckets relative to go-live', () => {
		expect(bucketLabel('calendar', day('2026-03-02'))).toBe('2026-03-02');
		expect(bucketLabel('go_live', -2)).toBe('-2');
		expect(bucketLabel('go_live', 0)).toBe('go-live');
		expect(bucketLabel('go_live', 3)).toBe('+3');
	});

	it('fills every bucket between the first and the last', () => {
		expect(fillBuckets('go_live', [3, null, -1])).toEqual([-1, 0, 1, 2, 3]);
		expect(fillBuckets('calendar', [day('2026-03-16'), day('2026-03-02')])).toEqual([day('2026-03-02'), day('2026-03-09'), day('2026-03-16')]);
		expect(fillBuckets('calendar', [])).toEqual([]);
	});
});

describe('overview chart models from real query results', () => {
	it('stacks tickets by category with an empty week shown as zero', async () => {
		const model = ticketsByWeekChart(await engine.query(ticketsByWeek(calendar)), 'calendar', [day('2026-03-02')]);
		expect(model.table.columns).toEqual(['week', 'access', 'break_fix', 'how_to', 'other', 'total']);
		expect(model.table.rows.map((r) => [r[0], r.at(-1)])).toEqual([
			['2026-03-02', 3],
			['2026-03-09', 3],
			['2026-03-16', 0],
			['2026-03-23', 1]
		]);
		const series = (model.option as { series: { markLine?: { data: unknown[] } }[] }).series;
		expect(series[0]?.markLine?.data).toEqual([{ xAxis: '2026-03-02' }]);
	});

	it('draws the backlog as a line and keeps its table', async () => {
		const model = backlogChart(await engine.query(backlogByWeek(calendar)), 'calendar', []);
		expect(model.table.rows).toEqual([
			['2026-03-02', 1],
			['2026-03-09', 2],
			['2026-03-16', 1],
			['2026-03-23', 2]
		]);
	});

	it('leaves weeks with nothing resolved empty, not zero', async () => {
		const model = timeToResolveChart(await engine.query(timeToResolveByWeek(calendar)), 'calendar', []);
		expect(model.table.rows).toEqual([
			['2026-03-02', 3, 48, 163.2, 'yes', 'no: fewer than 5 resolved'],
			['2026-03-09', 2, 85, 151.4, 'yes', 'no: fewer than 5 resolved']
		]);
		const goLive = timeToResolveChart(await engine.query(timeToResolveByWeek({ ...calendar, axis: 'go_live' })), 'go_live', []);
		expect(goLive.table.rows.map((r) => r[0])).toEqual(['-1', 'go-live', '+1']);
	});

	it('draws a week’s median from 5 resolved tickets and its p90 from 20, banding the weeks with fewer (a 3-ticket "p90" is its slowest ticket)', () => {
		const ks = [0, 7, 14, 21].map((d) => day('2026-03-02') + d);
		const model = timeToResolveChart(
			tableFromArrays({
				k: Int32Array.from(ks),
				median_hours: Float64Array.from([10, 12, 11, 900]),
				p90_hours: Float64Array.from([40, 44, 60, 4200]),
				resolved: Int32Array.from([800, 12, 600, 3])
			}),
			'calendar',
			[]
		);
		const series = (model.option as { series: { name: string; data: (number | null)[]; markArea?: { data: { xAxis: string; name?: string }[][] } }[] }).series;
		expect(series[0]?.data).toEqual([10, 12, 11, null]);
		expect(series[1]?.data).toEqual([40, null, 60, null]);
		expect(series[1]?.markArea?.data.map((pair) => pair.map((p) => p.xAxis))).toEqual([
			['2026-03-09', '2026-03-09'],
			['2026-03-23', '2026-03-23']
		]);
		expect(series[1]?.markArea?.data[0]?.[0]?.name).toBe('< 20 resolved');
		// The table keeps the exact values and says what is drawn.
		expect(model.table.rows.map((r) => [r[3], r[5]])).toEqual([
			[40, 'yes'],
			[44, 'median only: fewer than 20 resolved'],
			[60, 'yes'],
			[4200, 'no: fewer than 5 resolved']
		]);
	});

	it('places heatmap cells on clinic rows in go-live order', async () => {
		const model = ticketRateHeatmapChart(await engine.query(ticketRateHeatmap(calendar)), 'calendar');
		expect(model.rowLabels).toEqual(['A Alder Family Medicine', 'B Birch Cardiology', 'C Cedar Peds, North']);
		expect(model.table.rows).toContainEqual(['C', '2026-03-23', 1, 20]);
		// Row C (2), week 3: 20 per 100 users.
		expect(model.values[2 * model.columnKeys.length + 3]).toBe(20);
	});
});
