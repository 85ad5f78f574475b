/**
 * A chart with no data in scope says so: each Overview model names what is missing and why
 * (the page shows that line instead of an empty frame, whose empty axis reads as zero).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyText, NO_DATA } from '$lib/charts/empty';
import type { Engine } from '$lib/engine';
import { loadFilterChoices } from '$lib/page/filter-choices';
import type { FilterChoices } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { overviewModel } from '$lib/overview/overview-model';
import { engineWith } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

let engine: Engine;
let choices: FilterChoices;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
	choices = await loadFilterChoices(engine);
}, 120_000);
afterAll(() => engine.close());

const model = (f: Partial<OverviewFilters>) => overviewModel(engine, { ...DEFAULT_FILTERS, ...f }, choices.clinics, choices.span);

describe('an Overview chart with no data in scope', () => {
	it('says there are no tickets in the chosen dates, on every chart, when the dates hold none', async () => {
		const { charts, totals } = await model({ from: '2025-01-01', to: '2025-01-31' });
		expect(totals.tickets).toBe(0);
		for (const chart of [charts.ticketsByWeek, charts.backlog, charts.timeToResolve, charts.heatmap]) expect(emptyText(chart)).toBe('No tickets in the chosen dates.');
	});

	it('names the filters that left nothing: sites and dates', async () => {
		const { charts } = await model({ sites: ['S2'], from: '2026-03-02', to: '2026-03-08' });
		expect(emptyText(charts.heatmap)).toBe('No tickets in the chosen sites and dates.');
	});

	it('says nothing when there is something to draw', async () => {
		const { charts } = await model({});
		for (const chart of [charts.ticketsByWeek, charts.backlog, charts.timeToResolve, charts.heatmap]) expect(emptyText(chart)).toBeNull();
	});

	it('says a chart without rows has no data, where its model does not say why', () => {
		expect(emptyText({ table: { rows: [] } })).toBe(NO_DATA);
		expect(emptyText({ table: { rows: [[1]] } })).toBeNull();
	});
});
