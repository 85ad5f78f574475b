/** Recovery's measures name the exports they need where those are not loaded: in the causes tables and on every chart. */
import { describe, expect, it } from 'vitest';
import { NO_DATA, emptyText } from '$lib/charts/empty';
import type { Cell, ChartModel } from '$lib/charts/model';
import type { PanelsModel } from '$lib/charts/recovery/small-multiples';
import { chartNeedsText, missingFor, needsText } from '$lib/recovery/needs';
import { chartsSayingNeeds, type RecoveryCharts } from '../../../src/routes/recovery/load-recovery';

const loaded =
	(...tables: string[]) =>
	(table: string) =>
		tables.includes(table);

describe('what a measure needs', () => {
	it('names the clinic list and the measure’s own export when neither is loaded (a ticket export alone)', () => {
		expect(missingFor('productivity', loaded('tickets'))).toEqual(['a clinic list with go-live dates', 'the visit throughput export']);
		expect(missingFor('billing', loaded('tickets'))).toEqual(['a clinic list with go-live dates', 'the billing export']);
		expect(needsText(missingFor('billing', loaded('tickets')))).toBe('needs a clinic list with go-live dates and the billing export.');
		expect(chartNeedsText(missingFor('productivity', loaded('tickets')))).toBe(
			'Not assessed: this chart needs a clinic list with go-live dates and the visit throughput export, and neither is loaded.'
		);
	});

	it('names only what is missing, and nothing when the measure has its exports', () => {
		expect(chartNeedsText(missingFor('billing', loaded('clinics', 'throughput')))).toBe('Not assessed: this chart needs the billing export, and it is not loaded.');
		expect(chartNeedsText(missingFor('productivity', loaded('throughput')))).toBe('Not assessed: this chart needs a clinic list with go-live dates, and it is not loaded.');
		expect(missingFor('productivity', loaded('clinics', 'throughput'))).toEqual([]);
		expect(needsText([])).toBeNull();
		expect(chartNeedsText([])).toBeNull();
	});
});

describe('the charts saying what they need', () => {
	const line = (rows: Cell[][]): ChartModel => ({ option: {}, table: { columns: ['week', 'value'], rows } }) as ChartModel;
	const panels = (rows: Cell[][]): PanelsModel => ({ panels: [], labels: [], range: [0, 1], table: { columns: ['clinic', 'week', 'v'], rows } });
	const charts = (rows: Cell[][]): RecoveryCharts => ({
		productivityBySite: line(rows),
		productivityByWave: line(rows),
		productivityByClinic: panels(rows),
		lags: line(rows),
		lagByWave: line(rows),
		claimFlow: line(rows),
		unbilled: line(rows),
		lagByClinic: panels(rows)
	});

	it('gives each empty chart its measure’s words instead of the generic "no data"', () => {
		const said = chartsSayingNeeds(charts([]), { productivity: 'needs throughput', billing: 'needs billing' });
		expect(Object.fromEntries(Object.entries(said).map(([k, m]) => [k, emptyText(m)]))).toEqual({
			productivityBySite: 'needs throughput',
			productivityByWave: 'needs throughput',
			productivityByClinic: 'needs throughput',
			lags: 'needs billing',
			lagByWave: 'needs billing',
			claimFlow: 'needs billing',
			unbilled: 'needs billing',
			lagByClinic: 'needs billing'
		});
	});

	it('leaves the charts of a measure with its exports as they are: empty in scope says "no data", a chart with rows is the same model', () => {
		const empty = chartsSayingNeeds(charts([]), { productivity: null, billing: 'needs billing' });
		expect(emptyText(empty.productivityBySite)).toBe(NO_DATA);
		const full = charts([['2026-01-05', 1]]);
		const kept = chartsSayingNeeds(full, { productivity: 'needs throughput', billing: 'needs billing' });
		expect(kept.lags).toBe(full.lags);
		expect(kept.productivityByClinic).toBe(full.productivityByClinic);
	});
});
