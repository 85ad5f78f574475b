import type { TimeAxis } from '$lib/scope/filters';
import { numbers, type ResultColumns } from '$lib/results/columns';
import { goLiveMarkLine } from '../go-live-marks';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { axisTitle, bucketLabel } from '../week-axis';

/**
 * Open tickets at the end of each week. The query already returns every week. With
 * `perClinic` (the go-live axis: clinics observed per week) each week is divided by the
 * clinics it covers, so a wave leaving the export does not move the line.
 */
export function backlogChart(result: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], perClinic?: (k: number) => number | null): ChartModel {
	const ks = numbers(result, 'k').map((k) => k ?? 0);
	const raw = numbers(result, 'open_tickets').map((n) => n ?? 0);
	const open = perClinic
		? raw.map((n, i) => {
				const by = perClinic(ks[i] ?? 0);
				return by ? Math.round((n / by) * 10) / 10 : null;
			})
		: raw;
	const labels = ks.map((k) => bucketLabel(axis, k));
	const name = perClinic ? 'open per clinic observed' : 'open at week end';
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			grid: { left: 48, right: 16, top: 24, bottom: 48 },
			xAxis: { type: 'category', data: labels, name: axisTitle(axis), nameLocation: 'middle', nameGap: 32 },
			yAxis: { type: 'value', name: perClinic ? 'open tickets per clinic' : 'open tickets' },
			series: [
				{
					name,
					type: 'line',
					areaStyle: { opacity: 0.15 },
					showSymbol: false,
					data: open,
					markLine: goLiveMarkLine(axis, goLiveKeys, ks)
				}
			]
		},
		xKeys: ks,
		table: {
			columns: ['week', ...(perClinic ? ['open at week end (all clinics observed)'] : []), name],
			rows: labels.map((label, i) => (perClinic ? [label, raw[i] ?? 0, open[i] ?? null] : [label, open[i] ?? 0]))
		}
	};
}
