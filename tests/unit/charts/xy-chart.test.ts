/**
 * The weekly bar and line charts drawn by the canvas renderer (src/lib/charts/xy/): what it reads from
 * the chart models' options (and what it leaves to ECharts), where bars, lines and marks fall, the
 * tooltip's words, texts apart at a desktop's and a phone's width, and hostile labels kept as text.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { causeTotalsChart } from '$lib/charts/attribution/cause-totals';
import { goLiveCoverage, withCoverage, withPartialWeeks } from '$lib/charts/coverage';
import type { ChartModel } from '$lib/charts/model';
import { backlogChart } from '$lib/charts/overview/backlog';
import { ticketsByWeekChart } from '$lib/charts/overview/tickets-by-week';
import { timeToResolveChart } from '$lib/charts/overview/time-to-resolve';
import { unbilledChart } from '$lib/charts/recovery/unbilled';
import { weeklyLinesChart } from '$lib/charts/recovery/weekly-lines';
import { DEFAULT_RECOVERY_SETTINGS } from '$lib/recovery/settings';
import { barAt, categoryAt, categoryText, layoutXy } from '$lib/charts/xy/xy-layout';
import { ticksFor } from '$lib/charts/xy/xy-scale';
import { xyToSvg, type PathShape } from '$lib/charts/xy/xy-shapes';
import { xySpecOf, type XySpec } from '$lib/charts/xy/xy-spec';
import { box, expectTextsApart, measure, texts } from '../helpers/text-boxes';

const DAY = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const first = DAY('2026-01-05');
const WEEKS = 30;
const CATEGORIES = ['access', 'break_fix', 'build_request', 'data_conversion', 'hardware', 'how_to', 'interface', 'other'];

/** Tickets by week and category: 30 weeks, 8 categories, a spike at go-live (week 8). */
function tickets() {
	const rows = { k: [] as number[], category: [] as string[], tickets: [] as number[] };
	for (let w = 0; w < WEEKS; w++)
		CATEGORIES.forEach((c, i) => {
			rows.k.push(first + 7 * w);
			rows.category.push(c);
			rows.tickets.push((w === 8 ? 50 : 5) + i);
		});
	return tableFromArrays({ k: Int32Array.from(rows.k), category: rows.category, tickets: Int32Array.from(rows.tickets) });
}

const spec = (model: ChartModel): XySpec => {
	const s = xySpecOf(model.option);
	if (!s) throw new Error('not drawn by the canvas renderer');
	return s;
};

const goLive = first + 7 * 8;
const stacked = ticketsByWeekChart(tickets(), 'calendar', [goLive]);

describe('what the canvas renderer reads from a chart model', () => {
	it('reads stacked weekly bars: categories, series in order with their colours, the go-live line at its week', () => {
		const s = spec(stacked);
		expect(s.orientation).toBe('columns');
		expect(s.categories).toHaveLength(WEEKS);
		expect(s.series.map((x) => x.name)).toEqual(CATEGORIES);
		expect(new Set(s.series.map((x) => x.stack))).toEqual(new Set(['total']));
		expect(s.series[0]?.color).toBe('#5470c6');
		expect(s.marks).toEqual([{ at: { category: 8 }, label: 'go-live', color: '#b45309', dash: 'dashed' }]);
		expect(s.categoryTitle).toBe('Week (Monday)');
	});

	it('reads a partial week as faded bars under a labelled band, and the coverage strip of the go-live axis', () => {
		const partial = spec(withPartialWeeks(stacked, new Map([[first + 7 * (WEEKS - 1), 3]])));
		expect(partial.categories.at(-1)).toMatch(/\(3 of 7 days\)$/);
		expect(partial.series.every((x) => x.points.at(-1)?.faded === true && x.points[0]?.faded === undefined)).toBe(true);
		expect(partial.bands).toEqual([{ from: WEEKS - 1, to: WEEKS - 1, label: 'partial week', color: 'rgba(100,116,139,0.12)' }]);

		const weeks = tableFromArrays({ k: Int32Array.from([-1, 0, 1, 2, 3]), open_tickets: Int32Array.from([1, 9, 6, 4, 3]) });
		const clinics = [0, 1, 2, 3].map((i) => ({ id: `C${i}`, name: `Clinic ${i}`, site: 'S', goLive: i < 2 ? '2026-03-02' : '2026-04-27' }));
		const coverage = goLiveCoverage(clinics, { first: DAY('2026-02-16'), last: DAY('2026-05-17') }, 0.5);
		const s = spec(
			withCoverage(
				backlogChart(weeks, 'go_live', [], () => 2),
				coverage
			)
		);
		expect(s.strip?.name).toBe('clinics observed (of 4)');
		expect(s.strip?.max).toBe(4);
		expect(s.strip?.points.map((p) => p.value)).toEqual([-1, 0, 1, 2, 3].map((k) => coverage.observed.get(k) ?? 0));
		expect(s.series[0]?.area).toBeCloseTo(0.15);
		expect(s.categoryTitle).toBe('Weeks since the clinic’s go-live');
	});

	it('keeps marks and bands on a partial week once its label says so (they name the week by its label)', () => {
		// Go-live in the first week, which the export covers for 4 days; the last week has 3 resolved tickets.
		const ttr = timeToResolveChart(
			tableFromArrays({ k: Int32Array.from([first, first + 7]), median_hours: Float64Array.from([5, 6]), p90_hours: Float64Array.from([40, 900]), resolved: Int32Array.from([300, 3]) }),
			'calendar',
			[first]
		);
		const s = spec(withPartialWeeks(ttr, new Map([[first, 4]])));
		expect(s.categories[0]).toBe('2026-01-05 (4 of 7 days)');
		expect(s.marks).toEqual([{ at: { category: 0 }, label: 'go-live', color: '#b45309', dash: 'dashed' }]);
		expect(s.bands.map((b) => [b.from, b.to, b.label])).toEqual([
			[0, 0, 'partial week'],
			[1, 1, '< 20 resolved']
		]);
	});

	it('reads lines with gaps, dashes, a second value axis and horizontal reference lines', () => {
		const points = new Map<number, number | null>([
			[first, 2],
			[first + 7, null],
			[first + 14, 4]
		]);
		const lines = spec(
			weeklyLinesChart(
				[
					{ name: 'median', points },
					{ name: 'p90', points, dashed: true, color: '#1f5fbf' }
				],
				{ axis: 'calendar', goLiveKeys: [], yName: 'days', references: [{ label: '10-day threshold', value: 10 }] }
			)
		);
		expect(lines.series.map((x) => [x.kind, x.dash, x.color])).toEqual([
			['line', 'solid', '#5470c6'],
			['line', 'dashed', '#1f5fbf']
		]);
		expect(lines.series[0]?.points.map((p) => p.value)).toEqual([2, null, 4]);
		expect(lines.axes[0].scale).toBe(true);
		expect(lines.marks).toEqual([{ at: { value: 10, axis: 0 }, label: '10-day threshold', color: '#5b6675', dash: 'dotted' }]);

		const ttr = spec(
			timeToResolveChart(
				tableFromArrays({
					k: Int32Array.from([first, first + 7, first + 14]),
					median_hours: Float64Array.from([5, 6, 2]),
					p90_hours: Float64Array.from([40, 50, 9]),
					resolved: Int32Array.from([900, 900, 300])
				}),
				'calendar',
				[],
				(k) => k === first + 14
			)
		);
		// The week still closing is drawn grey and dotted, joined to the settled line by the week before it.
		expect(ttr.series.map((x) => [x.name, x.dash, x.points.map((p) => p.value)])).toEqual([
			['median', 'solid', [5, 6, null]],
			['p90', 'dashed', [40, 50, null]],
			['median (still closing)', 'dotted', [null, 6, 2]],
			['p90 (still closing)', 'dotted', [null, 50, 9]]
		]);

		const sites = tableFromArrays({
			series: ['North', 'North', 'South'],
			k: Int32Array.from([first, first + 7, first]),
			unbilled: Float64Array.from([5, 6, 7]),
			per_day: Float64Array.from([2, 2, 2])
		});
		const dnfb = spec(unbilledChart(sites, tableFromArrays({ base_days: Float64Array.from([1.5]) }), 'calendar', [], DEFAULT_RECOVERY_SETTINGS));
		expect(dnfb.axes).toHaveLength(2);
		expect(dnfb.series.filter((x) => x.axis === 1).map((x) => x.name)).toEqual(['DNFB days (all in scope)', 'baseline DNFB days (before go-live)']);
	});

	it('reads horizontal bars with their own colours and values at their ends', () => {
		const totals = spec(causeTotalsChart(tableFromArrays({ root_cause: ['missed_training', 'build_defect'], tickets: Float64Array.from([120, 30]) })));
		expect(totals.orientation).toBe('rows');
		expect(totals.tooltip).toBe('item');
		expect(totals.series[0]?.valueLabels).toBe(true);
		expect(totals.series[0]?.points.map((p) => p.color)).toHaveLength(2);
	});

	it('leaves to ECharts what it does not draw: heatmaps, scatter plots, visual maps, formatters, symbols', () => {
		const base = stacked.option as Record<string, unknown>;
		expect(xySpecOf({ ...base, visualMap: {} })).toBeNull();
		expect(xySpecOf({ ...base, series: [{ type: 'scatter', data: [[1, 2]] }] })).toBeNull();
		expect(xySpecOf({ ...base, series: [{ type: 'heatmap', data: [[0, 0, 1]] }] })).toBeNull();
		expect(xySpecOf({ ...base, tooltip: { trigger: 'axis', formatter: () => '' } })).toBeNull();
		expect(xySpecOf({ ...base, series: [{ type: 'line', data: [1], showSymbol: true }] })).toBeNull();
		expect(xySpecOf({ ...base, series: [{ type: 'line', data: [1], smooth: true }] })).toBeNull();
	});
});

describe('the chart laid out as shapes', () => {
	it('stacks each week’s bars to its total, on nice ticks from 0', () => {
		const s = spec(stacked);
		const layout = layoutXy(s, 1000, 320, measure);
		const { top, height } = layout.plot;
		const ticks = ticksFor(0, 50 * 8 + 28, { scale: false, count: 5 });
		expect(ticks.min).toBe(0);
		const spike = layout.bars.filter((b) => b.category === 8);
		expect(spike).toHaveLength(8);
		const stackTop = Math.min(...spike.map((b) => b.y));
		const total = CATEGORIES.reduce((sum, _, i) => sum + 50 + i, 0);
		const axisMax = texts(layout.shapes)
			.map((t) => Number(t.text.replace(/,/g, '')))
			.filter((v) => Number.isFinite(v))
			.reduce((a, b) => Math.max(a, b), 0);
		expect(top + height - stackTop).toBeCloseTo((total / axisMax) * height, 0);
		// A click in a segment says which series and week it hit.
		const b = spike[3]!;
		expect(barAt(layout.bars, b.x + 1, b.y + 1)).toMatchObject({ series: 3, category: 8 });
		expect(categoryAt(layout.plot, b.x + 1, b.y + 1)).toBe(8);
	});

	it('breaks a line where a value is missing, and draws a lone value as a dot', () => {
		const points = new Map<number, number | null>([
			[first, 2],
			[first + 7, 3],
			[first + 14, null],
			[first + 21, 4]
		]);
		const s = spec(weeklyLinesChart([{ name: 'median', points, color: '#123456' }], { axis: 'calendar', goLiveKeys: [], yName: 'days' }));
		const layout = layoutXy(s, 800, 300, measure);
		// The line's runs (not the legend's symbol, above the plot): weeks 1–2 as one segment.
		const lines = layout.shapes.filter((x): x is PathShape => x.kind === 'path' && x.stroke === '#123456' && (x.points[1] ?? 0) > layout.plot.top);
		expect(lines.map((l) => l.points.length)).toEqual([4]);
		// The lone week is a filled diamond, 10 px across, at its value.
		const dots = layout.shapes.filter((x): x is PathShape => x.kind === 'path' && x.fill === '#123456' && x.points.length === 8);
		expect(dots).toHaveLength(1);
		expect(Math.max(...dots[0]!.points.filter((_, i) => i % 2 === 0)) - Math.min(...dots[0]!.points.filter((_, i) => i % 2 === 0))).toBe(10);
	});

	it('says a week in words: its label (and band), every series and the clinics observed', () => {
		const s = spec(withPartialWeeks(stacked, new Map([[first, 4]])));
		expect(categoryText(s, 0).split('\n')).toEqual(['2026-01-05 (4 of 7 days) (partial week)', ...CATEGORIES.map((c, i) => `${c}: ${5 + i}`)]);
	});

	const charts: [string, ChartModel, number][] = [
		['stacked bars with a partial week', withPartialWeeks(stacked, new Map([[first + 7 * (WEEKS - 1), 3]])), 320],
		[
			'lines with references and a long axis name',
			weeklyLinesChart(
				[
					{ name: 'billing lag, median', points: new Map([...Array(40).keys()].map((w) => [first + 7 * w, 10 + (w % 7)])) },
					{ name: 'billing lag, p90', points: new Map([...Array(40).keys()].map((w) => [first + 7 * w, 20 + (w % 5)])), dashed: true }
				],
				{ axis: 'calendar', goLiveKeys: [first + 7 * 8, first + 7 * 9, first + 7 * 20], yName: 'days after the visit', references: [{ label: '10-day threshold', value: 10 }] }
			),
			320
		],
		['horizontal bars', causeTotalsChart(tableFromArrays({ root_cause: ['workflow_variance', 'missed_training', 'unattributed'], tickets: Float64Array.from([4031, 3260, 11760]) })), 280]
	];
	for (const width of [1358, 366])
		for (const [name, model, height] of charts)
			it(`keeps every text of the ${name} inside the figure and apart at ${width} px`, () => {
				const layout = layoutXy(spec(model), width, height, measure);
				expectTextsApart(texts(layout.shapes).map(box), width, layout.height);
				expect(layout.plot.height).toBeGreaterThan(100);
			});

	it('writes labels from data as text: bidi controls stripped, markup escaped in the SVG', () => {
		const hostile = tableFromArrays({ k: Int32Array.from([first]), category: ['<img src=x onerror=alert(1)>evil\u202Eexe.txt'], tickets: Int32Array.from([3]) });
		const s = spec(ticketsByWeekChart(hostile, 'calendar', []));
		expect(s.series[0]?.name).toBe('<img src=x onerror=alert(1)>evilexe.txt');
		const layout = layoutXy(s, 800, 320, measure);
		const svg = xyToSvg(layout.width, layout.height, layout.shapes);
		expect(svg).not.toContain('<img');
		expect(svg).toContain('&#60;img src=x onerror=alert(1)&#62;evilexe.txt');
	});
});
