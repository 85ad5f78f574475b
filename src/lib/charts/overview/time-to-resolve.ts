import type { TimeAxis } from '$lib/scope/filters';
import { numbers, type ResultColumns } from '$lib/results/columns';
import { bands } from '../coverage';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const MATURING = '#9aa5b1';

/**
 * Resolved tickets a week needs for its median (5) and its p90 (20: at least two tickets above it) to be
 * drawn. A week of 3 tickets has a "p90" that is its slowest ticket: drawn beside weeks of thousands it
 * reads as service collapsing, and sets the scale that flattens every other week (docs/methods.md).
 */
export const MIN_RESOLVED = { median: 5, p90: 20 } as const;

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
	// Weeks with too few resolved tickets for the measure: not drawn (a gap), banded, said in the table.
	const assessed = (values: (number | null)[], min: number) => values.map((v, i) => ((resolvedSeries[i] ?? 0) >= min ? v : null));
	const settled = (values: (number | null)[]) => values.map((v, i) => (late[i] ? null : v));
	// A maturing week, and the settled week just before it so the grey line joins the coloured one.
	const unsettled = (values: (number | null)[]) => values.map((v, i) => (late[i] || next(i) ? v : null));
	const medianDrawn = assessed(medianSeries, MIN_RESOLVED.median);
	const p90Drawn = assessed(p90Series, MIN_RESOLVED.p90);
	const few = buckets.map((_, i) => (resolvedSeries[i] ?? 0) > 0 && (resolvedSeries[i] ?? 0) < MIN_RESOLVED.p90);
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
				{ name: 'median', type: 'line', showSymbol: false, data: settled(medianDrawn), markLine: marks },
				{
					name: 'p90',
					type: 'line',
					showSymbol: false,
					lineStyle: { type: 'dashed' },
					data: settled(p90Drawn),
					...(few.some(Boolean) ? { markArea: bands(labels, few, `< ${MIN_RESOLVED.p90} resolved`, 'rgba(180,83,9,0.08)') } : {})
				},
				...(anyLate
					? [
							{
								name: 'median (still closing)',
								type: 'line',
								showSymbol: false,
								itemStyle: { color: MATURING },
								lineStyle: { color: MATURING, type: 'dotted' },
								data: unsettled(medianDrawn)
							},
							{
								name: 'p90 (still closing)',
								type: 'line',
								showSymbol: false,
								itemStyle: { color: MATURING },
								lineStyle: { color: MATURING, type: 'dotted', width: 1 },
								data: unsettled(p90Drawn)
							}
						]
					: [])
			]
		},
		xKeys: buckets,
		table: {
			columns: ['week', 'resolved tickets', 'median hours', 'p90 hours', 'tickets had time to reach the p90', 'drawn'],
			rows: labels.map((label, i) => [label, resolvedSeries[i] ?? 0, medianSeries[i] ?? null, p90Series[i] ?? null, late[i] ? 'no' : 'yes', drawnText(resolvedSeries[i] ?? 0)])
		}
	};
}

/** What the chart draws of a week, by its resolved tickets (the table keeps the exact values either way). */
function drawnText(resolved: number): string {
	if (resolved === 0) return 'no: nothing resolved';
	if (resolved < MIN_RESOLVED.median) return `no: fewer than ${MIN_RESOLVED.median} resolved`;
	if (resolved < MIN_RESOLVED.p90) return `median only: fewer than ${MIN_RESOLVED.p90} resolved`;
	return 'yes';
}
