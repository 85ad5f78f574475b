import type { TimeAxis } from '$lib/scope/filters';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import { goLiveMarkLine } from './go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from './model';
import { axisTitle, bucketLabel, fillBuckets } from './week-axis';

export interface StackedWeeklyOptions {
	readonly axis: TimeAxis;
	readonly goLiveKeys: readonly number[];
	/** Result column naming the series (category, root cause, ...). */
	readonly seriesColumn: string;
	readonly valueColumn: string;
	readonly yName: string;
	/** Series order; series not listed follow alphabetically. */
	readonly order?: readonly string[];
	readonly colors?: Readonly<Record<string, string>>;
	/** Per bucket, what each value is divided by (clinics observed); null leaves the bucket empty. */
	readonly divideBy?: (k: number) => number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Stacked bars per week from rows of (k, series, value), one series per distinct value of
 * the series column; empty weeks between the first and the last show as zero.
 */
export function stackedWeeklyChart(result: ResultColumns, o: StackedWeeklyOptions): ChartModel {
	const ks = numbers(result, 'k');
	const keys = strings(result, o.seriesColumn);
	const values = numbers(result, o.valueColumn);
	const buckets = fillBuckets(o.axis, ks);
	const index = new Map(buckets.map((k, i) => [k, i]));
	const bySeries = new Map<string, number[]>();
	ks.forEach((k, row) => {
		const key = keys[row] ?? '(none)';
		let series = bySeries.get(key);
		if (!series) bySeries.set(key, (series = new Array<number>(buckets.length).fill(0)));
		const i = index.get(k ?? NaN);
		const by = o.divideBy && k !== null ? o.divideBy(k) : 1;
		if (i !== undefined && by) series[i] = (series[i] ?? 0) + (values[row] ?? 0) / by;
	});
	const order = o.order ?? [];
	const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
	const names = [...bySeries.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
	const labels = buckets.map((k) => bucketLabel(o.axis, k));
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			// A plain legend wraps onto more lines rather than hiding series behind a pager (print, PNG).
			legend: { top: 0 },
			grid: { left: 56, right: 16, top: 40 + 20 * Math.ceil(names.length / 4), bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(o.axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: o.yName },
			series: names.map((name, i) => ({
				name,
				type: 'bar',
				stack: 'total',
				data: (bySeries.get(name) ?? []).map(round1),
				...(o.colors?.[name] ? { itemStyle: { color: o.colors[name] } } : {}),
				...(i === 0 ? { markLine: goLiveMarkLine(o.axis, o.goLiveKeys, buckets) } : {})
			}))
		},
		xKeys: buckets,
		table: {
			columns: ['week', ...names, 'total'],
			rows: labels.map((label, i) => {
				const row = names.map((n) => round1(bySeries.get(n)?.[i] ?? 0));
				return [label, ...row, round1(row.reduce((a, b) => a + b, 0))];
			})
		}
	};
}
