/**
 * A clinic × column heatmap as data: its rows and columns, one value per cell, its colour bins and,
 * for weeks, the days of each cell's week the data covers. The columns are weeks (the Overview's
 * clinic × week heatmap) or categories (Root causes' clinic × cause matrix, each column binned on
 * its own: `cellBins`). Heatmap.svelte draws it on a canvas of its own (heatmap-shapes.ts): as an
 * ECharts heatmap it cost most of a filter change (docs/performance.md, "The heatmap on its own canvas").
 */
import type { ChartPick, Cell } from '../model';
import { stripBidi } from '../safe-labels';

/** One colour bin: values in [min, max) take `color`; `label` names it in the legend. */
export interface HeatBin {
	readonly min: number;
	readonly max: number;
	readonly label: string;
	readonly color: string;
}

export interface HeatmapModel {
	readonly kind: 'heatmap';
	/** The clinics, top to bottom: their keys (a click's pick) and labels (id and name). */
	readonly rowKeys: readonly string[];
	readonly rowLabels: readonly string[];
	/** The columns, left to right (weeks, or categories such as root causes): their keys (a click's pick) and labels. */
	readonly columnKeys: readonly (number | string)[];
	readonly columnLabels: readonly string[];
	/**
	 * Columns are categories: every column is labelled (turned 45° where the labels do not fit their
	 * cells flat), not every n-th as weeks are. `columnNoun` names them for a screen reader.
	 */
	readonly categorical?: boolean;
	readonly columnNoun?: string;
	/** The x axis' title (calendar week or weeks since go-live, root cause). */
	readonly axisTitle: string;
	/** Row-major, rows × columns: the cell's value, NaN where the clinic had no tickets there. */
	readonly values: Float64Array;
	/**
	 * Weeks only, row-major: how many of the week's 7 days the data covers for that clinic. 7 is a
	 * whole week; 1–6 a week the export or the date filter cuts short (its count reads low); 0 a week
	 * outside the data (not observed, which is not "no tickets"). Without it every cell is whole.
	 */
	readonly days?: Uint8Array;
	/**
	 * Weeks only: the first column from which the export thins out (sql/export-thinning.ts): those
	 * columns are shaded and their cells read low, for every clinic. Without it none is.
	 */
	readonly thinFrom?: number;
	/** What a value is (the tooltip's unit; the legend's title without `legendTitle`). */
	readonly unit: string;
	readonly legendTitle?: string;
	/** Low to high. */
	readonly bins: readonly HeatBin[];
	/**
	 * Row-major: each cell's bin (index into `bins`) where cells are not binned by value alone (a
	 * matrix whose columns are each binned among themselves); -1 a cell without tickets, NOT_ASSESSED
	 * one whose value cannot be measured (`notAssessed` says why). Without it a value's bin is `binOf`.
	 */
	readonly cellBins?: Int8Array;
	/** What a cell's bin is relative to, said after the bin in the tooltip (e.g. "among the clinics for this cause"). */
	readonly binScope?: string;
	/** Why a NOT_ASSESSED cell has no value (legend and tooltip). */
	readonly notAssessed?: string;
	readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
	/** Per table row, what picking that row opens (the keyboard path to a cell's drill-down). */
	readonly rowPicks?: readonly ChartPick[];
	readonly caption?: string;
	readonly limited?: string;
	/** Set when there is nothing to draw: what is missing and why (said instead of an empty frame). */
	readonly empty?: string;
	/**
	 * Set when the data cannot support the figure though it has rows (a matrix whose every ticket is
	 * unattributed): why, said in one line instead of the drawing; unlike `empty`, the data table and
	 * its CSV stay.
	 */
	readonly unassessed?: string;
}

/** A cell of `cellBins` whose value is not measured (no users to rate its tickets by): drawn grey, not white as "no tickets". */
export const NOT_ASSESSED = -2;

/** The bin a value falls in (index into bins), or -1 for no value. */
export function binOf(bins: readonly HeatBin[], v: number): number {
	if (!Number.isFinite(v)) return -1;
	for (let i = 0; i < bins.length; i++) if (v < (bins[i]?.max ?? Infinity)) return i;
	return bins.length - 1;
}

/** A cell's bin (index into bins), -1 for no value, or NOT_ASSESSED. */
export function cellBin(m: HeatmapModel, at: number): number {
	return m.cellBins ? (m.cellBins[at] ?? -1) : binOf(m.bins, m.values[at] ?? NaN);
}

/** A cell in words: the clinic, the column (and how much of a week the data covers), the value (and its bin where columns are binned on their own). For the tooltip and keyboard focus. */
export function cellText(m: HeatmapModel, row: number, column: number): string {
	const at = row * m.columnKeys.length + column;
	const v = m.values[at] ?? NaN;
	const days = m.days?.[at] ?? 7;
	const bin = m.cellBins ? cellBin(m, at) : -1;
	const thin = m.thinFrom !== undefined && column >= m.thinFrom ? ' (the export thins out: reads low)' : '';
	const where = `${m.columnLabels[column] ?? ''}${days > 0 && days < 7 ? ` (${days} of 7 days of data: reads low)` : thin}`;
	const standing = bin >= 0 ? `, ${m.bins[bin]?.label ?? ''}${m.binScope ? ` ${m.binScope}` : ''}` : '';
	const value =
		days === 0
			? 'not in the data (outside the export’s dates)'
			: bin === NOT_ASSESSED
				? `not assessed (${m.notAssessed ?? 'no value'})`
				: Number.isFinite(v)
					? `${v} ${m.unit}${standing}`
					: 'no tickets';
	return `${stripBidi(m.rowLabels[row] ?? '')}\n${where} · ${value}`;
}

/** What a click or Enter on a cell picks (the same shape as an ECharts chart's pick). */
export function cellPick(m: HeatmapModel, row: number, column: number): ChartPick {
	return { series: m.unit, x: m.columnKeys[column], y: m.rowKeys[row] };
}
