import type { ResultColumns } from '$lib/results/columns';
import type { TimeAxis } from '$lib/scope/filters';
import type { ChartModel } from '../model';
import { stackedWeeklyChart } from '../stacked-weekly';

/**
 * Stacked bars of tickets opened per week, one series per category. With `perClinic` (the
 * go-live axis: clinics observed per week) each week is tickets per clinic observed.
 */
export function ticketsByWeekChart(result: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], perClinic?: (k: number) => number | null): ChartModel {
	const yName = perClinic ? 'tickets per clinic observed' : 'tickets';
	return stackedWeeklyChart(result, { axis, goLiveKeys, seriesColumn: 'category', valueColumn: 'tickets', yName, ...(perClinic ? { divideBy: perClinic } : {}) });
}
