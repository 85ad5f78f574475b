/**
 * Issue 17 item 2: on "weeks since go-live" the later waves reach the end of the export first,
 * so sums fall at the tail. On the bundled sample (three waves; the export runs 2026-02-17,
 * a Tuesday, to 2026-08-14, a Friday) each go-live week is per clinic observed that whole
 * week, carries its coverage, and is stopped or faded below the share set; the calendar's cut
 * first and last weeks say so; time to resolve draws the weeks that could not reach the p90 apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goLiveCoverage, observedWindow, partialWeeks, withCoverage } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { xySpecOf } from '$lib/charts/xy/xy-spec';
import type { Engine } from '$lib/engine';
import { loadFilterChoices } from '$lib/page/filter-choices';
import type { FilterChoices } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { overviewModel } from '$lib/overview/overview-model';
import { decodeLink, encodeLink } from '$lib/url-state/codec';
import { engineWith, rows } from '../helpers/fixture';

const SAMPLE = path.resolve('data/sample');
const goLive: OverviewFilters = { ...DEFAULT_FILTERS, axis: 'go_live' };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

let engine: Engine;
let choices: FilterChoices;
beforeAll(async () => {
	const file = (table: 'clinics' | 'tickets' | 'training', name: string) => ({ table, name, bytes: readFileSync(path.join(SAMPLE, name)) });
	engine = await engineWith([file('clinics', 'clinics.csv'), file('training', 'training.csv'), file('tickets', 'tickets.csv')]);
	choices = await loadFilterChoices(engine);
}, 120_000);
afterAll(() => engine.close());

type Row = readonly (string | number | null)[];
const column = (model: ChartModel, name: string) => {
	const i = model.table.columns.indexOf(name);
	if (i < 0) throw new Error(`no column ${name} in ${model.table.columns.join(', ')}`);
	return (row: Row) => row[i];
};
type Series = { name: string; type: string; data: unknown[]; lineStyle?: { type?: string } };
const seriesOf = (model: ChartModel) => (model.option as { series: Series[] }).series;

describe('clinics observed per week since go-live', () => {
	it('counts a clinic only for weeks it is observed whole', () => {
		const clinics = [
			{ id: 'A', name: 'A', site: 'S', goLive: '2026-03-02' },
			{ id: 'B', name: 'B', site: 'S', goLive: '2026-03-30' },
			{ id: 'X', name: 'X', site: 'S', goLive: '' }
		];
		// Data from Monday 2026-02-23 to Sunday 2026-04-12: A's weeks -1..5, B's weeks -5..1.
		const c = goLiveCoverage(clinics, { first: day('2026-02-23'), last: day('2026-04-12') }, 0.5);
		expect(c.inScope).toBe(2);
		expect([...c.observed].sort(([a], [b]) => a - b)).toEqual([
			[-5, 1],
			[-4, 1],
			[-3, 1],
			[-2, 1],
			[-1, 2],
			[0, 2],
			[1, 2],
			[2, 1],
			[3, 1],
			[4, 1],
			[5, 1]
		]);
		// A week ending the day before the data does is not observed whole: 2026-04-11 cuts B's week 1 short.
		expect(goLiveCoverage(clinics, { first: day('2026-02-23'), last: day('2026-04-11') }, 0.5).observed.get(1)).toBe(1);
	});

	it('plots tickets per clinic observed, with the clinics behind each week in the table and a strip', async () => {
		const model = await overviewModel(engine, goLive, choices.clinics, choices.span);
		const chart = model.charts.ticketsByWeek;
		const observed = column(chart, 'clinics observed');
		const total = column(chart, 'total');
		const label = column(chart, 'week');
		// Independently: tickets of clinic-weeks inside the export, over the clinics observed that week.
		const expected = await rows(
			engine,
			`WITH span AS (SELECT min(CAST(opened_at AS DATE)) AS first, max(CAST(opened_at AS DATE)) AS last FROM tickets),
			weeks AS (SELECT c.clinic_id, c.go_live_date, CAST(unnest(range(-30, 40)) AS INTEGER) AS k FROM clinics c),
			seen AS (SELECT w.* FROM weeks w, span WHERE w.go_live_date + 7 * w.k >= span.first AND w.go_live_date + 7 * w.k + 6 <= span.last)
			SELECT s.k, count(DISTINCT s.clinic_id) AS clinics,
				(SELECT count(*) FROM ticket_facts t JOIN seen s2 ON t.clinic_id = s2.clinic_id AND t.go_live_week = s2.k WHERE s2.k = s.k) AS tickets
			FROM seen s GROUP BY s.k ORDER BY s.k`
		);
		const byLabel = new Map(chart.table.rows.map((r) => [label(r), r]));
		for (const e of expected) {
			const k = e.k as number;
			const row = byLabel.get(k === 0 ? 'go-live' : k > 0 ? `+${k}` : String(k));
			if (!row) continue;
			expect(observed(row)).toBe(e.clinics);
			expect(total(row) as number).toBeCloseTo((e.tickets as number) / (e.clinics as number), 0);
		}
		// Three waves of 17, 16 and 15 clinics (and one): from +19 only the first wave is left.
		expect(observed(byLabel.get('+12')!)).toBe(49);
		expect(observed(byLabel.get('+19')!)).toBe(17);
		const strip = seriesOf(chart).at(-1)!;
		expect(strip.name).toBe('clinics observed (of 49)');
		expect((strip.data as { value: number }[]).map((d) => d.value)).toEqual(chart.table.rows.map((r) => observed(r)));
		expect((model.charts.ticketsByWeek.option as { yAxis: { name?: string }[] }).yAxis[0]?.name).toBe('tickets per clinic observed');
	});

	it('fades bars and stops lines where fewer than the share set are observed', async () => {
		const model = await overviewModel(engine, goLive, choices.clinics, choices.span, 0.5);
		const bars = seriesOf(model.charts.ticketsByWeek)[0]!;
		const weeks = model.charts.ticketsByWeek.table.rows.map((r) => r[0]);
		const at = (label: string) => weeks.indexOf(label);
		expect(bars.data[at('+19')]).toMatchObject({ itemStyle: { opacity: 0.3 } });
		expect(typeof bars.data[at('+12')]).toBe('number');
		const backlog = seriesOf(model.charts.backlog)[0]!;
		const backlogWeeks = model.charts.backlog.table.rows.map((r) => r[0]);
		expect(backlog.data[backlogWeeks.indexOf('+20')]).toBeNull();
		expect(backlog.data[backlogWeeks.indexOf('+12')]).toEqual(expect.any(Number));
		// A lower share draws them again; the strip stays.
		const all = await overviewModel(engine, goLive, choices.clinics, choices.span, 0.25);
		expect(seriesOf(all.charts.backlog)[0]!.data[backlogWeeks.indexOf('+20')]).toEqual(expect.any(Number));
	});

	it('keeps the backlog per clinic observed level instead of climbing as waves leave', async () => {
		const model = await overviewModel(engine, goLive, choices.clinics, choices.span, 0);
		const perClinic = column(model.charts.backlog, 'open per clinic observed');
		const allObserved = column(model.charts.backlog, 'open at week end (all clinics observed)');
		const observed = column(model.charts.backlog, 'clinics observed');
		for (const row of model.charts.backlog.table.rows) {
			const n = observed(row) as number;
			if (n > 0) expect(perClinic(row)).toBeCloseTo((allObserved(row) as number) / n, 0);
		}
	});

	it('carries the share in the link, and a link without it opens at half', async () => {
		const decoded = await decodeLink(await encodeLink({ v: 2, scope: goLive, coverage: 0.75 }));
		expect(decoded).toMatchObject({ problem: null, state: { coverage: 0.75 } });
		const old = await decodeLink(await encodeLink({ v: 2, scope: goLive }));
		expect(old.problem).toBeNull();
		expect(old.state.coverage).toBeUndefined();
		expect((await decodeLink(await encodeLink({ v: 1, coverage: 2 } as never))).problem).toMatch(/coverage/);
	});
});

describe('weeks the data covers only in part', () => {
	it('labels the calendar’s cut first and last weeks with their days instead of drawing a drop', async () => {
		const window = observedWindow(choices.span, DEFAULT_FILTERS);
		expect([...partialWeeks(window)]).toEqual([
			[day('2026-02-16'), 6],
			[day('2026-08-10'), 5]
		]);
		const model = await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span);
		const labels = (model.charts.ticketsByWeek.option as { xAxis: { data: string[] } }).xAxis.data;
		expect(labels[0]).toBe('2026-02-16 (6 of 7 days)');
		expect(labels.at(-1)).toBe('2026-08-10 (5 of 7 days)');
		const bars = seriesOf(model.charts.ticketsByWeek)[0]!;
		expect(bars.data.at(-1)).toMatchObject({ itemStyle: { opacity: 0.3 } });
		expect(model.charts.ticketsByWeek.table.rows.at(-1)?.[1]).toBe(5);
	});

	it('draws the weeks whose tickets could not yet reach the p90 grey and dotted, apart from the others', async () => {
		const model = await overviewModel(engine, DEFAULT_FILTERS, choices.clinics, choices.span);
		const p90Hours = model.totals.p90Hours!;
		const chart = model.charts.timeToResolve;
		const series = seriesOf(chart);
		const late = series.find((s) => s.name === 'median (still closing)')!;
		expect(late.lineStyle?.type).toBe('dotted');
		const median = series.find((s) => s.name === 'median')!;
		const had = column(chart, 'tickets had time to reach the p90');
		const end = day('2026-08-14') + 1;
		chart.table.rows.forEach((row, i) => {
			const monday = day(String(row[0]));
			const settled = Math.min(monday + 7, end) + p90Hours / 24 <= end;
			expect(had(row)).toBe(settled ? 'yes' : 'no');
			if (!settled) expect(median.data[i]).toBeNull();
			else expect(late.data[i] === null || i === chart.table.rows.findIndex((r) => had(r) === 'no') - 1).toBe(true);
		});
		expect(chart.table.rows.filter((r) => had(r) === 'no').length).toBeGreaterThan(0);
	});
});

describe('the coverage strip on any go-live chart', () => {
	it('adds a second grid with one bar per week and the coverage columns', () => {
		const model: ChartModel = {
			option: {
				grid: { left: 10, right: 10, top: 10, bottom: 48 },
				xAxis: { type: 'category', data: ['go-live', '+1'] },
				yAxis: { type: 'value' },
				series: [{ name: 'x', type: 'line', data: [1, 2] }]
			},
			xKeys: [0, 1],
			table: {
				columns: ['week', 'x'],
				rows: [
					['go-live', 1],
					['+1', 2]
				]
			}
		};
		const c = {
			inScope: 4,
			observed: new Map([
				[0, 4],
				[1, 1]
			]),
			weekEnd: new Map(),
			minShare: 0.5
		};
		const out = withCoverage(model, c);
		const option = out.option as { grid: unknown[]; series: Series[] };
		expect(option.grid).toHaveLength(2);
		expect(option.series[0]?.data).toEqual([1, null]);
		expect(out.table.rows).toEqual([
			['go-live', 1, 4, 4],
			['+1', 2, 1, 4]
		]);
	});
});

describe('the Overview’s weekly charts, for every site, clinic and axis', () => {
	it('are all drawn by the canvas renderer (never a silent fall back to ECharts: a mark or band naming no week, an option part it does not read)', async () => {
		const sites = [...new Set(choices.clinics.map((c) => c.site))];
		const scopes: OverviewFilters[] = [
			DEFAULT_FILTERS,
			goLive,
			...sites.flatMap((site) => [
				{ ...DEFAULT_FILTERS, sites: [site] },
				{ ...goLive, sites: [site] }
			]),
			...choices.clinics.slice(0, 6).map((c) => ({ ...DEFAULT_FILTERS, clinics: [c.id] })),
			{ ...DEFAULT_FILTERS, from: '2026-05-13' }
		];
		for (const f of scopes) {
			const { charts } = await overviewModel(engine, f, choices.clinics, choices.span);
			for (const [name, model] of Object.entries({ ticketsByWeek: charts.ticketsByWeek, backlog: charts.backlog, timeToResolve: charts.timeToResolve }))
				expect(xySpecOf(model.option), `${name} for ${JSON.stringify(f)}`).not.toBeNull();
		}
	});
});
