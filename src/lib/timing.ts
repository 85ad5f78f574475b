/**
 * User Timing measures from navigation start, read by `npm run bench`.
 * Each is recorded once per page load: the first occurrence is the one that matters.
 */
export type TimingName = 'hypercare:duckdb-ready' | 'hypercare:data-loaded' | 'hypercare:first-chart';

export function markSince(name: TimingName): void {
	if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'measure').length > 0) return;
	performance.measure(name, { start: 0, end: performance.now() });
}
