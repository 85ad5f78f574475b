/**
 * The small multiples' shapes (panel-shapes.ts) drawn on a canvas (screen, PNG) or written as SVG
 * (print: vector, its labels text). Labels come from data: on the canvas they are pixels, in the
 * SVG they are escaped text nodes, never markup.
 */
import type { LineShape, PanelLayout, Shape, TextShape } from './panel-shapes';

const FONT = 'sans-serif';
const font = (size: number, bold?: boolean) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

/**
 * Draws the layout on a 2D context whose origin is the layout's top left (the caller scales it for
 * the pixel ratio). Lines of one look (colour, width, dash) go in one path and one stroke: the 49
 * panels of the bundled sample are about 640 lines, most of them grid lines, and a stroke each
 * (with its style set again) was most of the small multiples' drawing. Thin lines (grid,
 * references, go-live) go under the values' thicker ones, as in each panel's own order; panels do
 * not overlap. Texts come last, by font, each font set once.
 */
export function drawOnCanvas(ctx: CanvasRenderingContext2D, layout: PanelLayout): void {
	const looks = new Map<string, LineShape[]>();
	const texts: TextShape[] = [];
	for (const s of layout.shapes) {
		if (s.kind === 'text') {
			texts.push(s);
			continue;
		}
		const look = `${s.width}|${s.color}|${s.dash?.join(' ') ?? ''}`;
		const lines = looks.get(look);
		if (lines) lines.push(s);
		else looks.set(look, [s]);
	}
	ctx.lineJoin = 'round';
	// Stable: looks of one width keep the order they first appear in.
	for (const lines of [...looks.values()].sort((a, b) => (a[0]?.width ?? 0) - (b[0]?.width ?? 0))) {
		const look = lines[0];
		if (!look) continue;
		ctx.beginPath();
		ctx.strokeStyle = look.color;
		ctx.lineWidth = look.width;
		ctx.setLineDash(look.dash ? [...look.dash] : []);
		for (const s of lines) {
			ctx.moveTo(s.points[0] ?? 0, s.points[1] ?? 0);
			for (let i = 2; i < s.points.length; i += 2) ctx.lineTo(s.points[i] ?? 0, s.points[i + 1] ?? 0);
		}
		ctx.stroke();
	}
	ctx.setLineDash([]);
	ctx.textBaseline = 'middle';
	let [fontNow, fillNow, alignNow] = ['', '', ''];
	// Texts never overlap (panel-shapes.test.ts): drawn by font, each font set once.
	const byFont = (t: TextShape) => font(t.size, t.bold);
	for (const s of texts.sort((a, b) => (byFont(a) < byFont(b) ? -1 : byFont(a) > byFont(b) ? 1 : 0))) {
		const f = font(s.size, s.bold);
		if (f !== fontNow) ctx.font = fontNow = f;
		if (s.color !== fillNow) ctx.fillStyle = fillNow = s.color;
		if (s.align !== alignNow) ctx.textAlign = alignNow = s.align;
		ctx.fillText(s.text, s.x, s.y);
	}
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
