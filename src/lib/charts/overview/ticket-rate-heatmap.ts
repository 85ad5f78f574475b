import type { Table } from 'apache-arrow';
import type { TimeAxis } from '$lib/scope/filters';
import { clinicLimit } from '../clinic-limit';
import { numbers, strings } from '$lib/results/columns';
import type { ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

/** Clinic x week heatmap of tickets per 100 users; clinics in go-live order. */
export function ticketRateHeatmapChart(result: Table, axis: TimeAxis): ChartModel {
	const clinicIds = strings(result, 'clinic_id');
	const names = strings(result, 'clinic_name');
	const ks = numbers(result, 'k');
	const rates = numbers(result, 'per_100_users');
	const tickets = numbers(result, 'tickets');
	const buckets = fillBuckets(axis, ks);
	const column = new Map(buckets.map((k, i) => [k, i]));
	const clinicRow = new Map<string, number>();
	const clinicLabels: string[] = [];
	clinicIds.forEach((id, i) => {
		const key = id ?? '';
		if (!clinicRow.has(key)) {
			clinicRow.set(key, clinicLabels.length);
			clinicLabels.push(`${key} ${names[i] ?? ''}`.trim());
		}
	});
	const cells: [number, number, number | null][] = [];
	const rows: (string | number | null)[][] = [];
	let max = 0;
	ks.forEach((k, i) => {
		const x = column.get(k ?? NaN);
		const y = clinicRow.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const rate = rates[i] === null || rates[i] === undefined ? null : Math.round((rates[i] ?? 0) * 10) / 10;
		if (rate !== null) max = Math.max(max, rate);
		cells.push([x, y, rate]);
		rows.push([clinicIds[i] ?? '', bucketLabel(axis, k ?? 0), tickets[i] ?? 0, rate]);
	});
	return {
		...clinicLimit(result, clinicLabels.length),
		yKeys: [...clinicRow.keys()],
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 160, right: 72, top: 8, bottom: 48 },
			xAxis: { type: 'category', data: buckets.map((k) => bucketLabel(axis, k)), name: axisTitle(axis), nameLocation: 'middle', nameGap: 32, splitArea: { show: true } },
			yAxis: { type: 'category', data: clinicLabels, inverse: true, axisLabel: { fontSize: 10 } },
			visualMap: { min: 0, max: Math.max(1, Math.ceil(max)), calculable: true, orient: 'vertical', right: 0, top: 'middle', inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
			series: [{ name: 'tickets per 100 users', type: 'heatmap', data: cells, progressive: 0 }]
		},
		table: { columns: ['clinic', 'week', 'tickets', 'tickets per 100 users'], rows }
	};
}
