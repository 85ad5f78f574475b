/**
 * An export that thins out, as the pages read it: the calendar charts of the Overview and Root
 * causes fade and band the weeks from the thinning ("export thins out") with their values kept;
 * on weeks since go-live, in the watchlist, the action list and Recovery's ticket stabilization,
 * "now" is the day before the thinning. Synthetic tickets with a cliff after Tuesday 2026-04-14.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { cellText } from '$lib/charts/heatmap/heatmap-model';
import { layoutHeatmap, THIN } from '$lib/charts/heatmap/heatmap-shapes';
import type { ChartModel } from '$lib/charts/model';
import { buildRecovery } from '$lib/recovery';
import { xySpecOf } from '$lib/charts/xy/xy-spec';
import type { Engine } from '$lib/engine';
import { overviewModel } from '$lib/overview/overview-model';
import { watchlistClient } from '$lib/overview/watchlist';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { denseSpan, type FilterChoices } from '$lib/scope/choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { AttributionState } from '../../../src/routes/attribution/attribution.svelte';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let engine: Engine;
let choices: FilterChoices;
beforeAll(async () => {
	const lines = ['ticket_id,opened_at,resolved_at,clinic_id,category,status'];
	let id = 0;
	const add = (day: string, n: number) => {
		for (let i = 0; i < n; i++) lines.push(`T${++id},${day} 09:00:00,${addDays(day, 1)} 09:00:00,C${1 + (i % 3)},how_to,closed`);
	};
	// Six busy weeks from Monday 2026-03-02 (100 a weekday), Monday and Tuesday 2026-04-13/14 busy, then one ticket
	// on each Monday and Wednesday for five weeks, the last on Wednesday 2026-05-20: the export's last week is partial.
	for (let d = 0; d < 42; d++) if (d % 7 < 5) add(addDays('2026-03-02', d), 100);
	add('2026-04-13', 100);
	add('2026-04-14', 100);
	for (let w = 0; w < 5; w++) for (const d of [0, 2]) add(addDays('2026-04-20', 7 * w + d), 1);
	const clinics = ['clinic_id,clinic_name,site,go_live_date', 'C1,One,S,2026-03-02', 'C2,Two,S,2026-03-09', 'C3,Three,S,2026-03-16'];
	engine = await engineWith([csvFile('clinics', clinics), csvFile('tickets', lines)]);
	choices = await loadFilterChoices(engine);
}, 120_000);
afterAll(() => engine.close());

const bandsOf = (model: ChartModel) => {
	const spec = xySpecOf(model.option);
	if (!spec) throw new Error('not drawn on the canvas');
	return spec.bands.map((b) => ({ label: b.label, from: spec.categories[b.from], to: spec.categories[b.to] }));
};

describe('an export that thins out, on the charts', () => {
	it('is loaded with the filter choices, and "now" becomes the day before it', () => {
		expect(choices.thinning).toMatchObject({ from: '2026-04-15', lastDay: '2026-05-20', perWeekBefore: 500 });
		expect(denseSpan(choices.span, choices.thinning)).toEqual({ first: '2026-03-02', last: '2026-04-14' });
		expect(denseSpan(choices.span, null)).toEqual(choices.span);
	});

	it('makes the watchlist’s "now" the day before it', () => {
		const { rows } = watchlistClient.queries({ filters: DEFAULT_FILTERS, span: choices.span, thinning: choices.thinning });
		expect(rows?.params).toEqual(['2026-03-02', '2026-04-14']);
		expect(watchlistClient.queries({ filters: DEFAULT_FILTERS, span: choices.span }).rows?.params).toEqual(['2026-03-02', '2026-05-20']);
	});

	it('fades and bands the Overview’s calendar weeks from the thinning, beside the partial last week, values kept', async () => {
		const { charts } = await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span, undefined, choices.thinning);
		// The partial last week lies inside the thinning: its band says less, and is dropped (its label keeps its days).
		for (const model of [charts.ticketsByWeek, charts.backlog, charts.timeToResolve]) {
			expect(bandsOf(model)).toEqual([{ label: 'export thins out', from: '2026-04-13', to: '2026-05-18 (3 of 7 days)' }]);
		}
		// Time to resolve of the few tickets the export holds then is no week's: not drawn; the table keeps it.
		const median = (charts.timeToResolve.option as { series: { data: unknown[] }[] }).series[0]?.data ?? [];
		expect(median.slice(0, 6).every((v) => typeof v === 'number')).toBe(true);
		expect(median.slice(6)).toEqual([null, null, null, null, null, null]);
		expect(charts.timeToResolve.table.rows[7]?.some((v) => v === 24)).toBe(true);
		const bars = (charts.ticketsByWeek.option as { series: { data: unknown[] }[] }).series[0]?.data ?? [];
		// The week of the cliff keeps its 200 tickets, faded; the busy weeks before are not faded.
		expect(bars[6]).toEqual({ value: 200, itemStyle: { opacity: 0.3 } });
		expect(bars[5]).toBe(500);
		expect(charts.ticketsByWeek.table.rows[6]).toContain(200);
	});

	it('counts on weeks since go-live only the clinic-weeks before it: a thin week is not a quiet week', async () => {
		const observedTo = async (thinning: FilterChoices['thinning']) => {
			const { charts } = await overviewModel(engine, { ...DEFAULT_FILTERS, axis: 'go_live' }, choices.clinics, choices.span, undefined, thinning);
			const { columns, rows } = charts.ticketsByWeek.table;
			const observed = columns.indexOf('clinics observed');
			// The last go-live week any clinic is observed whole in.
			return Math.max(...rows.filter((r) => Number(r[observed]) > 0).map((r) => (r[0] === 'go-live' ? 0 : Number(r[0]))));
		};
		// C1 went live on 2026-03-02: its week 5 ends on 2026-04-12, its week 6 on 2026-04-19, after the thinning; to the export's end, week 10.
		expect(await observedTo(choices.thinning)).toBe(5);
		expect(await observedTo(null)).toBe(10);
	});

	it('shades the heatmap’s weeks from the thinning on the calendar, says so in the legend and each cell’s words', async () => {
		const { charts } = await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span, undefined, choices.thinning);
		const heatmap = charts.heatmap;
		expect(heatmap.columnLabels[heatmap.thinFrom ?? -1]).toBe('2026-04-13');
		expect(cellText(heatmap, 0, 6)).toContain('2026-04-13 (the export thins out: reads low)');
		expect(cellText(heatmap, 0, 5)).not.toContain('thins out');
		const measure = (t: string, size: number) => t.length * size * 0.6;
		const shapes = layoutHeatmap(heatmap, 1200, measure).shapes;
		const shade = shapes.find((s) => s.kind === 'box' && s.fill === THIN);
		const plot = layoutHeatmap(heatmap, 1200, measure).plot;
		expect(shade && shade.kind === 'box' && Math.round((shade.x - plot.left) / plot.cell)).toBe(6);
		expect(shapes.some((s) => s.kind === 'text' && s.text === 'export thins out (reads low)')).toBe(true);
		// On weeks since go-live the weeks after it are outside the data, not shaded.
		const goLive = await overviewModel(engine, { ...DEFAULT_FILTERS, axis: 'go_live' }, choices.clinics, choices.span, undefined, choices.thinning);
		expect(goLive.charts.heatmap.thinFrom).toBeUndefined();
	});

	it('leaves an export that does not thin out as it was', async () => {
		const { charts } = await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span, undefined, null);
		expect(bandsOf(charts.ticketsByWeek).map((b) => b.label)).toEqual(['partial week']);
	});
});

describe('an export that thins out, in the tables of "now"', () => {
	it('ends the action list’s and Recovery’s ticket weeks the day before it', async () => {
		await buildAttribution(engine);
		await buildRecovery(engine, {});
		expect(await rows(engine, `SELECT strftime(last_day, '%Y-%m-%d') AS d FROM action_horizon`)).toEqual([{ d: '2026-04-14' }]);
		expect(await rows(engine, `SELECT strftime(tickets_last_day, '%Y-%m-%d') AS d FROM recovery_horizon`)).toEqual([{ d: '2026-04-14' }]);
	});
});

describe('an export that thins out, on Root causes', () => {
	it('fades and bands the by-week chart’s weeks from the thinning and its partial last week, as the Overview’s', async () => {
		await buildAttribution(engine);
		const page = new AttributionState();
		await page.start(engine);
		expect(page.thinning?.from).toBe('2026-04-15');
		const byWeek = page.charts?.byWeek;
		if (!byWeek) throw new Error('no by-week chart');
		expect(bandsOf(byWeek)).toEqual([{ label: 'export thins out', from: '2026-04-13', to: '2026-05-18 (3 of 7 days)' }]);
		// Its dates cut the thinning off: the partial last week is banded as on any export.
		page.setFilters({ ...DEFAULT_FILTERS, to: '2026-04-10' });
		await expect.poll(() => page.charts?.byWeek !== byWeek).toBe(true);
		expect(bandsOf(page.charts!.byWeek)).toEqual([{ label: 'partial week', from: '2026-04-06 (5 of 7 days)', to: '2026-04-06 (5 of 7 days)' }]);
	});
});
