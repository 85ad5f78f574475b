import type { TimeAxis } from '$lib/scope/filters';
import { numbers, type ResultColumns } from '$lib/results/columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const MATURING = '#9aa5b1';

/**
 * Median and p90 hours to resolve, by the week a ticket was opened. `maturing(k)` says a
 * week's tickets could not yet reach the p90 before the export ends: only its quick tickets
 * have closed, so it reads low. Those weeks are drawn grey and dashed, apart from the others
 * (the two lines share the week where they meet, so the line stays whole).
 */
export function timeToResolveChart(result: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], maturing: (k: number) => boolean = () => false): ChartModel {
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
	const late = buckets.map((k) => maturing(k));
	const next = (i: number) => late[i + 1] === true;
	const settled = (values: (number | null)[]) => values.map((v, i) => (late[i] ? null : v));
	// A maturing week, and the settled week just before it so the grey line joins the coloured one.
	const unsettled = (values: (number | null)[]) => values.map((v, i) => (late[i] || next(i) ? v : null));
	const marks = goLiveMarkLine(axis, goLiveKeys, buckets);
	const anyLate = late.some(Boolean);
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			legend: { top: 0 },
			grid: { left: 56, right: 16, top: 56, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: 'hours' },
			series: [
				{ name: 'median', type: 'line', showSymbol: false, data: settled(medianSeries), markLine: marks },
				{ name: 'p90', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: settled(p90Series) },
				...(anyLate
					? [
							{
								name: 'median (still closing)',
								type: 'line',
								showSymbol: false,
								itemStyle: { color: MATURING },
								lineStyle: { color: MATURING, type: 'dotted' },
								data: unsettled(medianSeries)
							},
							{
								name: 'p90 (still closing)',
								type: 'line',
								showSymbol: false,
								itemStyle: { color: MATURING },
								lineStyle: { color: MATURING, type: 'dotted', width: 1 },
								data: unsettled(p90Series)
							}
						]
					: [])
			]
		},
		xKeys: buckets,
		table: {
			columns: ['week', 'resolved tickets', 'median hours', 'p90 hours', 'tickets had time to reach the p90'],
			rows: labels.map((label, i) => [label, resolvedSeries[i] ?? 0, medianSeries[i] ?? null, p90Series[i] ?? null, late[i] ? 'no' : 'yes'])
		}
	};
}
