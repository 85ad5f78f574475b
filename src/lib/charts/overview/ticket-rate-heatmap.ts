import type { TimeAxis } from '$lib/scope/filters';
import { clinicLabel } from '../clinic-label';
import { clinicLimit } from '../clinic-limit';
import { quantileScale } from '../color-scale';
import type { HeatBin, HeatmapModel } from '../heatmap/heatmap-model';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import { axisTitle, bucketLabel, fillBuckets } from '../week-axis';

// The palest bin is still blue: a white cell is a week with no tickets.
const BLUES = ['#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

export interface HeatmapOptions {
	/**
	 * How many days of a clinic's week the data covers (0–7): a calendar week the export or the
	 * dates cut short, a go-live week outside them. Whole weeks (7) without it.
	 */
	readonly daysOf?: (clinicId: string, k: number) => number;
	/** Calendar only: the day (days since 1970-01-01) the export thins out from; its week and the later ones are shaded. */
	readonly thinFromDay?: number;
}

type Piece = { lt?: number; gte?: number; min?: number; max?: number; label: string; color: string };

/**
 * Clinic x week heatmap of tickets per 100 users; clinics in go-live order. Without a
 * training roster there are no users: the cells are then tickets per week, and the chart says
 * the rate is not assessed rather than leaving every cell empty.
 */
export function ticketRateHeatmapChart(result: ResultColumns, axis: TimeAxis, options: HeatmapOptions = {}): HeatmapModel {
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
	const rowKeys = [...clinicRow.keys()];
	const values = new Float64Array(rowKeys.length * buckets.length).fill(NaN);
	const days = new Uint8Array(values.length).fill(7);
	if (options.daysOf) rowKeys.forEach((id, r) => buckets.forEach((k, c) => (days[r * buckets.length + c] = options.daysOf!(id, k))));
	const shown: number[] = [];
	const rows: (string | number | null)[][] = [];
	ks.forEach((k, i) => {
		const x = column.get(k ?? NaN);
		const y = clinicRow.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const value = perUsers ? rates[i] : tickets[i];
		const rate = value === null || value === undefined ? null : Math.round(value * 10) / 10;
		if (rate !== null) {
			values[y * buckets.length + x] = rate;
			shown.push(rate);
		}
		rows.push([clinicIds[i] ?? '', bucketLabel(axis, k ?? 0), days[y * buckets.length + x] ?? 7, tickets[i] ?? 0, perUsers ? rate : null]);
	});
	const scale = quantileScale(shown, unit, BLUES);
	const pieces = (scale.visualMap.pieces ?? []) as Piece[];
	const bins: HeatBin[] = pieces.map((p) => ({ min: p.gte ?? p.min ?? -Infinity, max: p.lt ?? p.max ?? Infinity, label: p.label, color: p.color }));
	const assessed = perUsers ? '' : ' Tickets per 100 users: not assessed (needs the training roster), so cells are tickets per week.';
	// The days column only where a week is cut short: a whole-week table reads as before.
	const cut = rows.some((r) => r[2] !== 7);
	const thinFrom = axis === 'calendar' && options.thinFromDay !== undefined ? buckets.findIndex((k) => k + 6 >= options.thinFromDay!) : -1;
	return {
		kind: 'heatmap',
		...clinicLimit(result, clinicLabels.length, 'the busiest'),
		rowKeys,
		rowLabels: clinicLabels,
		columnKeys: buckets,
		columnLabels: buckets.map((k) => bucketLabel(axis, k)),
		axisTitle: axisTitle(axis),
		values,
		days,
		...(thinFrom >= 0 ? { thinFrom } : {}),
		unit,
		bins,
		caption: `${scale.caption}${assessed}`,
		table: {
			columns: cut ? ['clinic', 'week', 'days of data', 'tickets', 'tickets per 100 users'] : ['clinic', 'week', 'tickets', 'tickets per 100 users'],
			rows: cut ? rows : rows.map((r) => [r[0] ?? null, r[1] ?? null, r[3] ?? null, r[4] ?? null])
		}
	};
}
