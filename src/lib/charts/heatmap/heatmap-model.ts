/**
 * A clinic × week heatmap as data: its rows and columns, one value per cell, the days of each
 * cell's week the data covers, and its colour bins. Heatmap.svelte draws it on a canvas of its own
 * (heatmap-shapes.ts): as an ECharts heatmap it cost most of a filter change on the Overview
 * (docs/performance.md, "The heatmap on its own canvas").
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
	/** The weeks, left to right: their keys and labels. */
	readonly columnKeys: readonly number[];
	readonly columnLabels: readonly string[];
	/** The x axis' title (calendar week or weeks since go-live). */
	readonly axisTitle: string;
	/** Row-major, rows × columns: the cell's value, NaN where the clinic had no tickets that week. */
	readonly values: Float64Array;
	/**
	 * Row-major: how many of the week's 7 days the data covers for that clinic. 7 is a whole week;
	 * 1–6 a week the export or the date filter cuts short (its count reads low); 0 a week outside
	 * the data (not observed, which is not "no tickets").
	 */
	readonly days: Uint8Array;
	/** What a value is (the legend's title and the tooltip's unit). */
	readonly unit: string;
	/** Low to high. */
	readonly bins: readonly HeatBin[];
	readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
	readonly caption?: string;
	readonly limited?: string;
	/** Set when there is nothing to draw: what is missing and why (said instead of an empty frame). */
	readonly empty?: string;
}

/** The bin a value falls in (index into bins), or -1 for no value. */
export function binOf(bins: readonly HeatBin[], v: number): number {
	if (!Number.isFinite(v)) return -1;
	for (let i = 0; i < bins.length; i++) if (v < (bins[i]?.max ?? Infinity)) return i;
	return bins.length - 1;
}

/** A cell in words: the clinic, the week (and how much of it the data covers), the value. For the tooltip and keyboard focus. */
export function cellText(m: HeatmapModel, row: number, column: number): string {
	const at = row * m.columnKeys.length + column;
	const v = m.values[at] ?? NaN;
	const days = m.days[at] ?? 7;
	const week = `${m.columnLabels[column] ?? ''}${days > 0 && days < 7 ? ` (${days} of 7 days of data: reads low)` : ''}`;
	const value = days === 0 ? 'not in the data (outside the export’s dates)' : Number.isFinite(v) ? `${v} ${m.unit}` : 'no tickets';
	return `${stripBidi(m.rowLabels[row] ?? '')}\n${week} · ${value}`;
}

/** What a click or Enter on a cell picks (the same shape as an ECharts chart's pick). */
export function cellPick(m: HeatmapModel, row: number, column: number): ChartPick {
	return { series: m.unit, x: m.columnKeys[column], y: m.rowKeys[row] };
}
