/** A date range whose start is after its end: no day lies in it, so the page says so rather than showing nothing as 0. */
export function reversedRange(f: { from: string | null; to: string | null }): boolean {
	return f.from !== null && f.to !== null && f.from > f.to;
}
