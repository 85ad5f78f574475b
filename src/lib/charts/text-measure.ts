/**
 * What the figures drawn on a canvas of their own (the Overview heatmap, Recovery's small multiples)
 * share about text: the text shape they lay out, how wide a text is as the canvas draws it, and a text cut to a width.
 */

/** A text laid out at a point: drawn on the canvas, or written as an escaped SVG text node. */
export interface TextShape {
	readonly kind: 'text';
	readonly text: string;
	readonly x: number;
	/** The text's middle (it is drawn with a middle baseline). */
	readonly y: number;
	readonly size: number;
	readonly align: 'left' | 'right' | 'center';
	readonly color: string;
	readonly bold?: boolean;
}

/** A text's width in pixels at a font size (the canvas's measureText in the browser: `textMeasure`). */
export type MeasureText = (text: string, size: number, bold?: boolean) => number;

/** The text cut with an ellipsis to fit `max` pixels. */
export function fitText(text: string, max: number, size: number, measure: MeasureText, bold = false): string {
	if (measure(text, size, bold) <= max) return text;
	let lo = 0;
	let hi = text.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (measure(`${text.slice(0, mid)}…`, size, bold) <= max) lo = mid;
		else hi = mid - 1;
	}
	return `${text.slice(0, lo)}…`;
}

/**
 * A text's width in pixels as the browser's canvas draws it, at a font size. Widths are kept per font
 * and text: the same labels are laid out again at every filter change and width, and setting a
 * canvas font is slow. Without a canvas (a test, a refused context) the width is estimated.
 */
export function textMeasure(): MeasureText {
	let context: CanvasRenderingContext2D | null | undefined;
	const widths = new Map<string, number>();
	return (text, size, bold = false) => {
		const font = `${bold ? 'bold ' : ''}${size}px sans-serif`;
		const key = `${font}|${text}`;
		let width = widths.get(key);
		if (width !== undefined) return width;
		context ??= document.createElement('canvas').getContext('2d');
		if (!context) return text.length * size * 0.6;
		if (context.font !== font) context.font = font;
		width = context.measureText(text).width;
		widths.set(key, width);
		return width;
	};
}
