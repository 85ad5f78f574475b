import type { TimeAxis } from '$lib/scope/filters';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';
import { scaled, type Points } from './series';

export interface LineSeries {
	readonly name: string;
	readonly points: Points;
	readonly dashed?: boolean;
	readonly color?: string;
}

/** A horizontal line of reference: a threshold or a baseline, in the data's units (before scaling). */
export interface Reference {
	readonly label: string;
	readonly value: number;
}

export interface WeeklyLinesOptions {
	readonly axis: TimeAxis;
	readonly goLiveKeys: readonly number[];
	readonly yName: string;
	/** Multiplies every value for display (100 for shares shown as percent). */
	readonly scale?: number;
	readonly digits?: number;
	readonly references?: readonly Reference[];
}

/**
 * Lines by week, one per series, with the go-live marked and reference lines (thresholds,
 * baselines) across. Weeks without a value are gaps, not zeros: a rate with no visits is
 * unknown. The data table has one column per series.
 */
export function weeklyLinesChart(series: readonly LineSeries[], o: WeeklyLinesOptions): ChartModel {
	const scale = o.scale ?? 1;
	const digits = o.digits ?? 1;
	const buckets = fillBuckets(
		o.axis,
		series.flatMap((s) => [...s.points.keys()])
	);
	const labels = buckets.map((k) => bucketLabel(o.axis, k));
	const data = series.map((s) => buckets.map((k) => scaled(s.points.get(k), scale, digits)));
	const marks = goLiveMarkLine(o.axis, o.goLiveKeys, buckets);
	const references = (o.references ?? []).map((r) => ({
		yAxis: scaled(r.value, scale, digits),
		label: { formatter: r.label, position: 'insideEndTop', color: '#5b6675' },
		lineStyle: { type: 'dotted', color: '#5b6675' }
	}));
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			// A plain legend wraps onto a second line rather than hiding series behind a pager.
			legend: { top: 0 },
			grid: { left: 56, right: 24, top: 80, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(o.axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: o.yName, scale: true },
			series: series.map((s, i) => ({
				name: s.name,
				type: 'line',
				showSymbol: false,
				connectNulls: false,
				data: data[i],
				...(s.dashed ? { lineStyle: { type: 'dashed' } } : {}),
				...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color, ...(s.dashed ? { type: 'dashed' } : {}) } } : {}),
				...(i === 0 ? { markLine: { ...marks, data: [...marks.data, ...references] } } : {})
			}))
		},
		xKeys: buckets,
		table: {
			columns: ['week', ...series.map((s) => s.name)],
			rows: labels.map((label, i) => [label, ...data.map((values) => values[i] ?? null)])
		}
	};
}
