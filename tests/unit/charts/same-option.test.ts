import { describe, expect, it } from 'vitest';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { sameOption } from '$lib/charts/same-option';
import { jsColumns } from '$lib/results/js-columns';

const option = () => ({
	xAxis: { type: 'category', data: ['2026-03-02', '2026-03-09'] },
	yAxis: { type: 'value', name: 'tickets' },
	series: [
		{ name: 'how-to', type: 'bar', data: [3, null], markLine: { data: [{ xAxis: '2026-03-02' }] } },
		{ name: 'access', type: 'bar', data: [1, 2] }
	]
});

describe('sameOption: whether a rebuilt chart option says the same thing', () => {
	it('is true for equal plain data built apart', () => {
		expect(sameOption(option(), option())).toBe(true);
		expect(sameOption([NaN, -0], [NaN, -0])).toBe(true);
	});

	it('sees any change: a value, a series or a mark line removed, a key added, an array for an object', () => {
		const changed = option();
		changed.series[1]!.data[1] = 3;
		expect(sameOption(option(), changed)).toBe(false);
		expect(sameOption(option(), { ...option(), series: option().series.slice(0, 1) })).toBe(false);
		const noMark = option();
		delete (noMark.series[0] as { markLine?: unknown }).markLine;
		expect(sameOption(option(), noMark)).toBe(false);
		expect(sameOption(noMark, option())).toBe(false);
		expect(sameOption(option(), { ...option(), legend: { show: true } })).toBe(false);
		expect(sameOption({ ...option(), legend: undefined }, option())).toBe(false);
		expect(sameOption({ data: [1] }, { data: { 0: 1 } })).toBe(false);
		expect(sameOption({ a: null }, { a: undefined })).toBe(false);
	});

	it('counts a function, a date or a typed array as the same only when it is the same object', () => {
		const f = () => 'x';
		expect(sameOption({ formatter: f }, { formatter: f })).toBe(true);
		expect(sameOption({ formatter: () => 'x' }, { formatter: () => 'x' })).toBe(false);
		expect(sameOption({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
		expect(sameOption({ data: new Float64Array([1]) }, { data: new Float64Array([1]) })).toBe(false);
	});

	it('holds for a chart model rebuilt from equal results, and not for one from other results', () => {
		// Calendar weeks as day numbers (Mondays), as the page's results hold them.
		const result = (n: number) => jsColumns({ k: [20_514, 20_521], category: ['how-to', 'access'], tickets: [n, 2] });
		const model = (n: number) => ticketsByWeekChart(result(n), 'calendar', [20_514]).option;
		expect(sameOption(model(5), model(5))).toBe(true);
		expect(sameOption(model(5), model(6))).toBe(false);
	});
});
