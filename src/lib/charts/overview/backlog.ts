import type { Table } from 'apache-arrow';
import type { TimeAxis } from '$lib/scope/filters';
import { numbers } from '$lib/results/columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel } from '../week-axis';

/** Open tickets at the end of each week. The query already returns every week. */
export function backlogChart(result: Table, axis: TimeAxis, goLiveKeys: readonly number[]): ChartModel {
	const ks = numbers(result, 'k').map((k) => k ?? 0);
	const open = numbers(result, 'open_tickets').map((n) => n ?? 0);
	const labels = ks.map((k) => bucketLabel(axis, k));
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			grid: { left: 48, right: 16, top: 24, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: 'open tickets' },
			series: [
				{
					name: 'open at week end',
					type: 'line',
					areaStyle: { opacity: 0.15 },
					showSymbol: false,
					data: open,
					markLine: goLiveMarkLine(axis, goLiveKeys, ks)
				}
			]
		},
		table: { columns: ['week', 'open at week end'], rows: labels.map((label, i) => [label, open[i] ?? 0]) }
	};
}
