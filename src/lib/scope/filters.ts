import { z } from 'zod';

/** A real calendar day: "2026-13-45" or "9999-99-99" match the pattern but would fail in SQL and leave no charts. */
const IsoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
	.refine((d) => {
		const day = new Date(`${d}T00:00:00Z`);
		return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === d;
	}, 'a real calendar date');

/**
 * The most sites or clinics a filter lists: far more than a hypercare meeting picks, and few
 * enough for a query's IN list (60,000 ids overflowed the stack).
 */
export const MAX_FILTER_VALUES = 2_000;
const Ids = z.array(z.string().max(200)).max(MAX_FILTER_VALUES);

/** What the overview is filtered to; the same shape travels in links. */
export const OverviewFiltersSchema = z.object({
	sites: Ids.default([]),
	clinics: Ids.default([]),
	from: IsoDate.nullable().default(null),
	to: IsoDate.nullable().default(null),
	axis: z.enum(['calendar', 'go_live']).default('calendar')
});
export type OverviewFilters = z.infer<typeof OverviewFiltersSchema>;
export type TimeAxis = OverviewFilters['axis'];

export const DEFAULT_FILTERS: OverviewFilters = OverviewFiltersSchema.parse({});
