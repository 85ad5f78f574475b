import { CAUSE_ORDER } from '../cause-colors';
import { clinicLabel } from '../clinic-label';
import { clinicLimit } from '../clinic-limit';
import { standingVisualMap, standingWithin } from '../color-scale';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import type { ChartModel, ChartPick } from '../model';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Clinic x root cause: attributed tickets per 100 users; clinics in go-live order. Each cause
 * column is coloured on its own (where the clinic stands among clinics for that cause), so the
 * large "unattributed" and data-conversion columns do not wash out rare causes such as build
 * defects; the values themselves are in the tooltip and the data table.
 */
export function clinicCauseMatrixChart(result: ResultColumns): ChartModel {
	const clinicIds = strings(result, 'clinic_id');
	const names = strings(result, 'clinic_name');
	const causes = strings(result, 'root_cause');
	const rates = numbers(result, 'per_100_users');
	const tickets = numbers(result, 'tickets');
	const present = new Set(causes);
	const columns = CAUSE_ORDER.filter((c) => present.has(c));
	const column = new Map(columns.map((c, i) => [c, i]));
	const clinics: string[] = [];
	const labels: string[] = [];
	const row = new Map<string, number>();
	clinicIds.forEach((id, i) => {
		const key = id ?? '';
		if (row.has(key)) return;
		row.set(key, clinics.length);
		clinics.push(key);
		labels.push(clinicLabel(key, names[i]));
	});
	const cells: [number, number, number | null, number | null][] = [];
	const tableRows: (string | number | null)[][] = [];
	const rowPicks: ChartPick[] = [];
	causes.forEach((cause, i) => {
		const x = column.get(cause ?? '');
		const y = row.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const rate = rates[i] === null || rates[i] === undefined ? null : round1(rates[i] ?? 0);
		cells.push([x, y, rate, null]);
		tableRows.push([clinicIds[i] ?? '', cause ?? '', round1(tickets[i] ?? 0), rate]);
		rowPicks.push({ series: undefined, x: cause ?? undefined, y: clinicIds[i] ?? undefined });
	});
	// Each column's cells binned among themselves.
	columns.forEach((_, x) => {
		const inColumn = cells.filter((c) => c[0] === x);
		standingWithin(inColumn.map((c) => c[2])).forEach((bin, i) => {
			const cell = inColumn[i];
			if (cell) cell[3] = bin;
		});
	});
	return {
		...clinicLimit(result, clinics.length),
		caption:
			'Unit: attributed tickets per 100 users (tooltip and data). Colour: each cause column on its own, where the clinic stands among the clinics for that cause (quartiles, p90, p95), so a rare cause shows its outliers beside a common one.',
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 200, right: 160, top: 8, bottom: 64 },
			xAxis: { type: 'category', data: columns, axisLabel: { rotate: 30 }, splitArea: { show: true } },
			yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 10 } },
			visualMap: standingVisualMap('within each cause', ['#fff7ec', '#fdd49e', '#fdbb84', '#fc8d59', '#d7301f', '#7f0000']),
			series: [{ name: 'attributed tickets per 100 users', type: 'heatmap', data: cells, progressive: 0 }]
		},
		xKeys: columns,
		yKeys: clinics,
		rowPicks,
		table: { columns: ['clinic', 'root cause', 'attributed tickets', 'per 100 users'], rows: tableRows }
	};
}
