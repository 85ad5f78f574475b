/**
 * The shapes of a bar or line chart: the heatmap's boxes and texts (heatmap/shapes.ts), and paths
 * (lines, areas, grid and mark lines). Drawn in the order given, on the canvas and as SVG, so the
 * screen, the printed copy and the PNG are one drawing.
 */
import { drawShapes, svgShape, type Shape } from '../heatmap/shapes';

export interface PathShape {
	readonly kind: 'path';
	/** x0, y0, x1, y1, …: a polyline, or a polygon when filled. */
	readonly points: readonly number[];
	readonly stroke?: string;
	readonly width?: number;
	readonly dash?: readonly number[];
	readonly fill?: string;
}

export type XyShape = Shape | PathShape;

export const DASHES = { solid: undefined, dashed: [6, 4], dotted: [2, 3] } as const;

function drawPath(ctx: CanvasRenderingContext2D, p: PathShape): void {
	ctx.beginPath();
	for (let i = 0; i + 1 < p.points.length; i += 2) {
		const x = p.points[i] ?? 0;
		const y = p.points[i + 1] ?? 0;
		if (i === 0) ctx.moveTo(x, y);
		else ctx.lineTo(x, y);
	}
	if (p.fill) {
		ctx.closePath();
		ctx.fillStyle = p.fill;
		ctx.fill();
	}
	if (p.stroke) {
		ctx.strokeStyle = p.stroke;
		ctx.lineWidth = p.width ?? 1;
		ctx.lineJoin = 'round';
		ctx.setLineDash(p.dash ? [...p.dash] : []);
		ctx.stroke();
		ctx.setLineDash([]);
	}
}

/** Draws the shapes in order; runs of boxes and texts go through the heatmap's drawing (one fill per colour). */
export function drawXy(ctx: CanvasRenderingContext2D, shapes: readonly XyShape[]): void {
	let run: Shape[] = [];
	const flush = () => {
		if (run.length > 0) drawShapes(ctx, run);
		run = [];
	};
	for (const s of shapes) {
		if (s.kind === 'path') {
			flush();
			drawPath(ctx, s);
		} else run.push(s);
	}
	flush();
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

function svgPath(p: PathShape): string {
	const pts: string[] = [];
	for (let i = 0; i + 1 < p.points.length; i += 2) pts.push(`${n(p.points[i] ?? 0)},${n(p.points[i + 1] ?? 0)}`);
	const stroke = p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.width ?? 1}" stroke-linejoin="round"${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}` : '';
	return `<${p.fill ? 'polygon' : 'polyline'} points="${pts.join(' ')}" fill="${p.fill ?? 'none'}"${stroke}/>`;
}

/** The shapes as an SVG document (text of an XML document: parse it as SVG, never as HTML). */
export function xyToSvg(width: number, height: number, shapes: readonly XyShape[]): string {
	const body = shapes.map((s) => (s.kind === 'path' ? svgPath(s) : svgShape(s))).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${body}</svg>`;
}
