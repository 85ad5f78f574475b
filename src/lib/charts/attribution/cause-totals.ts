import { CAUSE_COLORS, CAUSE_ORDER } from '../cause-colors';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import type { ChartModel } from '../model';

/** Attributed tickets per root cause (sums of weights), as horizontal bars in cause order. */
export function causeTotalsChart(result: ResultColumns): ChartModel {
	const causes = strings(result, 'root_cause');
	const tickets = numbers(result, 'tickets');
	const byCause = new Map(causes.map((c, i) => [c ?? '', tickets[i] ?? 0]));
	const order = [...CAUSE_ORDER.filter((c) => byCause.has(c)), ...[...byCause.keys()].filter((c) => !CAUSE_ORDER.includes(c))];
	const total = order.reduce((s, c) => s + (byCause.get(c) ?? 0), 0);
	const values = order.map((c) => Math.round(byCause.get(c) ?? 0));
	return {
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 150, right: 64, top: 8, bottom: 24 },
			xAxis: { type: 'value', name: 'tickets' },
			yAxis: { type: 'category', data: order, inverse: true },
			series: [
				{
					name: 'attributed tickets',
					type: 'bar',
					data: values.map((value, i) => ({ value, itemStyle: { color: CAUSE_COLORS[order[i] as keyof typeof CAUSE_COLORS] ?? '#888' } })),
					label: { show: true, position: 'right' }
				}
			]
		},
		xKeys: order,
		rowPicks: order.map((cause) => ({ series: undefined, x: cause, y: undefined })),
		table: {
			columns: ['root cause', 'attributed tickets', 'share %'],
			rows: order.map((c, i) => [c, values[i] ?? 0, total > 0 ? Math.round(((byCause.get(c) ?? 0) / total) * 1000) / 10 : 0])
		}
	};
}
