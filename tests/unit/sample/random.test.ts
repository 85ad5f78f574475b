import { describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/sample/random';

const draw = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('seeded random streams', () => {
	it('repeat for the same seed and label and differ otherwise', () => {
		const a = draw(new Random(1, 'tickets'), 50);
		expect(draw(new Random(1, 'tickets'), 50)).toEqual(a);
		expect(draw(new Random(2, 'tickets'), 50)).not.toEqual(a);
		expect(draw(new Random(1, 'billing'), 50)).not.toEqual(a);
		for (const x of a) expect(x >= 0 && x < 1).toBe(true);
	});

	it('draws counts with the intended means', () => {
		const rng = new Random(3, 'means');
		const n = 20_000;
		const mean = (f: () => number): number => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
		expect(mean(() => rng.poisson(0.4))).toBeCloseTo(0.4, 1);
		expect(mean(() => rng.poisson(45))).toBeCloseTo(45, 0);
		expect(mean(() => rng.binomial(20, 0.08))).toBeCloseTo(1.6, 1);
		const lognormals = Array.from({ length: n }, () => rng.lognormal(3.2, 0.7)).sort((x, y) => x - y);
		expect(lognormals[n / 2]).toBeCloseTo(3.2, 0);
	});
});
