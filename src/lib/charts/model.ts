import type { EChartsCoreOption } from 'echarts/core';

export type Cell = string | number | null;

/** What a chart shows, twice: as an ECharts option and as a plain table (for screen readers, CSV and tests). */
export interface ChartModel {
	readonly option: EChartsCoreOption;
	readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
}

/**
 * Tooltips drawn on the canvas (`richText`), never as HTML: labels come from data
 * (clinic names, categories) and ECharts' HTML tooltips would render markup in them.
 */
export const SAFE_TOOLTIP = { trigger: 'axis', renderMode: 'richText', confine: true } as const;
