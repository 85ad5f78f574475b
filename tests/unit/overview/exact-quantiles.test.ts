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
	return ofSorted(Float64Array.from(values).sort(), q);
}

function ofSorted(sorted: Float64Array, q: number): number | null {
	if (sorted.length === 0) return null;
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

	it('stay exact with few bins, each holding many values and ties (hundreds of thousands of cells)', () => {
		// 300,000 cells: (cells + 1) x bins counts stay under 2M with 6 bins, so each bin holds thousands of values.
		const cells = 300_000;
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const start = new Int32Array(cells + 1);
		const flat: number[] = [];
		for (let c = 0; c < cells; c++) {
			const n = Math.floor(next() * 4);
			const cell = Array.from({ length: n }, () => (next() < 0.3 ? 3600 : Math.floor(next() * 500_000)) / 3600).sort((a, b) => a - b);
			flat.push(...cell);
			start[c + 1] = start[c]! + n;
		}
		const data = cellValues(Float64Array.from(flat), start);
		expect(data.bins).toBeLessThan(10);
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: 0, max: cells }), { minLength: 2, maxLength: 12 }), (cuts) => {
				const bounds = [...cuts].sort((a, b) => a - b);
				const ranges = new Ranges(start);
				let chosen: number[] = [];
				for (let i = 0; i + 1 < bounds.length; i += 2) {
					ranges.push(bounds[i]!, bounds[i + 1]!);
					chosen = chosen.concat(flat.slice(start[bounds[i]!], start[bounds[i + 1]!]));
				}
				const sorted = Float64Array.from(chosen).sort();
				expect(exactQuantiles(data, ranges, [0.5, 0.9, 0.25, 0, 1])).toEqual([0.5, 0.9, 0.25, 0, 1].map((q) => ofSorted(sorted, q)));
			}),
			{ numRuns: 25 }
		);
	});
});
