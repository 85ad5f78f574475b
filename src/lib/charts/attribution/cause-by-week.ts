import type { ResultColumns } from '$lib/results/columns';
import type { TimeAxis } from '$lib/scope/filters';
import { CAUSE_COLORS, CAUSE_ORDER } from '../cause-colors';
import type { ChartModel } from '../model';
import { stackedWeeklyChart } from '../stacked-weekly';

/** Attributed tickets per week, stacked by root cause. */
export function causeByWeekChart(result: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[]): ChartModel {
	return stackedWeeklyChart(result, {
		axis,
		goLiveKeys,
		seriesColumn: 'root_cause',
		valueColumn: 'tickets',
		yName: 'tickets',
		order: CAUSE_ORDER,
		colors: CAUSE_COLORS
	});
}
