import type { Table } from 'apache-arrow';
import type { TimeAxis } from '$lib/scope/filters';
import { numbers } from '$lib/results/columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Median and p90 hours to resolve, by the week a ticket was opened. */
export function timeToResolveChart(result: Table, axis: TimeAxis, goLiveKeys: readonly number[]): ChartModel {
	const ks = numbers(result, 'k');
	const median = numbers(result, 'median_hours');
	const p90 = numbers(result, 'p90_hours');
	const resolved = numbers(result, 'resolved');
	const buckets = fillBuckets(axis, ks);
	const row = new Map(ks.map((k, i) => [k, i]));
	const pick = (values: (number | null)[]) => buckets.map((k) => round1(values[row.get(k) ?? -1] ?? null));
	const labels = buckets.map((k) => bucketLabel(axis, k));
	const medianSeries = pick(median);
	const p90Series = pick(p90);
	const resolvedSeries = buckets.map((k) => resolved[row.get(k) ?? -1] ?? 0);
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			legend: { top: 0 },
			grid: { left: 56, right: 16, top: 56, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: 'hours' },
			series: [
				{ name: 'median', type: 'line', showSymbol: false, data: medianSeries, markLine: goLiveMarkLine(axis, goLiveKeys, buckets) },
				{ name: 'p90', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: p90Series }
			]
		},
		table: {
			columns: ['week', 'resolved tickets', 'median hours', 'p90 hours'],
			rows: labels.map((label, i) => [label, resolvedSeries[i] ?? 0, medianSeries[i] ?? null, p90Series[i] ?? null])
		}
	};
}
