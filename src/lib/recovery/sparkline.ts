/**
 * A sparkline as an SVG path: numbers in, path text out (no markup from data). Missing
 * values break the line rather than bridging a gap.
 */
export interface Sparkline {
	/** `d` of the line's path; empty when there is nothing to draw. */
	readonly path: string;
	/** y of the reference line (threshold or baseline) inside the box, when given and in range. */
	readonly referenceY: number | null;
}

export interface SparklineBox {
	readonly width: number;
	readonly height: number;
	/** Fixed range of the values; by default the values' own (and the reference's). */
	readonly min?: number;
	readonly max?: number;
	readonly reference?: number | null;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function sparkline(values: readonly (number | null)[], box: SparklineBox): Sparkline {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	const reference = box.reference ?? null;
	const pool = reference === null ? present : [...present, reference];
	if (present.length === 0) return { path: '', referenceY: null };
	const lo = box.min ?? Math.min(...pool);
	const hi = box.max ?? Math.max(...pool);
	const span = hi - lo || 1;
	const pad = 1;
	const x = (i: number) => round(values.length === 1 ? box.width / 2 : (i / (values.length - 1)) * box.width);
	const y = (v: number) => round(pad + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / span) * (box.height - 2 * pad));
	let path = '';
	let drawing = false;
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) {
			drawing = false;
			return;
		}
		path += `${drawing ? 'L' : 'M'}${x(i)} ${y(v)} `;
		drawing = true;
	});
	return { path: path.trim(), referenceY: reference === null || reference < lo || reference > hi ? null : y(reference) };
}
