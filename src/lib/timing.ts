/**
 * User Timing measures from navigation start, read by `npm run bench`.
 * Each is recorded once per page load: the first occurrence is the one that matters.
 */
/** `overview-live`: the overview's figures first come from DuckDB (after the build-time first view). */
export type TimingName = 'hypercare:duckdb-ready' | 'hypercare:data-loaded' | 'hypercare:first-chart' | 'hypercare:overview-live';

export function markSince(name: TimingName): void {
	if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'measure').length > 0) return;
	performance.measure(name, { start: 0, end: performance.now() });
}
