import type { Table } from 'apache-arrow';
import type { TimeAxis } from '$lib/overview/filters';
import { numbers, strings } from '../columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

/** Stacked bars of tickets opened per week, one series per category. */
export function ticketsByWeekChart(result: Table, axis: TimeAxis, goLiveKeys: readonly number[]): ChartModel {
	const ks = numbers(result, 'k');
	const categories = strings(result, 'category');
	const counts = numbers(result, 'tickets');
	const buckets = fillBuckets(axis, ks);
	const index = new Map(buckets.map((k, i) => [k, i]));
	const byCategory = new Map<string, number[]>();
	ks.forEach((k, row) => {
		const category = categories[row] ?? '(none)';
		let series = byCategory.get(category);
		if (!series) byCategory.set(category, (series = new Array<number>(buckets.length).fill(0)));
		const i = index.get(k ?? NaN);
		if (i !== undefined) series[i] = (series[i] ?? 0) + (counts[row] ?? 0);
	});
	const names = [...byCategory.keys()].sort();
	const labels = buckets.map((k) => bucketLabel(axis, k));
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			legend: { type: 'scroll', top: 0 },
			grid: { left: 56, right: 16, top: 56, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: 'tickets' },
			series: names.map((name, i) => ({
				name,
				type: 'bar',
				stack: 'tickets',
				data: byCategory.get(name),
				...(i === 0 ? { markLine: goLiveMarkLine(axis, goLiveKeys, buckets) } : {})
			}))
		},
		table: {
			columns: ['week', ...names, 'total'],
			rows: labels.map((label, i) => {
				const values = names.map((n) => byCategory.get(n)?.[i] ?? 0);
				return [label, ...values, values.reduce((a, b) => a + b, 0)];
			})
		}
	};
}
