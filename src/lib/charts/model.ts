import type { EChartsCoreOption } from 'echarts/core';

export type Cell = string | number | null;

/** What a chart shows, twice: as an ECharts option and as a plain table (for screen readers, CSV and tests). */
export interface ChartModel {
	readonly option: EChartsCoreOption;
	readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
	/** What each x (and for heatmaps y) category stands for, so that a click can say which cell it hit. */
	readonly xKeys?: readonly (string | number)[];
	readonly yKeys?: readonly string[];
	/** Per table row, what picking that row opens: the keyboard path to the same drill-down as a click. */
	readonly rowPicks?: readonly ChartPick[];
	/** The height the chart needs (e.g. one row per category of horizontal bars); the page's default without it. */
	readonly height?: number;
	/** What the chart leaves out to stay drawable (too many clinics), said under its title. */
	readonly limited?: string;
	/** How to read it (a colour scale's bins and unit, what is not assessed), said under its title. */
	readonly caption?: string;
	/** Set when the chart has nothing to draw in scope: what is missing and why (charts/empty.ts). */
	readonly empty?: string;
}

/** A clicked mark: its series and the keys of its x and y categories. */
export interface ChartPick {
	readonly series: string | undefined;
	readonly x: string | number | undefined;
	readonly y: string | undefined;
}

/**
 * Tooltips drawn on the canvas (`richText`), never as HTML: labels come from data
 * (clinic names, categories) and ECharts' HTML tooltips would render markup in them.
 */
export const SAFE_TOOLTIP = { trigger: 'axis', renderMode: 'richText', confine: true } as const;
