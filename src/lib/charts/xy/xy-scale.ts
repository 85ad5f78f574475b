/**
 * A value axis' ends and ticks: round steps (1, 2, 2.5, 5 × 10ⁿ) as ECharts picks them, so a chart
 * reads the same whichever renderer draws it; at most `count` intervals, fewer on a short or narrow axis.
 */
export interface Ticks {
	readonly min: number;
	readonly max: number;
	readonly step: number;
	readonly values: readonly number[];
}

function niceStep(span: number, count: number): number {
	const raw = span / Math.max(1, count);
	const power = 10 ** Math.floor(Math.log10(raw));
	const f = raw / power;
	const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * power;
}

/**
 * Ticks over the data's range [lo, hi]. Without `scale` the axis starts at 0 (bars and counts are
 * read by their height); fixed ends are kept as given.
 */
export function ticksFor(lo: number, hi: number, o: { scale: boolean; min?: number; max?: number; count: number }): Ticks {
	let a = o.min ?? (Number.isFinite(lo) ? lo : 0);
	let b = o.max ?? (Number.isFinite(hi) ? hi : 1);
	if (!o.scale && o.min === undefined) a = Math.min(0, a);
	if (!o.scale && o.max === undefined) b = Math.max(0, b);
	if (a === b) {
		// One value: a unit around it (or above 0), so the line sits inside the plot.
		const pad = a === 0 ? 1 : Math.abs(a) * 0.5;
		if (o.max === undefined) b = a + pad;
		else a = b - pad;
		if (!o.scale && o.min === undefined && a > 0) a = 0;
	}
	const step = niceStep(b - a, o.count);
	const min = o.min ?? Math.floor(a / step) * step;
	const max = o.max ?? Math.ceil(b / step - 1e-9) * step;
	const values: number[] = [];
	const first = Math.ceil(min / step - 1e-9) * step;
	for (let v = first; v <= max + step * 1e-9; v += step) values.push(Math.round(v / step) * step);
	return { min, max, step, values: values.map((v) => Number(v.toPrecision(12))) };
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A tick's label: grouped digits, or compact (12K) where the axis is narrow. */
export const tickLabel = (v: number, narrow: boolean): string => (narrow && Math.abs(v) >= 1000 ? compact.format(v) : plain.format(v));

/** A value in a tooltip or on a bar: grouped digits, at most two decimals. */
export const valueText = (v: number | null): string => (v === null ? '–' : plain.format(v));
