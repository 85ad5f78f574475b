import type { Table } from 'apache-arrow';
import { CAUSE_ORDER } from '../cause-colors';
import { clinicLimit } from '../clinic-limit';
import { numbers, strings } from '$lib/results/columns';
import type { ChartModel, ChartPick } from '../model';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Clinic x root cause: attributed tickets per 100 users; clinics in go-live order. */
export function clinicCauseMatrixChart(result: Table): ChartModel {
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
		labels.push(`${key} ${names[i] ?? ''}`.trim());
	});
	const cells: [number, number, number | null][] = [];
	const tableRows: (string | number | null)[][] = [];
	const rowPicks: ChartPick[] = [];
	let max = 0;
	causes.forEach((cause, i) => {
		const x = column.get(cause ?? '');
		const y = row.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const rate = rates[i] === null || rates[i] === undefined ? null : round1(rates[i] ?? 0);
		if (rate !== null && cause !== 'unattributed') max = Math.max(max, rate);
		cells.push([x, y, rate]);
		tableRows.push([clinicIds[i] ?? '', cause ?? '', round1(tickets[i] ?? 0), rate]);
		rowPicks.push({ series: undefined, x: cause ?? undefined, y: clinicIds[i] ?? undefined });
	});
	return {
		...clinicLimit(result, clinics.length),
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 200, right: 80, top: 8, bottom: 64 },
			xAxis: { type: 'category', data: columns, axisLabel: { rotate: 30 }, splitArea: { show: true } },
			yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 10 } },
			visualMap: {
				min: 0,
				max: Math.max(1, Math.ceil(max)),
				calculable: true,
				right: 0,
				top: 'middle',
				inRange: { color: ['#fff7ec', '#fc8d59', '#7f0000'] }
			},
			series: [{ name: 'attributed tickets per 100 users', type: 'heatmap', data: cells, progressive: 0 }]
		},
		xKeys: columns,
		yKeys: clinics,
		rowPicks,
		table: { columns: ['clinic', 'root cause', 'attributed tickets', 'per 100 users'], rows: tableRows }
	};
}
