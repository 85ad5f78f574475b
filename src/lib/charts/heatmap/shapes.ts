/**
 * A figure as plain shapes (filled boxes, lines and texts) for one width: what the screen's canvas,
 * the printed SVG and the downloaded PNG all draw, so the three cannot differ. Labels come from
 * data: on the canvas they are pixels, in the SVG escaped text nodes, never markup.
 * (The Recovery small multiples draw lines and texts the same way: recovery/panel-draw.ts.)
 */
import type { TextShape as FlatText } from '../text-measure';

/** A text; `rotate` turns it about its anchor (degrees, clockwise: -45 rises to the right), for column labels too long to lie flat. */
export interface TextShape extends FlatText {
	readonly rotate?: number;
}
export interface BoxShape {
	readonly kind: 'box';
	readonly x: number;
	readonly y: number;
	readonly w: number;
	readonly h: number;
	readonly fill?: string;
	readonly stroke?: string;
	readonly dash?: readonly number[];
}
export type Shape = BoxShape | TextShape;

const FONT = 'sans-serif';
const font = (size: number, bold?: boolean) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

/**
 * Draws shapes on a 2D context whose origin is the figure's top left (the caller scales it for the
 * pixel ratio). Filled boxes of one colour are drawn as one path: a heatmap has thousands of cells
 * and a few colours.
 */
export function drawShapes(ctx: CanvasRenderingContext2D, shapes: readonly Shape[]): void {
	const fills = new Map<string, BoxShape[]>();
	for (const s of shapes) {
		if (s.kind !== 'box' || !s.fill) continue;
		const same = fills.get(s.fill);
		if (same) same.push(s);
		else fills.set(s.fill, [s]);
	}
	for (const [fill, boxes] of fills) {
		ctx.beginPath();
		for (const b of boxes) ctx.rect(b.x, b.y, b.w, b.h);
		ctx.fillStyle = fill;
		ctx.fill();
	}
	ctx.textBaseline = 'middle';
	// Setting a canvas font parses it each time, even to the same value: set only when it changes.
	let lastFont = '';
	for (const s of shapes) {
		if (s.kind === 'box') {
			if (!s.stroke) continue;
			ctx.strokeStyle = s.stroke;
			ctx.lineWidth = 1;
			ctx.setLineDash(s.dash ? [...s.dash] : []);
			ctx.strokeRect(s.x + 0.5, s.y + 0.5, s.w - 1, s.h - 1);
		} else {
			const f = font(s.size, s.bold);
			if (f !== lastFont) ctx.font = lastFont = f;
			ctx.fillStyle = s.color;
			ctx.textAlign = s.align;
			if (!s.rotate) ctx.fillText(s.text, s.x, s.y);
			else {
				ctx.save();
				ctx.translate(s.x, s.y);
				ctx.rotate((s.rotate * Math.PI) / 180);
				ctx.fillText(s.text, 0, 0);
				ctx.restore();
			}
		}
	}
	ctx.setLineDash([]);
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number) => (Math.round(v * 10) / 10).toString();
const ANCHOR = { left: 'start', right: 'end', center: 'middle' } as const;

export function svgShape(s: Shape): string {
	if (s.kind === 'box') {
		const stroke = s.stroke ? ` stroke="${s.stroke}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}` : '';
		return `<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(s.w)}" height="${num(s.h)}" fill="${s.fill ?? 'none'}"${stroke}/>`;
	}
	const turn = s.rotate ? ` transform="rotate(${s.rotate} ${num(s.x)} ${num(s.y)})"` : '';
	return `<text x="${num(s.x)}" y="${num(s.y)}"${turn} font-size="${s.size}"${s.bold ? ' font-weight="bold"' : ''} fill="${s.color}" text-anchor="${ANCHOR[s.align]}" dominant-baseline="central">${escapeXml(s.text)}</text>`;
}

/** The shapes as an SVG document (text of an XML document: parse it as SVG, never as HTML). */
export function shapesToSvg(width: number, height: number, shapes: readonly Shape[]): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">${shapes.map(svgShape).join('')}</svg>`;
}
