import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** What the overview is filtered to; the same shape travels in links. */
export const OverviewFiltersSchema = z.object({
	sites: z.array(z.string()).default([]),
	clinics: z.array(z.string()).default([]),
	from: IsoDate.nullable().default(null),
	to: IsoDate.nullable().default(null),
	axis: z.enum(['calendar', 'go_live']).default('calendar')
});
export type OverviewFilters = z.infer<typeof OverviewFiltersSchema>;
export type TimeAxis = OverviewFilters['axis'];

export const DEFAULT_FILTERS: OverviewFilters = OverviewFiltersSchema.parse({});
