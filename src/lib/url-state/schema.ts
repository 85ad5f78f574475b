import { z } from 'zod';
import { DrillSchema } from '$lib/attribution/drill';
import { ConsoleViewSchema } from '$lib/console/view';
import { OverviewFiltersSchema } from '$lib/scope/filters';
import { ScorecardSortSchema } from '$lib/recovery/scorecard-sort';
import { RecoverySettingsSchema } from '$lib/recovery/settings';

/** Which data a link was made on: per-table row counts and a digest of their keys. */
export const DataIdentitySchema = z.object({
	digest: z.string().regex(/^[0-9a-f]{8,64}$/),
	// Table names: a key like `__proto__` is refused; `constructor` is read as an own key only (identity.ts).
	rows: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), z.number().int().nonnegative())
});
export type DataIdentity = z.infer<typeof DataIdentitySchema>;

/**
 * Everything a shared link carries (version 2). Each field is optional: a link keeps only
 * what differs from the defaults, and a field that fails validation is dropped on its own
 * so the rest of the view still opens. Fields added later stay optional, so older links of
 * the same version keep their meaning without a migration.
 */
export const LinkStateSchema = z.object({
	v: z.literal(2),
	/**
	 * The sites, clinics, dates and time axis: one scope for every page, carried from page to
	 * page by the nav links (version 1 called it `filters`, and it was the page's own).
	 */
	scope: OverviewFiltersSchema.optional(),
	drill: DrillSchema.nullable().optional(),
	/** The recovery page's rules, when they differ from the defaults. */
	rules: RecoverySettingsSchema.optional(),
	/** The recovery scorecard's sort, when it is not the default. */
	scorecard: ScorecardSortSchema.optional(),
	/**
	 * The share of the clinics in scope a week since go-live must cover to be drawn (Overview
	 * and Recovery). Added within version 1: a link without it opens at the default (half).
	 */
	coverage: z.number().min(0).max(1).optional(),
	/** The SQL console's text and chart mapping: shown on opening, never run before the person clicks Run. */
	console: ConsoleViewSchema.optional(),
	data: DataIdentitySchema.optional()
});
export type LinkState = z.infer<typeof LinkStateSchema>;

export const LINK_VERSION = 2;
