/**
 * The small multiples laid out as plain shapes (lines and texts) for a width: what the screen's
 * canvas, the printed SVG and the downloaded PNG all draw (panel-draw.ts), so the three cannot
 * differ. Pure, so that a unit test can check where every go-live mark and label falls.
 */
import { stripBidi } from '../safe-labels';
import { MULTIPLES_TOP, PANEL_HEIGHT, panelColumns, smallMultiplesHeight, type PanelsModel } from './small-multiples';
import { fitText, type MeasureText, type TextShape } from '../text-measure';
export type { TextShape };

export interface LineShape {
	readonly kind: 'line';
	/** A polyline: x0, y0, x1, y1, … */
	readonly points: readonly number[];
	readonly color: string;
	readonly width: number;
	readonly dash?: readonly number[];
}
export type Shape = TextShape | LineShape;

/** Where one panel's plot is, for hit-testing a pointer (the tooltip). */
export interface PlotBox {
	readonly panel: number;
	readonly left: number;
	readonly top: number;
	readonly width: number;
	readonly height: number;
}

export interface PanelLayout {
	readonly width: number;
	readonly height: number;
	readonly shapes: readonly Shape[];
	readonly plots: readonly PlotBox[];
}

const INK = '#1c2430';
const MUTED = '#5b6675';
const GRID = '#e3e7ed';
const LINE = '#1f5fbf';
const SLOW = '#b42318';
const GO_LIVE = '#b45309';
const TITLE_SIZE = 10;
const TICK_SIZE = 9;
/** Room left of each plot for its y labels, and gaps around it. */
const Y_LABELS = 26;
const PLOT_TOP = 18;
const PLOT_HEIGHT = PANEL_HEIGHT - 40;
const GAP = 10;

/** Round y ticks inside the shared range: its ends, and round steps between when there is room. */
export function yTicks([min, max]: readonly [number, number]): number[] {
	const span = max - min;
	const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => span / s <= 3) ?? span / 2;
	const ticks = [min];
	for (let v = Math.ceil((min + step * 0.5) / step) * step; v <= max - step * 0.5; v += step) ticks.push(v);
	ticks.push(max);
	return ticks;
}

/** Indexes of the week labels drawn under a plot: the first, the last and evenly between, as many as fit. */
export function xTickIndexes(count: number, plotWidth: number, labelWidth: number): number[] {
	if (count === 0) return [];
	if (count === 1) return [0];
	const fits = Math.max(2, Math.min(count, Math.floor(plotWidth / (labelWidth + 8))));
	return [...new Set(Array.from({ length: fits }, (_, i) => Math.round((i * (count - 1)) / (fits - 1))))];
}

export function layoutPanels(model: PanelsModel, width: number, measure: MeasureText): PanelLayout {
	const n = model.panels.length;
	const columns = panelColumns(n, width);
	const cell = width / columns;
	const rows = Math.ceil(n / columns);
	const [min, max] = model.range;
	const ticks = yTicks(model.range);
	const buckets = model.labels.length;
	const shapes: Shape[] = [];
	const plots: PlotBox[] = [];
	const labelWidth = Math.max(0, ...model.labels.map((l) => measure(l, TICK_SIZE)));
	model.panels.forEach((p, i) => {
		const column = i % columns;
		const row = Math.floor(i / columns);
		const left = column * cell + Y_LABELS + 4;
		const plotWidth = Math.max(10, cell - Y_LABELS - GAP - 4);
		const top = MULTIPLES_TOP + row * PANEL_HEIGHT + PLOT_TOP;
		const x = (j: number) => left + (buckets <= 1 ? plotWidth / 2 : (j * plotWidth) / (buckets - 1));
		const y = (v: number) => top + PLOT_HEIGHT - ((v - min) / (max - min || 1)) * PLOT_HEIGHT;
		plots.push({ panel: i, left, top, width: plotWidth, height: PLOT_HEIGHT });
		const colour = p.highlight ? SLOW : LINE;
		shapes.push({
			kind: 'text',
			text: fitText(stripBidi(p.label), cell - GAP - 4, TITLE_SIZE, measure, p.highlight),
			x: column * cell + 4,
			y: top - 11,
			size: TITLE_SIZE,
			align: 'left',
			color: p.highlight ? SLOW : INK,
			bold: p.highlight
		});
		for (const t of ticks) {
			shapes.push({ kind: 'line', points: [left, y(t), left + plotWidth, y(t)], color: GRID, width: 1 });
			shapes.push({ kind: 'text', text: String(t), x: left - 4, y: y(t), size: TICK_SIZE, align: 'right', color: MUTED });
		}
		if (p.reference !== null && p.reference >= min && p.reference <= max)
			shapes.push({ kind: 'line', points: [left, y(p.reference), left + plotWidth, y(p.reference)], color: MUTED, width: 1, dash: [2, 2] });
		if (p.goLive !== null) shapes.push({ kind: 'line', points: [x(p.goLive), top, x(p.goLive), top + PLOT_HEIGHT], color: GO_LIVE, width: 1, dash: [4, 3] });
		// The line breaks where a week has no value; a lone week is drawn as a dot-long stroke.
		let run: number[] = [];
		const flush = () => {
			if (run.length === 2) run.push((run[0] ?? 0) + 0.5, run[1] ?? 0);
			if (run.length >= 4) shapes.push({ kind: 'line', points: run, color: colour, width: 1.5 });
			run = [];
		};
		p.values.forEach((v, j) => (v === null ? flush() : run.push(x(j), y(v))));
		flush();
		// Week labels under the lowest panel of each column.
		if (i + columns >= n || row === rows - 1)
			for (const j of xTickIndexes(buckets, plotWidth, labelWidth)) {
				const align = buckets > 1 && j === 0 ? 'left' : buckets > 1 && j === buckets - 1 ? 'right' : 'center';
				shapes.push({ kind: 'text', text: model.labels[j] ?? '', x: x(j), y: top + PLOT_HEIGHT + 10, size: TICK_SIZE, align, color: MUTED });
			}
	});
	return { width, height: smallMultiplesHeight(n, width), shapes, plots };
}
