import type { TimeAxis } from '$lib/scope/filters';
import { clinicLabel } from '../clinic-label';
import { clinicLimit } from '../clinic-limit';
import { quantileScale } from '../color-scale';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import type { ChartModel } from '../model';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

const BLUES = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/**
 * Clinic x week heatmap of tickets per 100 users; clinics in go-live order. Without a
 * training roster there are no users: the cells are then tickets per week, and the chart says
 * the rate is not assessed rather than leaving every cell empty.
 */
export function ticketRateHeatmapChart(result: ResultColumns, axis: TimeAxis): ChartModel {
	const clinicIds = strings(result, 'clinic_id');
	const names = strings(result, 'clinic_name');
	const ks = numbers(result, 'k');
	const rates = numbers(result, 'per_100_users');
	const tickets = numbers(result, 'tickets');
	const perUsers = rates.some((r) => r !== null);
	const unit = perUsers ? 'tickets per 100 users' : 'tickets per week';
	const buckets = fillBuckets(axis, ks);
	const column = new Map(buckets.map((k, i) => [k, i]));
	const clinicRow = new Map<string, number>();
	const clinicLabels: string[] = [];
	clinicIds.forEach((id, i) => {
		const key = id ?? '';
		if (!clinicRow.has(key)) {
			clinicRow.set(key, clinicLabels.length);
			clinicLabels.push(clinicLabel(key, names[i]));
		}
	});
	const cells: [number, number, number | null][] = [];
	const rows: (string | number | null)[][] = [];
	ks.forEach((k, i) => {
		const x = column.get(k ?? NaN);
		const y = clinicRow.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const value = perUsers ? rates[i] : tickets[i];
		const rate = value === null || value === undefined ? null : Math.round(value * 10) / 10;
		cells.push([x, y, rate]);
		rows.push([clinicIds[i] ?? '', bucketLabel(axis, k ?? 0), tickets[i] ?? 0, perUsers ? rate : null]);
	});
	const scale = quantileScale(
		cells.map((c) => c[2]).filter((v): v is number => v !== null),
		unit,
		BLUES
	);
	const assessed = perUsers ? '' : ' Tickets per 100 users: not assessed (needs the training roster), so cells are tickets per week.';
	return {
		...clinicLimit(result, clinicLabels.length, 'the busiest'),
		yKeys: [...clinicRow.keys()],
		xKeys: buckets,
		caption: `${scale.caption}${assessed}`,
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 160, right: 150, top: 8, bottom: 48 },
			xAxis: { type: 'category', data: buckets.map((k) => bucketLabel(axis, k)), name: axisTitle(axis), nameLocation: 'middle', nameGap: 32, splitArea: { show: true } },
			yAxis: { type: 'category', data: clinicLabels, inverse: true, axisLabel: { fontSize: 10 } },
			visualMap: scale.visualMap,
			series: [{ name: unit, type: 'heatmap', data: cells, progressive: 0 }]
		},
		table: { columns: ['clinic', 'week', 'tickets', 'tickets per 100 users'], rows }
	};
}
