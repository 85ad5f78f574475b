/**
 * Clinic ids in the order people count them, the JS side of SQL's `naturalOrder` (sql/overview.ts):
 * the id without its digits, then its first number (an id without one, or with one too large for a
 * BIGINT, after those with one), then the id itself. "Location 2" comes before "Location 10", as in
 * the filter bar, the heatmaps and the matrix. Text is compared by code unit, as DuckDB compares
 * text by byte (the two differ only beyond the Basic Multilingual Plane).
 */
const BIGINT_MAX = 9_223_372_036_854_775_807n;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first run of digits as SQL's TRY_CAST(... AS BIGINT) reads it: null without one or past BIGINT. */
function firstNumber(id: string): bigint | null {
	const digits = /[0-9]+/.exec(id)?.[0];
	if (digits === undefined) return null;
	const n = BigInt(digits);
	return n <= BIGINT_MAX ? n : null;
}

/** Sorts clinic ids as `naturalOrder` does in SQL. */
export function compareClinicIds(a: string, b: string): number {
	const text = byCodeUnit(a.replace(/[0-9]+/g, ''), b.replace(/[0-9]+/g, ''));
	if (text !== 0) return text;
	const [x, y] = [firstNumber(a), firstNumber(b)];
	if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
	return byCodeUnit(a, b);
}
