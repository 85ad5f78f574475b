import { describe, expect, it } from 'vitest';
import { topTotal } from '../../../src/routes/actions/top-total';

const Z = 1.959964;

describe('tickets the top actions remove together', () => {
	it('adds the estimates and combines their spreads in quadrature', () => {
		const t = topTotal([
			{ removed_ahead: 30, removed_low: 30 - Z * 6, removed_high: 30 + Z * 6 },
			{ removed_ahead: 10, removed_low: 0, removed_high: 10 + Z * 8 },
			{ removed_ahead: null, removed_low: null, removed_high: null }
		]);
		expect(t?.n).toBe(2);
		expect(t?.removed).toBe(40);
		expect(t?.high).toBeCloseTo(40 + Z * 10, 9);
		expect(t?.low).toBeCloseTo(40 - Z * 10, 9);
	});

	it('has nothing to add without a projection', () => {
		expect(topTotal([{ removed_ahead: null, removed_high: null }])).toBeNull();
	});
});
