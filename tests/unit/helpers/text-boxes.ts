/**
 * Where a figure's texts fall when laid out at a known text width, and the check every canvas chart's
 * layout test makes with them: each text inside the figure, and no two texts over each other.
 */
import { expect } from 'vitest';
import type { TextShape } from '$lib/charts/text-measure';

/** About sans-serif's average advance. */
export const measure = (text: string, size: number) => text.length * size * 0.6;

/** The texts among a figure's shapes. */
export const texts = <S extends { readonly kind: string }>(shapes: readonly S[]) => shapes.filter((s): s is Extract<S, TextShape> => s.kind === 'text');

/** A text's box as drawn flat (anchored by its alignment, centred on its y). */
export function box(t: TextShape) {
	const w = measure(t.text, t.size);
	const x = t.align === 'left' ? t.x : t.align === 'right' ? t.x - w : t.x - w / 2;
	return { t: t.text, x, y: t.y - t.size / 2, w, h: t.size };
}
export type TextBox = ReturnType<typeof box>;

/** Expects every box inside a figure `width` × `height` (a pixel of slack), and no two overlapping by more than a pixel each way. */
export function expectTextsApart(boxes: readonly TextBox[], width: number, height: number): void {
	for (const b of boxes) {
		expect(b.x, b.t).toBeGreaterThanOrEqual(-1);
		expect(b.x + b.w, b.t).toBeLessThanOrEqual(width + 1);
		expect(b.y + b.h, b.t).toBeLessThanOrEqual(height + 1);
	}
	expect(overlaps(boxes)).toEqual([]);
}

/** The pairs of boxes that overlap by more than a pixel each way, named by their texts. */
export function overlaps(boxes: readonly TextBox[]): string[] {
	return boxes.flatMap((a, i) =>
		boxes
			.slice(i + 1)
			.filter((b) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1)
			.map((b) => `${a.t} × ${b.t}`)
	);
}
