/**
 * A chart's option laid out for the width it is drawn at (a phone, a desktop, paper, a PNG), for
 * every chart in one place, so that no two texts of a chart overlap at any width:
 * - value axes hide a label that would overlap its neighbour; on a narrow chart they count in
 *   compact numbers (10K) and a horizontal one takes fewer ticks;
 * - a legend at the top is measured at this width (it wraps onto as many lines as it needs) and the
 *   plot starts below it, with a row for the y-axis names (which start at their axis, never off the
 *   canvas) and a row under it for the go-live labels;
 * - go-live lines closer than their label's width share one label (the first of them); every line
 *   is still drawn, and the week of each is in the chart's data table;
 * - small multiples take fewer columns where a panel would be narrower than 160 px;
 * - on a narrow chart a heatmap's colour legend goes below the plot, its rotated column labels
 *   stand upright, and its cells keep a readable width: the figure scrolls inside its own frame.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** Width of a text in CSS pixels at a font size (the page measures with a canvas; the default estimates). */
export type Measure = (text: string, fontSize: number) => number;

/** Below this width a chart is laid out for a phone. */
export const NARROW = 600;

const estimate: Measure = (text, size) => text.length * size * 0.6;
const FONT = 12;
// ECharts' legend: symbol, gap to its text, gap between items and rows, padding.
const LEGEND = { symbol: 25, textGap: 5, gap: 8, row: 14, padding: 5, side: 8 } as const;
// Above the plot: the y-axis names' row, then the go-live labels' row (their distance from the plot).
const NAME_GAP = 26;
const MARK_DISTANCE = 8;
const ABOVE_PLOT = NAME_GAP + FONT + 4;

type Obj = Record<string, unknown>;
const asList = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : value && typeof value === 'object' ? [value as Obj] : []);
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const px = (value: unknown, width: number, fallback: number): number => {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.endsWith('%')) return (Number.parseFloat(value) / 100) * width;
	return fallback;
};

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Value axes: never two labels over each other; compact and fewer when narrow. */
function fitValueAxis(axis: Obj, narrow: boolean, horizontal: boolean): Obj {
	if (axis.type !== 'value') return axis;
	const label = isObj(axis.axisLabel) ? axis.axisLabel : {};
	return {
		...axis,
		...(narrow && horizontal && axis.splitNumber === undefined ? { splitNumber: 3 } : {}),
		axisLabel: { hideOverlap: true, ...(narrow && label.formatter === undefined ? { formatter: (v: number) => compact.format(v) } : {}), ...label }
	};
}

/** Height of a horizontal legend of these names wrapped at `width` (ECharts' box layout). */
export function legendHeight(names: readonly string[], width: number, measure: Measure = estimate): number {
	if (names.length === 0) return 0;
	const max = width - 2 * LEGEND.side - 2 * LEGEND.padding;
	let rows = 1;
	let x = 0;
	for (const name of names) {
		const w = LEGEND.symbol + LEGEND.textGap + measure(name, FONT);
		if (x > 0 && x + w > max) {
			rows += 1;
			x = 0;
		}
		x += w + LEGEND.gap;
	}
	return rows * LEGEND.row + (rows - 1) * LEGEND.gap + 2 * LEGEND.padding;
}

/**
 * Go-live lines on a category axis of `count` categories across `plotWidth` pixels: a line whose
 * label would run into the previous label's gets none. Other marks (thresholds, baselines) pass.
 */
function spreadGoLiveLabels(markLine: Obj, categories: readonly unknown[], plotWidth: number, measure: Measure): Obj {
	const step = plotWidth / Math.max(1, categories.length);
	const room = measure(String((markLine.label as Obj | undefined)?.formatter ?? 'go-live'), FONT) + 6;
	let last = -Infinity;
	const data = asList(markLine.data).map((d) => {
		if (d.xAxis === undefined) return d;
		const x = (categories.indexOf(d.xAxis) + 0.5) * step;
		if (x - last < room) return { ...d, label: { show: false } };
		last = x;
		return d;
	});
	return { ...markLine, data, label: { distance: MARK_DISTANCE, ...(markLine.label as Obj | undefined) } };
}

/** A heatmap's colour legend below the plot (a list, left), when narrow. */
function narrowHeatmap(option: Obj, grid: Obj): { option: Obj; extraHeight: number } {
	const maps = asList(option.visualMap);
	const pieces = maps.reduce((n, m) => n + asList(m.pieces).length, 0);
	const legend = pieces * 20 + 30;
	const visualMap = maps.map((m) => {
		const rest = { ...m };
		delete rest.right;
		delete rest.top;
		return { ...rest, orient: 'vertical', left: 8, bottom: 8 };
	});
	return { option: { ...option, visualMap, grid: { ...grid, right: 16, bottom: px(grid.bottom, 0, 48) + legend } }, extraHeight: legend };
}

/** Rotated category labels stand upright where a slanted one would reach over its neighbour's, the plot raised to hold them. */
function uprightLabels(option: Obj, plotWidth: number, measure: Measure): Obj {
	const axis = asList(option.xAxis)[0];
	if (!axis || !isObj(axis.axisLabel) || !axis.axisLabel.rotate || axis.axisLabel.rotate === 90) return option;
	const data = (axis.data as unknown[] | undefined) ?? [];
	const longest = Math.max(0, ...data.map((d) => measure(String(d), FONT)));
	if (plotWidth / Math.max(1, data.length) >= longest * Math.cos((Number(axis.axisLabel.rotate) * Math.PI) / 180) + 4) return option;
	const grid = option.grid as Obj;
	return {
		...option,
		xAxis: [{ ...axis, axisLabel: { ...axis.axisLabel, rotate: 90 } }],
		grid: { ...grid, bottom: px(grid.bottom, 0, 48) + Math.max(0, longest + 12 - px(grid.bottom, 0, 48)) }
	};
}

/** A band's label (partial weeks, low coverage) only where the band is wide enough to hold it. */
function fitBandLabels(markArea: Obj, categories: readonly unknown[], step: number, measure: Measure): Obj {
	const size = Number((markArea.label as Obj | undefined)?.fontSize ?? FONT);
	const data = asList(markArea.data).map((pair) => {
		const [from, to] = Array.isArray(pair) ? (pair as Obj[]) : [];
		if (!from || !to || typeof from.name !== 'string') return pair;
		const span = (categories.indexOf(to.xAxis) - categories.indexOf(from.xAxis) + 1) * step;
		return measure(from.name, size) + 4 <= span ? pair : [{ ...from, label: { show: false } }, to];
	});
	return { ...markArea, data };
}

/** Least width of a small multiple's panel: its clinic's name and a readable line. */
const PANEL_MIN = 160;

/**
 * Small multiples (grids side by side, in percent of the width) in fewer columns where the panels
 * would be narrower than PANEL_MIN; the chart grows by the rows added, x labels on the new last row.
 */
function fewerColumns(option: Obj, width: number): { option: Obj; extraHeight: number } {
	const grids = asList(option.grid);
	const lefts = [...new Set(grids.map((g) => g.left))];
	const tops = [...new Set(grids.map((g) => Number(g.top)))].sort((a, b) => a - b);
	const columns = lefts.length;
	const fit = Math.max(1, Math.floor(width / PANEL_MIN));
	if (grids.length < 2 || fit >= columns || !lefts.every((l) => typeof l === 'string' && l.endsWith('%'))) return { option, extraHeight: 0 };
	const pitch = tops.length > 1 ? (tops[1] ?? 0) - (tops[0] ?? 0) : 0;
	const rows = Math.ceil(grids.length / fit);
	const share = 100 / fit;
	const grid = grids.map((g, i) => ({ ...g, left: `${(i % fit) * share + 2.5}%`, width: `${share - 4}%`, top: (tops[0] ?? 0) + Math.floor(i / fit) * pitch }));
	const xAxis = asList(option.xAxis).map((a, i) => ({ ...a, axisLabel: { ...(a.axisLabel as Obj | undefined), show: Math.floor(i / fit) === rows - 1 } }));
	return { option: { ...option, grid, xAxis }, extraHeight: (rows - tops.length) * pitch };
}

/** Axis names never wider than their grid (small multiples' clinic names), cut with an ellipsis. */
function namesWithinGrids(option: Obj, width: number): Obj {
	const grids = asList(option.grid);
	const yAxis = asList(option.yAxis).map((a) => {
		if (typeof a.name !== 'string') return a;
		const grid = grids[Number(a.gridIndex ?? 0)] ?? {};
		const room = grid.width !== undefined ? px(grid.width, width, width) : width - px(grid.left, width, 56) - px(grid.right, width, 16);
		return { ...a, nameTruncate: { maxWidth: Math.max(40, room - 4), ellipsis: '…' } };
	});
	return { ...option, yAxis };
}

/** The least width a heatmap is drawn at: cells of at least 12 px, or 40 px where columns are few named categories. */
export function heatmapMinWidth(option: EChartsCoreOption, narrow: boolean): number {
	if (!asList(option.series).some((s) => s.type === 'heatmap')) return 0;
	const grid = asList(option.grid)[0] ?? {};
	const columns = ((asList(option.xAxis)[0]?.data as unknown[] | undefined) ?? []).length;
	const cell = columns <= 12 ? 40 : 12;
	return px(grid.left, 0, 160) + columns * cell + (narrow ? 16 : px(grid.right, 0, 150));
}

export interface Fitted {
	readonly option: EChartsCoreOption;
	/** Pixels the chart needs on top of the height it was given (a legend moved below). */
	readonly extraHeight: number;
	/** The width the option was laid out for. */
	readonly width: number;
}

/** `option` laid out for a frame `frameWidth` pixels wide (the chart may be wider: a heatmap scrolls). */
export function fitToWidth(input: EChartsCoreOption, frameWidth: number, measure: Measure = estimate): Fitted {
	const narrow = frameWidth < NARROW;
	const width = Math.max(frameWidth, heatmapMinWidth(input, narrow));
	let option: Obj = { ...input };
	let extraHeight = 0;
	if (option.xAxis) option.xAxis = asList(option.xAxis).map((a) => fitValueAxis(a, narrow, true));
	if (option.yAxis) option.yAxis = asList(option.yAxis).map((a) => fitValueAxis(a, narrow, false));
	if (Array.isArray(option.grid)) ({ option, extraHeight } = fewerColumns(option, width));
	option = namesWithinGrids(option, width);
	// Only single-grid charts: small multiples draw their own names and hide their marks' labels.
	const grid = isObj(option.grid) ? option.grid : undefined;
	if (!grid) return { option, extraHeight, width };
	const isHeatmap = asList(option.series).some((s) => s.type === 'heatmap');
	if (narrow && isHeatmap && option.visualMap) ({ option, extraHeight } = narrowHeatmap(option, grid));
	const plotWidth = () => width - px((option.grid as Obj).left, width, 56) - px((option.grid as Obj).right, width, 16);
	if (isHeatmap) option = uprightLabels(option, plotWidth(), measure);
	const categories = (asList(option.xAxis)[0]?.data as unknown[] | undefined) ?? [];
	const step = plotWidth() / Math.max(1, categories.length);
	option.series = asList(option.series).map((s) => (isObj(s.markArea) ? { ...s, markArea: fitBandLabels(s.markArea, categories, step, measure) } : s));
	if (isHeatmap) return { option, extraHeight, width };
	const legend = asList(option.legend)[0];
	const atTop = legend !== undefined && legend.top === 0 && legend.show !== false;
	const names = atTop ? asList(option.series).map((s) => String(s.name ?? '')) : [];
	const yAxes = asList(option.yAxis);
	const named = yAxes.some((a) => typeof a.name === 'string' && a.name !== '' && a.nameLocation === undefined);
	const series = asList(option.series);
	const marked = series.some((s) => isObj(s.markLine) && asList(s.markLine.data).some((d) => d.xAxis !== undefined));
	if (atTop || (named && marked)) {
		const top = (atTop ? legendHeight(names, width, measure) : 0) + (named ? ABOVE_PLOT : 0) + (marked ? FONT + MARK_DISTANCE : 0);
		option.grid = { ...grid, top: Math.max(top, marked || named ? 24 : 8) };
		if (atTop) option.legend = { ...legend, left: LEGEND.side, right: LEGEND.side };
		if (named) {
			option.yAxis = yAxes.map((a, i) =>
				typeof a.name === 'string' && a.nameLocation === undefined
					? { ...a, nameGap: marked ? NAME_GAP : 10, nameTextStyle: { ...(a.nameTextStyle as Obj | undefined), align: i === 0 ? 'left' : 'right' } }
					: a
			);
		}
	}
	if (marked) {
		option.series = asList(option.series).map((s) => (isObj(s.markLine) ? { ...s, markLine: spreadGoLiveLabels(s.markLine, categories, plotWidth(), measure) } : s));
	}
	return { option, extraHeight, width };
}
