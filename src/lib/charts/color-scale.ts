/**
 * Ordered colour scales for the heatmaps. A continuous scale from 0 to the largest cell is set
 * by the go-live spike alone: every other week washes out to the palest colour. So cells are
 * binned at quantiles of the cells shown (quartiles, p90, p95): each colour holds a known share
 * of the cells, the top bin is "p95 and above", and the legend lists every bin with its unit.
 */
export interface QuantileScale {
	/** Bin edges, ascending: bin i holds values in [edges[i-1], edges[i]). */
	readonly edges: readonly number[];
	/** An ECharts piecewise visualMap over the heatmap's value dimension. */
	readonly visualMap: Record<string, unknown>;
	/** The scale in words, for the chart's note and docs. */
	readonly caption: string;
}

const QUANTILES = [0.25, 0.5, 0.75, 0.9, 0.95] as const;
const QUANTILE_NAMES = ['p25', 'median', 'p75', 'p90', 'p95'] as const;

/** The p-th quantile of sorted values, by linear interpolation (as DuckDB's quantile_cont). */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const at = (sorted.length - 1) * p;
	const lo = Math.floor(at);
	const hi = Math.ceil(at);
	return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

/** A piecewise legend listing every bin (labels shown beside `text`), highest first as on a map, over a cell's value dimension. */
function piecewiseLegend(dimension: number, title: string, pieces: readonly object[]): Record<string, unknown> {
	return {
		type: 'piecewise',
		dimension,
		orient: 'vertical',
		right: 0,
		top: 'middle',
		itemWidth: 14,
		itemHeight: 10,
		showLabel: true,
		textStyle: { fontSize: 10 },
		text: [title, ''],
		inverse: true,
		pieces
	};
}

const round = (x: number) => (Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10);

/**
 * `values` set the bins (cells left out of the scale, such as "unattributed", are not among
 * them but still take the bin their value falls in); `colors` run from low to high, one per bin.
 */
export function quantileScale(values: readonly number[], unit: string, colors: readonly string[]): QuantileScale {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	const edges: number[] = [];
	const names: string[] = [];
	QUANTILES.forEach((p, i) => {
		const edge = round(quantile(sorted, p));
		if (!Number.isFinite(edge) || edge <= (edges.at(-1) ?? sorted[0] ?? 0)) return;
		edges.push(edge);
		names.push(QUANTILE_NAMES[i] ?? '');
	});
	const palette = (i: number, n: number) => colors[Math.round((i / Math.max(1, n - 1)) * (colors.length - 1))] ?? colors[0] ?? '#ccc';
	const n = edges.length + 1;
	const pieces =
		edges.length === 0
			? [{ min: -Infinity, max: Infinity, label: sorted.length ? `${round(sorted[0] ?? 0)}` : 'no data', color: palette(n - 1, n) }]
			: [
					{ lt: edges[0], label: `< ${edges[0]}`, color: palette(0, n) },
					...edges.slice(1).map((edge, i) => ({ gte: edges[i], lt: edge, label: `${edges[i]} – < ${edge}`, color: palette(i + 1, n) })),
					{ gte: edges.at(-1), label: `≥ ${edges.at(-1)} (${names.at(-1)} and above)`, color: palette(n - 1, n) }
				];
	return {
		edges,
		visualMap: piecewiseLegend(2, unit, pieces),
		caption:
			edges.length === 0
				? `Colour: ${unit}.`
				: `Colour: ${unit}, in bins at the ${names.join(', ')} of the cells shown (${edges.join(', ')}), so the go-live spike does not set the scale alone.`
	};
}

/** The bins of a column scaled on its own, low to high: where a value stands among its column's values. */
export const STANDING_BINS = ['lowest quarter', 'second quarter', 'third quarter', 'p75 to p90', 'p90 to p95', 'top 5%'] as const;

/**
 * Each value's bin (index into STANDING_BINS) among the values of its own column, for a matrix
 * whose columns differ in size (a rare cause beside a common one): each column then shows its
 * own outliers. Ties at an edge take the lower bin; an empty or constant column is all bin 0.
 */
export function standingWithin(values: readonly (number | null)[]): (number | null)[] {
	const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
	const edges = QUANTILES.map((p) => quantile(sorted, p));
	return values.map((v) => (v === null || !Number.isFinite(v) ? null : edges.filter((edge) => v > edge).length));
}
