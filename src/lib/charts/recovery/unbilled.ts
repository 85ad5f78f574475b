import type { TimeAxis } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { numbers, type ResultColumns } from '$lib/results/columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';
import { pointsByKey, scaled } from './series';

/**
 * DNFB days of all the series together: their sums added up per bucket, then divided, as
 * SQL's `sum() / nullif(sum(), 0)` over all the clinics would (a sum of none is NULL).
 */
function totalDays(bySite: ResultColumns): Map<number, number | null> {
	const unbilled = pointsByKey(bySite, 'series', 'unbilled');
	const perDay = pointsByKey(bySite, 'series', 'per_day');
	const add = (into: Map<number, number | null>, points: Map<number, number | null>) => {
		for (const [k, v] of points) into.set(k, v === null ? (into.get(k) ?? null) : (into.get(k) ?? 0) + v);
	};
	const [num, den] = [new Map<number, number | null>(), new Map<number, number | null>()];
	for (const points of unbilled.values()) add(num, points);
	for (const points of perDay.values()) add(den, points);
	return new Map([...num].map(([k, n]) => [k, n === null || !den.get(k) ? null : n / (den.get(k) as number)]));
}

/**
 * DNFB (`$lib/sql/recovery/dnfb`): the encounters of the window past the hold days without a
 * claim at each week's end, stacked by site, with the total as DNFB days on a second axis and
 * the clinics' baseline before go-live as a dashed line; the data table adds the excess.
 */
export function unbilledChart(bySite: ResultColumns, baseline: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], s: RecoverySettings): ChartModel {
	const sites = pointsByKey(bySite, 'series', 'unbilled');
	const days = totalDays(bySite);
	const base = scaled(numbers(baseline, 'base_days')[0], 1, 2);
	const buckets = fillBuckets(axis, [...days.keys(), ...[...sites.values()].flatMap((p) => [...p.keys()])]);
	const labels = buckets.map((k) => bucketLabel(axis, k));
	const names = [...sites.keys()].sort();
	const counts = names.map((name) => buckets.map((k) => scaled(sites.get(name)?.get(k), 1, 0)));
	const dnfb = buckets.map((k) => scaled(days.get(k), 1, 2));
	const excess = dnfb.map((d) => (d === null || base === null ? null : scaled(d - base, 1, 2)));
	const unbilledName = `DNFB encounters (served ${s.lagThresholdDays + 1}–${s.dnfbWindowDays} days ago, no claim)`;
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			// A plain legend wraps onto more lines rather than hiding series behind a pager (print, PNG).
			legend: { top: 0 },
			grid: { left: 64, right: 56, top: 40 + 20 * Math.ceil((names.length + 1) / 4), bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: [
				{ type: 'value', name: 'DNFB encounters' },
				{ type: 'value', name: 'DNFB days', splitLine: { show: false } }
			],
			series: [
				...names.map((name, i) => ({
					name,
					type: 'bar',
					stack: 'unbilled',
					data: counts[i],
					...(i === 0 ? { markLine: goLiveMarkLine(axis, goLiveKeys, buckets) } : {})
				})),
				{ name: 'DNFB days (all in scope)', type: 'line', yAxisIndex: 1, showSymbol: false, data: dnfb, itemStyle: { color: '#1c2430' } },
				...(base === null
					? []
					: [
							{
								name: 'baseline DNFB days (before go-live)',
								type: 'line',
								yAxisIndex: 1,
								showSymbol: false,
								data: buckets.map(() => base),
								lineStyle: { type: 'dashed' },
								itemStyle: { color: '#6b7480' }
							}
						])
			]
		},
		xKeys: buckets,
		table: {
			columns: ['week', ...names.map((n) => `${n}: ${unbilledName}`), 'total', 'DNFB days', 'baseline DNFB days', 'excess over baseline (days)'],
			rows: labels.map((label, i) => {
				const row = counts.map((c) => c[i] ?? null);
				return [label, ...row, row.reduce<number>((a, b) => a + (b ?? 0), 0), dnfb[i] ?? null, base, excess[i] ?? null];
			})
		}
	};
}
