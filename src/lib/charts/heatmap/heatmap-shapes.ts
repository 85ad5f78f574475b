/**
 * The heatmap laid out as shapes for a width (shapes.ts draws them on the canvas, as SVG for print
 * and in the PNG): clinic labels left, column labels under the plot (weeks: as many as fit apart;
 * categories: every one, turned 45° when they do not fit flat), the colour legend right (below it on
 * a phone), cells of at least 12 px, 28 px for categories (the figure scrolls sideways when the
 * columns need more than the frame). Pure, so a unit test can check that no two texts overlap.
 */
import { stripBidi } from '../safe-labels';
import { cellBin, NOT_ASSESSED, type HeatmapModel } from './heatmap-model';
import { fitText, type MeasureText } from '../text-measure';
import type { Shape, TextShape } from './shapes';

export const NARROW = 600;
const ROW = 14;
const MIN_CELL = 12;
/** A category's cell: wide enough to tap on a phone, and for its label turned 45° to clear the next one's. */
const MIN_CATEGORY = 28;
/** The longest a turned category label may run (cut with "…" beyond). */
const TURNED_MAX = 160;
const SIZE = 10;
const SWATCH = 14;
const INK = '#1c2430';
const MUTED = '#5b6675';
const EDGE = '#c8ced6';
/** A week outside the data for that clinic: not observed, which is not "no tickets". */
export const OUTSIDE = '#d5d9df';
const TOP = 8;
/** Over the weeks the export thins out in: the bar and line charts' band colour (charts/coverage.ts `bands`). */
export const THIN = 'rgba(100,116,139,0.22)';

/** Where the cells are, for hit-testing a pointer and placing the focus ring. */
export interface HeatmapPlot {
	readonly left: number;
	readonly top: number;
	readonly cell: number;
	readonly row: number;
	readonly rows: number;
	readonly columns: number;
}

export interface HeatmapLayout {
	readonly width: number;
	readonly height: number;
	readonly shapes: readonly Shape[];
	readonly plot: HeatmapPlot;
}

/** The legend's entries: every colour bin high to low, then the cells that carry no value. */
function legendEntries(m: HeatmapModel): { label: string; fill: string; dashed?: boolean }[] {
	const entries: { label: string; fill: string; dashed?: boolean }[] = [...m.bins].reverse().map((b) => ({ label: b.label, fill: b.color }));
	entries.push({ label: 'no tickets', fill: '#ffffff' });
	if (m.cellBins?.includes(NOT_ASSESSED)) entries.push({ label: `not assessed (${m.notAssessed ?? 'no value'})`, fill: OUTSIDE });
	if (m.days?.some((d) => d === 0)) entries.push({ label: 'not in the data', fill: OUTSIDE });
	if (m.days?.some((d) => d > 0 && d < 7)) entries.push({ label: 'week cut short (reads low)', fill: '#ffffff', dashed: true });
	if (m.thinFrom !== undefined) entries.push({ label: 'export thins out (reads low)', fill: THIN });
	return entries;
}

/** Week labels that fit apart: every `step`-th, each centred on its week, kept inside the figure. */
function weekLabels(m: HeatmapModel, left: number, cell: number, y: number, width: number, measure: MeasureText): TextShape[] {
	const widest = Math.max(0, ...m.columnLabels.map((l) => measure(l, SIZE)));
	const step = Math.max(1, Math.ceil((widest + 8) / cell));
	const out: TextShape[] = [];
	let end = -Infinity;
	for (let c = 0; c < m.columnLabels.length; c += step) {
		const text = m.columnLabels[c] ?? '';
		const w = measure(text, SIZE);
		let x = left + (c + 0.5) * cell;
		let align: TextShape['align'] = 'center';
		if (x + w / 2 > width) [x, align] = [width, 'right'];
		const start = align === 'right' ? x - w : x - w / 2;
		if (start < end + 6) continue;
		end = start + w;
		out.push({ kind: 'text', text, x, y, size: SIZE, align, color: MUTED });
	}
	return out;
}

/**
 * Every category's label under its column: flat and centred when the widest fits its cell, else
 * turned 45° (rising to the right, ending under its column's middle: cells of MIN_CATEGORY keep
 * neighbours a line apart). Returns the texts and how far below the plot they reach.
 */
function categoryLabels(m: HeatmapModel, left: number, cell: number, bottom: number, measure: MeasureText): { texts: TextShape[]; depth: number } {
	const labels = m.columnLabels.map((l) => stripBidi(l));
	const widest = Math.max(0, ...labels.map((l) => measure(l, SIZE)));
	if (widest + 8 <= cell) {
		const texts = labels.map((text, c): TextShape => ({ kind: 'text', text, x: left + (c + 0.5) * cell, y: bottom + 10, size: SIZE, align: 'center', color: MUTED }));
		return { texts, depth: 10 + SIZE / 2 };
	}
	const half = (SIZE / 2) * Math.SQRT1_2;
	const y = bottom + 4 + half;
	const texts = labels.map((label, c): TextShape => {
		const x = left + (c + 0.5) * cell;
		// Cut to stay inside the figure's left edge as well as to TURNED_MAX.
		const text = fitText(label, Math.min(TURNED_MAX, (x - half - 2) / Math.SQRT1_2), SIZE, measure);
		return { kind: 'text', text, x, y, size: SIZE, align: 'right', color: MUTED, rotate: -45 };
	});
	const longest = Math.max(0, ...texts.map((t) => measure(t.text, SIZE)));
	return { texts, depth: 4 + 2 * half + longest * Math.SQRT1_2 };
}

export function layoutHeatmap(m: HeatmapModel, frameWidth: number, measure: MeasureText): HeatmapLayout {
	const narrow = frameWidth < NARROW;
	const rows = m.rowLabels.length;
	const columns = m.columnLabels.length;
	const labels = m.rowLabels.map((l) => stripBidi(l));
	const labelWidth = Math.min(Math.max(0, ...labels.map((l) => measure(l, SIZE))), narrow ? 110 : 200);
	const left = labelWidth + 10;
	const entries = legendEntries(m);
	const legendTitle = m.legendTitle ?? m.unit;
	const legendWidth = Math.max(measure(legendTitle, SIZE, true), ...entries.map((e) => SWATCH + 6 + measure(e.label, SIZE)));
	const right = narrow ? 8 : legendWidth + 24;
	const least = m.categorical ? MIN_CATEGORY : MIN_CELL;
	const cell = Math.max(least, columns > 0 ? (frameWidth - left - right) / columns : least);
	const width = Math.max(frameWidth, Math.ceil(left + cell * columns + right));
	const plotHeight = rows * ROW;
	const shapes: Shape[] = [];
	// Cells: coloured by bin, white without tickets, grey outside the data or not assessed, a dashed edge where the week is cut short.
	const cut: Shape[] = [];
	for (let r = 0; r < rows; r++)
		for (let c = 0; c < columns; c++) {
			const at = r * columns + c;
			const days = m.days?.[at] ?? 7;
			const bin = cellBin(m, at);
			const fill = days === 0 || bin === NOT_ASSESSED ? OUTSIDE : bin >= 0 ? m.bins[bin]?.color : undefined;
			const box = { kind: 'box' as const, x: left + c * cell, y: TOP + r * ROW, w: cell, h: ROW };
			if (fill) shapes.push({ ...box, fill });
			if (days > 0 && days < 7) cut.push({ ...box, stroke: MUTED, dash: [2, 2] });
		}
	// The weeks the export thins out in, shaded over every clinic's cells (a few tickets there is the export's, not a quiet clinic).
	if (m.thinFrom !== undefined && m.thinFrom < columns) shapes.push({ kind: 'box', x: left + m.thinFrom * cell, y: TOP, w: (columns - m.thinFrom) * cell, h: plotHeight, fill: THIN });
	shapes.push(...cut, { kind: 'box', x: left, y: TOP, w: cell * columns, h: plotHeight, stroke: EDGE });
	labels.forEach((label, r) =>
		shapes.push({ kind: 'text', text: fitText(label, labelWidth, SIZE, measure), x: left - 6, y: TOP + r * ROW + ROW / 2, size: SIZE, align: 'right', color: INK })
	);
	let titleY: number;
	if (m.categorical) {
		const labels = categoryLabels(m, left, cell, TOP + plotHeight, measure);
		shapes.push(...labels.texts);
		titleY = TOP + plotHeight + labels.depth + 14;
	} else {
		const ticksY = TOP + plotHeight + 10;
		shapes.push(...weekLabels(m, left, cell, ticksY, width, measure));
		titleY = ticksY + 18;
	}
	// On a phone the figure scrolls sideways: the axis title and the legend stay within its first screen.
	const seen = narrow ? Math.min(width, frameWidth) : width;
	const title = fitText(m.axisTitle, seen - 8, SIZE, measure);
	const titleWidth = measure(title, SIZE);
	const titleX = Math.min(Math.max(left + (cell * columns) / 2, titleWidth / 2 + 4), seen - titleWidth / 2 - 4);
	shapes.push({ kind: 'text', text: title, x: titleX, y: titleY, size: SIZE, align: 'center', color: INK });
	// The legend: a column right of the plot, or rows of entries under the axis title on a phone.
	let legendBottom: number;
	if (narrow) {
		let y = titleY + 22;
		shapes.push({ kind: 'text', text: fitText(legendTitle, seen - 8, SIZE, measure, true), x: 4, y, size: SIZE, align: 'left', color: INK, bold: true });
		let x = 4;
		y += 16;
		for (const e of entries) {
			const w = SWATCH + 4 + measure(e.label, SIZE);
			if (x > 4 && x + w > seen - 4) [x, y] = [4, y + 16];
			shapes.push({ kind: 'box', x, y: y - 5, w: SWATCH, h: 10, fill: e.fill, stroke: e.dashed ? MUTED : EDGE, ...(e.dashed ? { dash: [2, 2] } : {}) });
			shapes.push({ kind: 'text', text: fitText(e.label, seen - x - SWATCH - 8, SIZE, measure), x: x + SWATCH + 4, y, size: SIZE, align: 'left', color: MUTED });
			x += w + 12;
		}
		legendBottom = y + 10;
	} else {
		const x = width - legendWidth - 4;
		let y = TOP + 6;
		shapes.push({ kind: 'text', text: legendTitle, x, y, size: SIZE, align: 'left', color: INK, bold: true });
		for (const e of entries) {
			y += 16;
			shapes.push({ kind: 'box', x, y: y - 5, w: SWATCH, h: 10, fill: e.fill, stroke: e.dashed ? MUTED : EDGE, ...(e.dashed ? { dash: [2, 2] } : {}) });
			shapes.push({ kind: 'text', text: e.label, x: x + SWATCH + 6, y, size: SIZE, align: 'left', color: MUTED });
		}
		legendBottom = y + 10;
	}
	const height = Math.ceil(Math.max(titleY + 12, legendBottom) + 4);
	return { width, height, shapes, plot: { left, top: TOP, cell, row: ROW, rows, columns } };
}

/** The cell under a point of the figure, or null. */
export function cellAt(plot: HeatmapPlot, x: number, y: number): { row: number; column: number } | null {
	const column = Math.floor((x - plot.left) / plot.cell);
	const row = Math.floor((y - plot.top) / plot.row);
	if (column < 0 || row < 0 || column >= plot.columns || row >= plot.rows) return null;
	return { row, column };
}
