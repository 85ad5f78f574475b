import { describe, expect, it } from 'vitest';
import { gridWindow, MAX_SCROLL_HEIGHT } from '$lib/console/grid-window';

const ROW = 24;
/** Where row i is drawn relative to the top of the visible area. */
const onScreen = (w: ReturnType<typeof gridWindow>, i: number, scrollTop: number) => i * ROW + w.shift - scrollTop;

describe('grid window', () => {
	it('draws the visible rows plus a few around them, one pixel per pixel for short results', () => {
		const w = gridWindow(1000, ROW, 240, 2400);
		expect(w).toEqual({ first: 96, last: 114, spacerHeight: 24000, shift: 0 });
		expect(onScreen(w, 100, 2400)).toBe(0);
	});

	it('caps the scrolled height for a million rows and still reaches the first and the last row', () => {
		const rows = 1_000_000;
		const top = gridWindow(rows, ROW, 400, 0);
		expect(top.spacerHeight).toBe(MAX_SCROLL_HEIGHT);
		expect(top.first).toBe(0);
		expect(onScreen(top, 0, 0)).toBe(0);
		const end = MAX_SCROLL_HEIGHT - 400;
		const bottom = gridWindow(rows, ROW, 400, end);
		expect(bottom.last).toBe(rows);
		// The last row ends exactly at the bottom of the visible area.
		expect(onScreen(bottom, rows - 1, end) + ROW).toBeCloseTo(400, 6);
		const middle = gridWindow(rows, ROW, 400, end / 2);
		expect(middle.first).toBeGreaterThan(rows / 2 - 20);
		expect(middle.last).toBeLessThan(rows / 2 + 30);
	});

	it('draws nothing for an empty result and clamps a stale scroll position', () => {
		expect(gridWindow(0, ROW, 400, 500)).toEqual({ first: 0, last: 0, spacerHeight: 0, shift: 0 });
		expect(gridWindow(10, ROW, 400, 9999).first).toBe(0);
	});
});
