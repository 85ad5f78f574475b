import { describe, expect, it } from 'vitest';
import { sparkline } from '$lib/recovery/sparkline';

describe('sparkline', () => {
	it('maps values onto the box: lowest at the bottom, highest at the top, one pixel of padding', () => {
		const line = sparkline([0, 5, 10], { width: 100, height: 22 });
		expect(line.path).toBe('M0 21 L50 11 L100 1');
	});

	it('breaks the line at a missing value rather than bridging the gap', () => {
		expect(sparkline([1, null, 3, 2], { width: 30, height: 12 }).path).toBe('M0 11 M20 1 L30 6');
	});

	it('places the reference line inside a fixed range, and clamps values outside it', () => {
		const line = sparkline([0.5, 1.2], { width: 10, height: 12, min: 0.6, max: 1.1, reference: 0.95 });
		expect(line.path).toBe('M0 11 L10 1');
		expect(line.referenceY).toBe(4);
		expect(sparkline([1, 2], { width: 10, height: 12, min: 0, max: 5, reference: 9 }).referenceY).toBeNull();
	});

	it('draws nothing without values', () => {
		expect(sparkline([null, null], { width: 10, height: 10, reference: 1 })).toEqual({ path: '', referenceY: null });
		expect(sparkline([], { width: 10, height: 10 }).path).toBe('');
	});
});
