import { z } from 'zod';

export const SORT_KEYS = ['clinic', 'site', 'goLive', 'tickets', 'productivity', 'billing', 'open', 'cause'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** How the scorecard is sorted; the same shape travels in links. */
export const ScorecardSortSchema = z.object({ key: z.enum(SORT_KEYS), ascending: z.boolean() });
export type ScorecardSort = z.infer<typeof ScorecardSortSchema>;

export const DEFAULT_SCORECARD_SORT: ScorecardSort = { key: 'goLive', ascending: true };
