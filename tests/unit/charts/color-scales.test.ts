/**
 * Issue 17 item 5: heatmaps on an ordered scale with its unit, not set by the go-live spike
 * alone; the clinic x cause matrix scaled per cause column; legends that never page.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { clinicCauseMatrixChart } from '$lib/charts/attribution/clinic-cause-matrix';
import { quantile, quantileScale, STANDING_BINS, standingWithin } from '$lib/charts/color-scale';
import { binOf } from '$lib/charts/heatmap/heatmap-model';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { stackedWeeklyChart } from '$lib/charts/stacked-weekly';

describe('the heatmap colour scale', () => {
	// 20 clinics x 10 weeks at 1-3 tickets per 100 users, and a go-live spike of 40 in week 0.
	const ids: string[] = [];
	const ks: number[] = [];
	const rates: number[] = [];
	for (let c = 0; c < 20; c++)
		for (let k = 0; k < 10; k++) {
			ids.push(`C${c}`);
			ks.push(k);
			rates.push(k === 0 ? 40 : 1 + ((c + k) % 3));
		}
	const result = tableFromArrays({
		clinic_id: ids,
		clinic_name: ids,
		k: Int32Array.from(ks),
		tickets: Int32Array.from(rates),
		per_100_users: Float64Array.from(rates),
		clinics_in_scope: Int32Array.from(ids.map(() => 20))
	});

	it('bins cells at quantiles, so the ordinary weeks are not all the palest colour, with the unit in the legend', () => {
		const model = ticketRateHeatmapChart(result, 'go_live');
		expect(model.unit).toBe('tickets per 100 users');
		expect(model.bins.at(-1)?.label).toMatch(/p95 and above/);
		// The ordinary weeks (1, 2 and 3) fall in at least two different bins; the spike in the top one.
		const bin = (v: number) => binOf(model.bins, v);
		expect(new Set([1, 2, 3].map(bin)).size).toBeGreaterThanOrEqual(2);
		expect(bin(40)).toBe(model.bins.length - 1);
		// Every cell drawn takes the colour of its bin; no colour is white (a white cell has no tickets).
		expect(model.bins.map((b) => b.color)).not.toContain('#ffffff');
		expect(model.caption).toMatch(/bins at the/);
	});

	it('says the rate per 100 users is not assessed without a roster, and colours tickets instead', () => {
		const noRoster = tableFromArrays({
			clinic_id: ['Location 10', 'Location 2'],
			clinic_name: ['Location 10', 'Location 2'],
			k: Int32Array.from([0, 0]),
			tickets: Int32Array.from([5, 7]),
			per_100_users: [null, null] as (number | null)[],
			clinics_in_scope: Int32Array.from([2, 2])
		});
		const model = ticketRateHeatmapChart(noRoster, 'calendar');
		expect(model.caption).toContain('not assessed (needs the training roster)');
		expect(model.unit).toBe('tickets per week');
		// No doubled labels: a location's name is its id.
		expect(model.rowLabels).toEqual(['Location 10', 'Location 2']);
	});

	it('takes quantiles as DuckDB’s quantile_cont does', () => {
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantileScale([], 'x', ['#fff']).edges).toEqual([]);
	});
});

describe('the clinic x cause matrix', () => {
	it('colours each cause column on its own, so a rare cause shows its outliers beside unattributed', () => {
		const clinics = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
		const rows = clinics.flatMap((id, i) => [
			{ id, cause: 'build_defect', rate: i === 7 ? 3 : 0.2 * i },
			{ id, cause: 'unattributed', rate: 300 + i }
		]);
		const result = tableFromArrays({
			clinic_id: rows.map((r) => r.id),
			clinic_name: rows.map((r) => r.id),
			root_cause: rows.map((r) => r.cause),
			tickets: Float64Array.from(rows.map((r) => r.rate)),
			per_100_users: Float64Array.from(rows.map((r) => r.rate)),
			clinics_in_scope: Int32Array.from(rows.map(() => 8))
		});
		const model = clinicCauseMatrixChart(result);
		expect(model.columnKeys).toEqual(['build_defect', 'unattributed']);
		const column = (x: number) => clinics.map((_, y) => model.cellBins?.[y * 2 + x]);
		// build_defect (column 0): H's 3 per 100 users is its column's top bin, as unattributed's largest is in its own.
		expect(column(0)).toEqual([0, 0, 1, 1, 2, 2, 3, 5]);
		expect(column(1)).toEqual([0, 0, 1, 1, 2, 2, 3, 5]);
		expect(model.bins.map((b) => b.label)).toEqual([...STANDING_BINS]);
		expect(model.caption).toMatch(/Unit: attributed tickets per 100 users/);
		expect(model.table.columns).toContain('per 100 users');
	});

	it('puts each value in its bin among its own column', () => {
		// Edges: p25 3.25, median 5.5, p75 7.75, p90 9.1, p95 9.55.
		expect(standingWithin([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null])).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 5, null]);
	});
});

describe('legends', () => {
	it('show every series without a pager, which print and PNG would cut', () => {
		const result = tableFromArrays({
			k: Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0]),
			category: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
			tickets: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])
		});
		const model = stackedWeeklyChart(result, { axis: 'go_live', goLiveKeys: [], seriesColumn: 'category', valueColumn: 'tickets', yName: 'tickets' });
		const option = model.option as { legend: { type?: string }; grid: { top: number } };
		expect(option.legend.type).toBeUndefined();
		// Room for the legend's lines above the plot.
		expect(option.grid.top).toBeGreaterThanOrEqual(100);
	});
});
