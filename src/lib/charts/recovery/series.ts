import { numbers, strings, type ResultColumns } from '$lib/results/columns';

/** One line: values by bucket key (calendar Monday or go-live week). */
export type Points = ReadonlyMap<number, number | null>;

/** Rows of (key column, k, value column) as one point map per key, keys in order of first appearance. */
export function pointsByKey(result: ResultColumns, keyColumn: string, valueColumn: string): Map<string, Map<number, number | null>> {
	const keys = strings(result, keyColumn);
	const ks = numbers(result, 'k');
	const values = numbers(result, valueColumn);
	const out = new Map<string, Map<number, number | null>>();
	keys.forEach((key, i) => {
		const k = ks[i];
		if (k === null || k === undefined) return;
		const name = key ?? '(none)';
		let points = out.get(name);
		if (!points) out.set(name, (points = new Map()));
		points.set(k, values[i] ?? null);
	});
	return out;
}

/** Rows of (k, value) of a single-series result. */
export function pointsOf(result: ResultColumns, valueColumn: string): Map<number, number | null> {
	const ks = numbers(result, 'k');
	const values = numbers(result, valueColumn);
	const out = new Map<number, number | null>();
	ks.forEach((k, i) => {
		if (k !== null) out.set(k, values[i] ?? null);
	});
	return out;
}

/** A value scaled (e.g. a share to percent) and rounded for display; null stays null. */
export function scaled(value: number | null | undefined, scale: number, digits: number): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * scale * factor) / factor;
}
