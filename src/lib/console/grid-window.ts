/**
 * Which rows of a long result to draw for a scroll position. The scrolled element's height
 * is capped (browsers limit element height, Firefox near 17.9 million px), so past the cap a
 * scroll pixel stands for more than a pixel of rows.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface GridWindow {
	/** Rows [first, last) are drawn. */
	readonly first: number;
	readonly last: number;
	readonly spacerHeight: number;
	/** Row i is drawn at i * rowHeight + shift within the spacer. */
	readonly shift: number;
}

export function gridWindow(rows: number, rowHeight: number, viewport: number, scrollTop: number, overscan = 4): GridWindow {
	const total = rows * rowHeight;
	const spacerHeight = Math.min(total, MAX_SCROLL_HEIGHT);
	const scrollRange = spacerHeight - viewport;
	const top = Math.max(0, Math.min(scrollTop, Math.max(0, scrollRange)));
	const realTop = scrollRange > 0 ? (top / scrollRange) * (total - viewport) : 0;
	const first = Math.max(0, Math.floor(realTop / rowHeight) - overscan);
	const last = Math.min(rows, Math.ceil((realTop + viewport) / rowHeight) + overscan);
	return { first, last, spacerHeight, shift: top - realTop };
}
