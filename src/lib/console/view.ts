import { z } from 'zod';

export const CHART_KINDS = ['line', 'bar', 'stacked-bar', 'heatmap', 'scatter'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

const columnName = z.string().min(1).max(300);

/**
 * Which result columns a console chart draws. For a heatmap, `x` and `series` are the two
 * axes and `y` the value coloured.
 */
export const ChartMappingSchema = z.object({
	kind: z.enum(CHART_KINDS),
	x: columnName,
	y: columnName,
	series: columnName.nullable()
});
export type ChartMapping = z.infer<typeof ChartMappingSchema>;

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
