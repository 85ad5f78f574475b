import { z } from 'zod';

export const CHART_KINDS = ['line', 'bar', 'stacked-bar', 'heatmap', 'scatter'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

const columnName = z.string().min(1).max(300);

/** How rows that share an x (and series) are combined: not at all (each x once), or their sum, mean or count. */
export const AGGREGATIONS = ['none', 'sum', 'avg', 'count'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
/** y columns a chart draws at most (the first in `y`, the others in `ys`). */
export const MAX_Y_COLUMNS = 8;

/**
 * Which result columns a console chart draws. For a heatmap, `x` and `series` are the two
 * axes and `y` the value coloured.
 */
export const ChartMappingSchema = z.object({
	kind: z.enum(CHART_KINDS),
	x: columnName,
	y: columnName,
	series: columnName.nullable(),
	/** More y columns, one series each (links made before there were several have none). */
	ys: z
		.array(columnName)
		.max(MAX_Y_COLUMNS - 1)
		.optional(),
	/** Absent in older links: read as "none", so nothing is summed that the chart does not say. */
	agg: z.enum(AGGREGATIONS).optional()
});
export type ChartMapping = z.infer<typeof ChartMappingSchema>;

export const yColumns = (m: ChartMapping): string[] => [m.y, ...(m.ys ?? [])];
export const aggregationOf = (m: ChartMapping): Aggregation => m.agg ?? 'none';

export const MAX_SQL_LENGTH = 100_000;

/**
 * What the console shows that a person chose: the SQL text and the chart mapping. Saved
 * queries keep it, and a shared link (issue 7) can carry it; it is never run on its own.
 */
export const ConsoleViewSchema = z.object({
	sql: z.string().max(MAX_SQL_LENGTH),
	chart: ChartMappingSchema.nullable()
});
export type ConsoleView = z.infer<typeof ConsoleViewSchema>;
