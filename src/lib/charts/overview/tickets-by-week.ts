import type { Table } from 'apache-arrow';
import type { TimeAxis } from '$lib/scope/filters';
import type { ChartModel } from '../model';
import { stackedWeeklyChart } from '../stacked-weekly';

/** Stacked bars of tickets opened per week, one series per category. */
export function ticketsByWeekChart(result: Table, axis: TimeAxis, goLiveKeys: readonly number[]): ChartModel {
	return stackedWeeklyChart(result, { axis, goLiveKeys, seriesColumn: 'category', valueColumn: 'tickets', yName: 'tickets' });
}
