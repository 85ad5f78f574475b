import type { TimeAxis } from '$lib/scope/filters';
import { bucketLabel } from './week-axis';

/**
 * Vertical lines at go-live: each wave's week on the calendar axis, week 0 on the
 * go-live axis. Attached to the first series of a chart.
 */
export function goLiveMarkLine(axis: TimeAxis, goLiveKeys: readonly number[], shown: readonly number[]) {
	const visible = new Set(shown);
	const keys = axis === 'go_live' ? [0] : [...new Set(goLiveKeys)];
	return {
		silent: true,
		symbol: 'none',
		lineStyle: { type: 'dashed', color: '#b45309' },
		label: { formatter: 'go-live', color: '#b45309' },
		data: keys.filter((k) => visible.has(k)).map((k) => ({ xAxis: bucketLabel(axis, k) }))
	};
}
