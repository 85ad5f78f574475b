/** Median, min and max of repeated runs, as the benchmark tables print them. */
export interface Spread {
	readonly median: number;
	readonly min: number;
	readonly max: number;
}

export function spread(values: readonly number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
	return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
}

export function row(label: string, s: Spread, unit: string, target = ''): string {
	const f = (x: number) => (unit === 'x' ? x.toFixed(2) : unit === 'KB' || unit === 'MB' ? x.toFixed(1) : Math.round(x).toString());
	return `${label.padEnd(44)} ${f(s.median).padStart(9)} ${f(s.min).padStart(9)} ${f(s.max).padStart(9)}  ${unit.padEnd(3)} ${target}`;
}

export const HEADER = `${'measure'.padEnd(44)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}  unit target`;
