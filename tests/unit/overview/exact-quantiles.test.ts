/**
 * The exact quantiles over runs of sorted cells (overview/exact-quantiles.ts) against the plain
 * definition (every value chosen, sorted, ranks read off), on arrays large enough that the bins,
 * one-value bins and bins asked for twice all occur. DuckDB's interpolation itself is checked
 * against DuckDB in cube-figures.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValues, exactQuantiles, Ranges } from '$lib/overview/exact-quantiles';

function reference(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const [lo, hi] = [sorted[Math.floor(position)]!, sorted[Math.ceil(position)]!];
	const fraction = position - Math.floor(position);
	return fraction === 0 ? lo : lo * (1 - fraction) + hi * fraction;
}

describe('exact quantiles over sorted cells', () => {
	it('equal the order statistics of the values chosen, ties and one-value bins included', () => {
		const cell = fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2_000_000 })), { maxLength: 400 });
		fc.assert(
			fc.property(fc.array(cell, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), (cells, picks) => {
				const sorted = cells.map((c) => c.map((s) => s / 3600).sort((a, b) => a - b));
				const start = new Int32Array(cells.length + 1);
				sorted.forEach((c, i) => (start[i + 1] = start[i]! + c.length));
				const data = cellValues(Float64Array.from(sorted.flat()), start);
				const ranges = new Ranges(start);
				const chosen: number[] = [];
				for (const [a, b] of picks) {
					const [first, end] = [Math.min(a, b) % (cells.length + 1), Math.max(a, b) % (cells.length + 1)];
					if (end <= first || (ranges.bounds.length > 0 && first < ranges.bounds[ranges.bounds.length - 1]!)) continue;
					ranges.push(first, end);
					for (let c = first; c < end; c++) chosen.push(...sorted[c]!);
				}
				expect(ranges.count).toBe(chosen.length);
				expect(exactQuantiles(data, ranges, [0.5, 0.9, 0, 1])).toEqual([0.5, 0.9, 0, 1].map((q) => reference(chosen, q)));
			}),
			{ numRuns: 300 }
		);
	});
});
