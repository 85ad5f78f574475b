/**
 * What each of Recovery's measures needs loaded, and what the page says where it is not: the causes
 * tables and every chart name the export that is missing (a ticket export alone, for one), instead
 * of a generic "no data" that reads as "nothing is slow". The recovery tables join the visits and
 * the claims to the clinic list (for go-live dates and sites), so every measure needs it too.
 */

export type Measure = 'productivity' | 'billing';

/** The export each measure is computed from, besides the clinic list. */
const EXPORT_OF: Readonly<Record<Measure, { table: string; words: string }>> = {
	productivity: { table: 'throughput', words: 'the visit throughput export' },
	billing: { table: 'billing', words: 'the billing export' }
};

const CLINICS = 'a clinic list with go-live dates';

/** What a measure needs that is not loaded, in words (empty: it has what it needs). `has(table)`: whether that table has rows. */
export function missingFor(measure: Measure, has: (table: string) => boolean): string[] {
	const own = EXPORT_OF[measure];
	return [...(has('clinics') ? [] : [CLINICS]), ...(has(own.table) ? [] : [own.words])];
}

/** "needs a clinic list with go-live dates and the billing export." (the causes tables' "Not assessed: …"), or null. */
export function needsText(missing: readonly string[]): string | null {
	return missing.length > 0 ? `needs ${missing.join(' and ')}.` : null;
}

/** What a chart of the measure says instead of its drawing, or null when its exports are loaded (then an empty chart has no data in scope). */
export function chartNeedsText(missing: readonly string[]): string | null {
	if (missing.length === 0) return null;
	return `Not assessed: this chart needs ${missing.join(' and ')}, and ${missing.length > 1 ? 'neither is' : 'it is not'} loaded.`;
}
