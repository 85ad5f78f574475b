import { z } from 'zod';
import { DrillSchema } from '$lib/attribution/drill';
import { OverviewFiltersSchema } from '$lib/overview/filters';

/** Which data a link was made on: per-table row counts and a digest of their keys. */
export const DataIdentitySchema = z.object({
	digest: z.string().regex(/^[0-9a-f]{8,64}$/),
	rows: z.record(z.string(), z.number().int().nonnegative())
});
export type DataIdentity = z.infer<typeof DataIdentitySchema>;

/**
 * Everything a shared link carries (version 1). Each field is optional: a link keeps only
 * what differs from the defaults, and a field that fails validation is dropped on its own
 * so the rest of the view still opens.
 */
export const LinkStateSchema = z.object({
	v: z.literal(1),
	filters: OverviewFiltersSchema.optional(),
	drill: DrillSchema.nullable().optional(),
	data: DataIdentitySchema.optional()
});
export type LinkState = z.infer<typeof LinkStateSchema>;

export const LINK_VERSION = 1;
