/**
 * The small multiples' shapes (panel-shapes.ts) drawn on a canvas (screen, PNG) or written as SVG
 * (print: vector, its labels text). Labels come from data: on the canvas they are pixels, in the
 * SVG they are escaped text nodes, never markup.
 */
import type { PanelLayout, Shape } from './panel-shapes';

const FONT = 'sans-serif';
const font = (size: number, bold?: boolean) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

/** Draws the layout on a 2D context whose origin is the layout's top left (the caller scales it for the pixel ratio). */
export function drawOnCanvas(ctx: CanvasRenderingContext2D, layout: PanelLayout): void {
	ctx.lineJoin = 'round';
	for (const s of layout.shapes) {
		if (s.kind === 'line') {
			ctx.beginPath();
			ctx.strokeStyle = s.color;
			ctx.lineWidth = s.width;
			ctx.setLineDash(s.dash ? [...s.dash] : []);
			ctx.moveTo(s.points[0] ?? 0, s.points[1] ?? 0);
			for (let i = 2; i < s.points.length; i += 2) ctx.lineTo(s.points[i] ?? 0, s.points[i + 1] ?? 0);
			ctx.stroke();
		} else {
			ctx.fillStyle = s.color;
			ctx.font = font(s.size, s.bold);
			ctx.textAlign = s.align;
			ctx.textBaseline = 'middle';
			ctx.fillText(s.text, s.x, s.y);
		}
	}
	ctx.setLineDash([]);
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number) => (Math.round(v * 10) / 10).toString();
const ANCHOR = { left: 'start', right: 'end', center: 'middle' } as const;

function svgShape(s: Shape): string {
	if (s.kind === 'line') {
		const points = [];
		for (let i = 0; i < s.points.length; i += 2) points.push(`${num(s.points[i] ?? 0)},${num(s.points[i + 1] ?? 0)}`);
		return `<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`;
	}
	return `<text x="${num(s.x)}" y="${num(s.y)}" font-size="${s.size}"${s.bold ? ' font-weight="bold"' : ''} fill="${s.color}" text-anchor="${ANCHOR[s.align]}" dominant-baseline="central">${escapeXml(s.text)}</text>`;
}

/** The layout as an SVG document (text of an XML document: parse it as SVG, never as HTML). */
export function toSvg(layout: PanelLayout): string {
	const { width, height } = layout;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">${layout.shapes.map(svgShape).join('')}</svg>`;
}
