/**
 * A bar or line chart (xy-spec.ts) laid out as shapes for a width: legend (wrapped), the value axes'
 * names, go-live labels, the plot with its bands, bars, lines and marks, category labels (as many as
 * fit apart), the axis title, and the coverage strip under a go-live-axis chart. Pure, so a unit test
 * can check where everything falls and that no two texts overlap, at a desktop's and a phone's width.
 * One layout costs well under a millisecond: a filter change redraws a chart with no library between.
 */
import type { TextShape } from '../heatmap/shapes';
import { fitText, type MeasureText } from '../text-measure';
import { DASHES, type XyShape } from './xy-shapes';
import type { Band, XySeries, XySpec } from './xy-spec';
import { tickLabel, ticksFor, valueText, type Ticks } from './xy-scale';

/** Below this width a chart is laid out for a phone (compact numbers, fewer ticks). */
export const NARROW = 600;
const SIZE = 12;
const SMALL = 10;
const INK = '#1c2430';
const MUTED = '#6e7079';
const GRID = '#e0e6f1';
const LEGEND_ROW = 20;
const LABEL_WIDTH = 150;
const STRIP = 12;

/** Where the plot is, for pointing at a category and drawing the hover band. */
export interface XyPlot {
	readonly orientation: 'columns' | 'rows';
	readonly left: number;
	readonly top: number;
	readonly width: number;
	readonly height: number;
	/** Categories across (columns) or down (rows). */
	readonly count: number;
}

/** A drawn bar, for telling which series a click hit. */
export interface BarHit {
	readonly x: number;
	readonly y: number;
	readonly w: number;
	readonly h: number;
	readonly series: number;
	readonly category: number;
}

export interface XyLayout {
	readonly width: number;
	readonly height: number;
	readonly shapes: readonly XyShape[];
	readonly plot: XyPlot;
	readonly bars: readonly BarHit[];
}

const text = (t: string, x: number, y: number, o: Partial<Omit<TextShape, 'kind' | 'text' | 'x' | 'y'>> = {}): TextShape => ({
	kind: 'text',
	text: t,
	x,
	y,
	size: o.size ?? SIZE,
	align: o.align ?? 'left',
	color: o.color ?? MUTED,
	...(o.bold ? { bold: true } : {})
});

/** `#rrggbb` at an opacity (a faded bar at 30%, a line's area); other colour forms as they are. */
function faded(color: string, opacity = 0.3): string {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
	if (!m) return color;
	const [r, g, b] = [m[1], m[2], m[3]].map((h) => Number.parseInt(h ?? '0', 16));
	return `rgba(${r},${g},${b},${opacity})`;
}

/** Legend items wrapped into rows (each centred), as texts and symbols from `top`. Returns the rows used. */
function legend(spec: XySpec, width: number, top: number, measure: MeasureText, out: XyShape[]): number {
	const items = [
		...spec.series.map((s) => ({ name: s.name, series: s as XySeries | null, color: s.color })),
		...(spec.strip ? [{ name: spec.strip.name, series: null, color: spec.strip.color }] : [])
	];
	const max = width - 16;
	const rows: { w: number; items: { name: string; series: XySeries | null; color: string; w: number }[] }[] = [];
	for (const item of items) {
		const label = fitText(item.name, max - 24, SIZE, measure);
		const w = 24 + measure(label, SIZE);
		const row = rows.at(-1);
		if (row && row.w + 12 + w <= max) {
			row.items.push({ ...item, name: label, w });
			row.w += 12 + w;
		} else rows.push({ w, items: [{ ...item, name: label, w }] });
	}
	rows.forEach((row, r) => {
		let x = (width - row.w) / 2;
		const y = top + r * LEGEND_ROW + LEGEND_ROW / 2;
		for (const item of row.items) {
			const s = item.series;
			if (s && s.kind === 'line') out.push({ kind: 'path', points: [x, y, x + 20, y], stroke: item.color, width: Math.max(2, s.width), ...(DASHES[s.dash] ? { dash: DASHES[s.dash] } : {}) });
			else out.push({ kind: 'box', x: x + 2, y: y - 6, w: 16, h: 12, fill: item.color });
			out.push(text(item.name, x + 24, y, { color: INK }));
			x += item.w + 12;
		}
	});
	return rows.length;
}

/** The value range the series on an axis reach: stacked bars summed per category and sign. */
function extent(spec: XySpec, axis: 0 | 1): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	const stacks = new Map<string, { pos: number[]; neg: number[] }>();
	for (const s of spec.series) {
		if (s.axis !== axis) continue;
		const stack = s.kind === 'bar' && s.stack ? (stacks.get(s.stack) ?? { pos: [], neg: [] }) : null;
		if (stack && s.stack) stacks.set(s.stack, stack);
		s.points.forEach((p, i) => {
			if (p.value === null) return;
			let v = p.value;
			if (stack) {
				const side = v >= 0 ? stack.pos : stack.neg;
				v = side[i] = (side[i] ?? 0) + v;
			}
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		});
	}
	for (const m of spec.marks) {
		if ('value' in m.at && m.at.axis === axis) {
			lo = Math.min(lo, m.at.value);
			hi = Math.max(hi, m.at.value);
		}
	}
	return [lo, hi];
}

/** Category labels every `step`-th, as many as fit apart, kept inside the figure. */
function categoryStep(labels: readonly string[], band: number, measure: MeasureText): number {
	const widest = Math.max(0, ...labels.map((l) => measure(l, SIZE)));
	return Math.max(1, Math.ceil((widest + 10) / Math.max(1, band)));
}

/** Vertical mark labels left to right, each dropped if it would run into the one before (the line stays drawn). */
function markLabels(xs: { x: number; label: string; color: string }[], y: number, measure: MeasureText, width: number, out: XyShape[]): void {
	let end = -Infinity;
	for (const m of [...xs].sort((a, b) => a.x - b.x)) {
		if (!m.label) continue;
		const w = measure(m.label, SMALL);
		const x = Math.min(Math.max(m.x, w / 2 + 2), width - w / 2 - 2);
		if (x - w / 2 < end + 6) continue;
		out.push(text(m.label, x, y, { size: SMALL, align: 'center', color: m.color }));
		end = x + w / 2;
	}
}

function bandLabel(b: Band, x0: number, x1: number, y: number, plotLeft: number, plotRight: number, measure: MeasureText): TextShape | null {
	if (!b.label) return null;
	const w = measure(b.label, SMALL);
	const mid = (x0 + x1) / 2;
	if (mid - w / 2 >= plotLeft && mid + w / 2 <= plotRight) return text(b.label, mid, y, { size: SMALL, align: 'center', color: '#5b6675' });
	if (x0 + w <= plotRight) return text(b.label, x0 + 2, y, { size: SMALL, color: '#5b6675' });
	return text(b.label, x1 - 2, y, { size: SMALL, align: 'right', color: '#5b6675' });
}

/**
 * The chart laid out at `width`; `height` is the page's height for it, grown by the legend's extra
 * rows on a narrow screen (so the plot keeps its height) and by the strip.
 */
export function layoutXy(spec: XySpec, width: number, height: number, measure: MeasureText): XyLayout {
	return spec.orientation === 'rows' ? layoutRows(spec, width, height, measure) : layoutColumns(spec, width, height, measure);
}

function layoutColumns(spec: XySpec, width: number, baseHeight: number, measure: MeasureText): XyLayout {
	const narrow = width < NARROW;
	const shapes: XyShape[] = [];
	const texts: XyShape[] = [];
	let top = 4;
	const legendRows = spec.legend ? legend(spec, width, top, measure, texts) : 0;
	top += legendRows * LEGEND_ROW;
	const names = spec.axes.map((a) => a.name);
	const nameRow = names.some(Boolean) ? 18 : 0;
	const nameY = top + 9;
	top += nameRow;
	const markRow = spec.marks.some((m) => 'category' in m.at && m.label) ? 14 : 0;
	const markY = top + 6;
	top += markRow + 4;
	const stripRoom = spec.strip ? 6 + STRIP : 0;
	const below = 20 + stripRoom + (spec.categoryTitle ? 20 : 0);
	const height = baseHeight + Math.max(0, legendRows - 1) * LEGEND_ROW + (spec.strip ? 24 : 0);
	const plotHeight = Math.max(60, height - top - below);
	const tickCount = Math.max(2, Math.min(5, Math.floor(plotHeight / 45)));
	const ticks = spec.axes.map((a, i) => {
		const [lo, hi] = extent(spec, i as 0 | 1);
		return ticksFor(lo, hi, { scale: a.scale, ...(a.min !== undefined ? { min: a.min } : {}), ...(a.max !== undefined ? { max: a.max } : {}), count: tickCount });
	}) as Ticks[];
	const labelsOf = (t: Ticks) => t.values.map((v) => tickLabel(v, narrow));
	const leftLabels = labelsOf(ticks[0] as Ticks);
	const rightLabels = ticks[1] ? labelsOf(ticks[1]) : [];
	const left = Math.max(36, 10 + Math.max(...leftLabels.map((l) => measure(l, SIZE))));
	const right = ticks[1] ? Math.max(36, 10 + Math.max(...rightLabels.map((l) => measure(l, SIZE)))) : 16;
	const plot: XyPlot = { orientation: 'columns', left, top, width: Math.max(40, width - left - right), height: plotHeight, count: spec.categories.length };
	const bottom = top + plotHeight;
	const band = plot.width / Math.max(1, plot.count);
	const cx = (i: number) => left + (i + 0.5) * band;
	const yOf = (t: Ticks) => (v: number) => bottom - ((v - t.min) / (t.max - t.min || 1)) * plotHeight;
	const ys = ticks.map(yOf);

	// Grid lines and tick labels of the left axis; the right axis' labels only.
	const t0 = ticks[0] as Ticks;
	t0.values.forEach((v, i) => {
		const y = (ys[0] as (v: number) => number)(v);
		if (spec.axes[0].gridLines && v !== t0.min) shapes.push({ kind: 'path', points: [left, Math.round(y) + 0.5, left + plot.width, Math.round(y) + 0.5], stroke: GRID });
		texts.push(text(leftLabels[i] ?? '', left - 6, y, { align: 'right' }));
	});
	ticks[1]?.values.forEach((v, i) => texts.push(text(rightLabels[i] ?? '', left + plot.width + 6, (ys[1] as (v: number) => number)(v))));
	if (names[0]) texts.push(text(fitText(names[0], Math.max(60, (width - 8) / (names[1] ? 2 : 1) - 8), SIZE, measure), 4, nameY));
	if (names[1]) texts.push(text(fitText(names[1], (width - 8) / 2 - 8, SIZE, measure), width - 4, nameY, { align: 'right' }));

	// Bands behind the data, labelled inside the plot's top.
	for (const b of spec.bands) {
		const x0 = left + b.from * band;
		const x1 = left + (b.to + 1) * band;
		shapes.push({ kind: 'box', x: x0, y: top, w: x1 - x0, h: plotHeight, fill: b.color });
		const label = bandLabel(b, x0, x1, top + 8, left, left + plot.width, measure);
		if (label) texts.push(label);
	}

	// Bars: stacks side by side within a category, each stack's values on top of each other.
	const bars: BarHit[] = [];
	const barSeries = spec.series.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === 'bar');
	const groups = [...new Set(barSeries.map(({ s, i }) => s.stack ?? `#${i}`))];
	const inner = band * 0.8;
	const barWidth = groups.length > 0 ? Math.max(1, inner / groups.length - (groups.length > 1 ? 2 : 0)) : 0;
	const ends = new Map<string, { pos: number[]; neg: number[] }>();
	for (const { s, i } of barSeries) {
		const key = s.stack ?? `#${i}`;
		const g = groups.indexOf(key);
		const end = ends.get(key) ?? { pos: [], neg: [] };
		ends.set(key, end);
		const y = ys[s.axis] as (v: number) => number;
		s.points.forEach((p, c) => {
			if (p.value === null || p.value === 0) return;
			const side = p.value >= 0 ? end.pos : end.neg;
			const from = side[c] ?? 0;
			const to = from + p.value;
			side[c] = to;
			const x = left + c * band + (band - inner) / 2 + g * (inner / groups.length);
			const [ya, yb] = [y(from), y(to)];
			const box = { x, y: Math.min(ya, yb), w: barWidth, h: Math.max(1, Math.abs(ya - yb)) };
			const color = p.color ?? s.color;
			shapes.push({ kind: 'box', ...box, fill: p.faded ? faded(color) : color });
			bars.push({ ...box, series: i, category: c });
		});
	}

	// Lines (and their areas), broken where a value is missing; a lone value (a week between gaps, or the
	// only week of the data) is a diamond big enough to see, not a speck that reads as an empty chart.
	for (const s of spec.series) {
		if (s.kind !== 'line') continue;
		const y = ys[s.axis] as (v: number) => number;
		const t = ticks[s.axis] as Ticks;
		const base = y(Math.min(Math.max(0, t.min), t.max));
		let run: number[] = [];
		const flush = () => {
			if (run.length === 2) {
				const [x, y] = [run[0] ?? 0, run[1] ?? 0];
				shapes.push({ kind: 'path', points: [x, y - 5, x + 5, y, x, y + 5, x - 5, y], fill: s.color });
			} else if (run.length > 2) {
				if (s.area !== undefined) shapes.push({ kind: 'path', points: [run[0] ?? 0, base, ...run, run[run.length - 2] ?? 0, base], fill: faded(s.color, s.area) });
				shapes.push({ kind: 'path', points: run, stroke: s.color, width: s.width, ...(DASHES[s.dash] ? { dash: DASHES[s.dash] } : {}) });
			}
			run = [];
		};
		s.points.forEach((p, c) => {
			if (p.value === null) flush();
			else run.push(cx(c), y(p.value));
		});
		flush();
	}

	// The x axis line, then mark lines over the data.
	shapes.push({ kind: 'path', points: [left, bottom + 0.5, left + plot.width, bottom + 0.5], stroke: MUTED });
	const vertical: { x: number; label: string; color: string }[] = [];
	for (const m of spec.marks) {
		if ('category' in m.at) {
			const x = Math.round(cx(m.at.category)) + 0.5;
			shapes.push({ kind: 'path', points: [x, top, x, bottom], stroke: m.color, ...(DASHES[m.dash] ? { dash: DASHES[m.dash] } : {}) });
			vertical.push({ x, label: m.label, color: m.color });
		} else {
			const t = ticks[m.at.axis] as Ticks;
			if (m.at.value < t.min || m.at.value > t.max) continue;
			const y = Math.round((ys[m.at.axis] as (v: number) => number)(m.at.value)) + 0.5;
			shapes.push({ kind: 'path', points: [left, y, left + plot.width, y], stroke: m.color, ...(DASHES[m.dash] ? { dash: DASHES[m.dash] } : {}) });
			if (m.label) texts.push(text(fitText(m.label, plot.width - 8, SMALL, measure), left + plot.width - 4, y - 7, { size: SMALL, align: 'right', color: m.color }));
		}
	}
	markLabels(vertical, markY, measure, width, texts);

	// Category labels under the plot, as many as fit apart.
	const step = categoryStep(spec.categories, band, measure);
	for (let c = 0; c < spec.categories.length; c += step) {
		const label = fitText(spec.categories[c] ?? '', Math.max(band * step - 10, 40), SIZE, measure);
		const w = measure(label, SIZE);
		const x = Math.min(Math.max(cx(c), w / 2 + 2), width - w / 2 - 2);
		texts.push(text(label, x, bottom + 12, { align: 'center' }));
	}
	let y = bottom + 20;
	if (spec.strip) {
		const s = spec.strip;
		y += 6;
		s.points.forEach((p, c) => {
			if (!p.value) return;
			const h = Math.min(STRIP, (p.value / Math.max(1, s.max)) * STRIP);
			shapes.push({ kind: 'box', x: left + c * band + band * 0.05, y: y + STRIP - h, w: band * 0.9, h, fill: p.color ?? s.color });
		});
		shapes.push({ kind: 'path', points: [left, y + STRIP + 0.5, left + plot.width, y + STRIP + 0.5], stroke: GRID });
		if (s.axisName) texts.push(text(s.axisName, left - 6, y + STRIP / 2, { size: SMALL, align: 'right' }));
		y += STRIP;
	}
	if (spec.categoryTitle) texts.push(text(fitText(spec.categoryTitle, width - 8, SIZE, measure), left + plot.width / 2, y + 12, { align: 'center' }));
	return { width, height, shapes: [...shapes, ...texts], plot, bars };
}

/** Categories down the left (first at the top), a bar across for each, its value at its end. */
function layoutRows(spec: XySpec, width: number, height: number, measure: MeasureText): XyLayout {
	const narrow = width < NARROW;
	const shapes: XyShape[] = [];
	const texts: XyShape[] = [];
	const labelRoom = Math.min(LABEL_WIDTH, width * 0.35, Math.max(0, ...spec.categories.map((c) => measure(c, SIZE))));
	const left = labelRoom + 14;
	const [lo, hi] = extent(spec, 0);
	const axis = spec.axes[0];
	const valueLabels = spec.series.some((s) => s.valueLabels);
	const widestValue = valueLabels ? Math.max(0, ...spec.series.flatMap((s) => s.points.map((p) => measure(valueText(p.value), SIZE)))) : 0;
	const right = Math.max(16, widestValue + 12);
	const top = 8;
	const plotHeight = Math.max(40, height - top - 40);
	const plotWidth = Math.max(40, width - left - right);
	const ticks = ticksFor(lo, hi, {
		scale: axis.scale,
		...(axis.min !== undefined ? { min: axis.min } : {}),
		...(axis.max !== undefined ? { max: axis.max } : {}),
		count: Math.max(3, Math.min(5, Math.floor(plotWidth / 90)))
	});
	const x = (v: number) => left + ((v - ticks.min) / (ticks.max - ticks.min || 1)) * plotWidth;
	const bottom = top + plotHeight;
	const band = plotHeight / Math.max(1, spec.categories.length);
	ticks.values.forEach((v) => {
		const px = Math.round(x(v)) + 0.5;
		if (axis.gridLines && v !== ticks.min) shapes.push({ kind: 'path', points: [px, top, px, bottom], stroke: GRID });
		texts.push(text(tickLabel(v, narrow), px, bottom + 12, { align: 'center' }));
	});
	if (axis.name) texts.push(text(axis.name, left + plotWidth, bottom + 30, { align: 'right' }));
	spec.categories.forEach((c, i) => texts.push(text(fitText(c, labelRoom, SIZE, measure), left - 8, top + (i + 0.5) * band, { align: 'right' })));
	const bars: BarHit[] = [];
	const barSeries = spec.series.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === 'bar');
	const thick = (band * 0.7) / Math.max(1, barSeries.length);
	barSeries.forEach(({ s, i }, g) => {
		s.points.forEach((p, c) => {
			if (p.value === null) return;
			const [a, b] = [x(Math.max(ticks.min, 0)), x(p.value)];
			const box = { x: Math.min(a, b), y: top + c * band + band * 0.15 + g * thick, w: Math.max(1, Math.abs(b - a)), h: thick };
			const color = p.color ?? s.color;
			shapes.push({ kind: 'box', ...box, fill: p.faded ? faded(color) : color });
			bars.push({ ...box, series: i, category: c });
			if (s.valueLabels) texts.push(text(valueText(p.value), box.x + box.w + 4, box.y + box.h / 2, { color: INK }));
		});
	});
	shapes.push({ kind: 'path', points: [left - 0.5, top, left - 0.5, bottom], stroke: MUTED });
	return { width, height, shapes: [...shapes, ...texts], plot: { orientation: 'rows', left, top, width: plotWidth, height: plotHeight, count: spec.categories.length }, bars };
}

/** The category under a point of the figure, or null outside the plot. */
export function categoryAt(plot: XyPlot, x: number, y: number): number | null {
	if (x < plot.left || x > plot.left + plot.width || y < plot.top - 4 || y > plot.top + plot.height + 4) return null;
	const along = plot.orientation === 'columns' ? (x - plot.left) / plot.width : (y - plot.top) / plot.height;
	return Math.max(0, Math.min(plot.count - 1, Math.floor(along * plot.count)));
}

/** The bar under a point, if any. */
export function barAt(bars: readonly BarHit[], x: number, y: number): BarHit | null {
	for (const b of bars) if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b;
	return null;
}

/** A category in words for the tooltip and keyboard focus: its label, then each series' value. */
export function categoryText(spec: XySpec, c: number): string {
	const lines = [spec.categories[c] ?? ''];
	const band = spec.bands.find((b) => c >= b.from && c <= b.to && b.label);
	if (band) lines[0] += ` (${band.label})`;
	for (const s of spec.series) {
		const p = s.points[c];
		if (p === undefined) continue;
		lines.push(`${s.name}: ${valueText(p.value)}`);
	}
	if (spec.strip) lines.push(`${spec.strip.name}: ${valueText(spec.strip.points[c]?.value ?? null)}`);
	return lines.join('\n');
}
