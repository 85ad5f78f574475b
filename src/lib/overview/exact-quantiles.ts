/**
 * Exact quantiles (DuckDB's `quantile_cont`) of the values of any union of runs of cells, where
 * each cell (a clinic-day) holds its values sorted, without reading every value chosen:
 * - bins are value ranges (edges from a sample, so bins hold similar numbers of values), and a
 *   cumulative count per bin over the cells, made once, gives the histogram of any run of cells
 *   as one subtraction per bin;
 * - the bins holding the ranks asked for are then gathered (within each sorted cell a bin's
 *   values are one slice, found by binary search) and sorted, and the ranks read off.
 * The answer is the very order statistic, interpolated as DuckDB interpolates: no approximation.
 */

/** The cumulative counts are (cells + 1) x bins integers: at most this many, so a long export with many clinics stays small. */
const MAX_COUNTS = 2_000_000;
/** Every how many values the sample for the bin edges takes one. */
const SAMPLE_EVERY = 16;

export interface CellValues {
	readonly values: Float64Array;
	/** Cell i's values, ascending: values[start[i] ..< start[i + 1]]. */
	readonly start: Int32Array;
	readonly bins: number;
	/** Bin b holds the values v with edges[b − 1] <= v < edges[b] (the first and last bins are open). */
	readonly edges: Float64Array;
	/** cum[i * bins + b]: values of bin b in cells 0 ..< i. */
	readonly cum: Int32Array;
	/** Per bin: its smallest and largest value over every cell (equal: no sort needed to pick from it). */
	readonly min: Float64Array;
	readonly max: Float64Array;
}

export function cellValues(values: Float64Array, start: Int32Array): CellValues {
	const cells = start.length - 1;
	const bins = Math.max(2, Math.min(256, Math.floor(MAX_COUNTS / Math.max(1, cells + 1))));
	const sample = new Float64Array(Math.ceil(values.length / SAMPLE_EVERY));
	for (let i = 0; i < sample.length; i++) sample[i] = values[i * SAMPLE_EVERY]!;
	sample.sort();
	const edgeList: number[] = [];
	for (let b = 1; b < bins && sample.length > 0; b++) {
		const edge = sample[Math.floor((b * sample.length) / bins)]!;
		if (edgeList.length === 0 || edge > edgeList[edgeList.length - 1]!) edgeList.push(edge);
	}
	const edges = Float64Array.from(edgeList);
	const cum = new Int32Array((cells + 1) * bins);
	const min = new Float64Array(bins).fill(Infinity);
	const max = new Float64Array(bins).fill(-Infinity);
	for (let c = 0; c < cells; c++) {
		const row = (c + 1) * bins;
		cum.copyWithin(row, c * bins, row);
		// The cell is sorted: walk its values and the edges together.
		let b = 0;
		for (let i = start[c]!; i < start[c + 1]!; i++) {
			const v = values[i]!;
			while (b < edges.length && edges[b]! <= v) b++;
			cum[row + b]!++;
			if (v < min[b]!) min[b] = v;
			if (v > max[b]!) max[b] = v;
		}
	}
	return { values, start, bins, edges, cum, min, max };
}

/** Runs of cells, as [first, end) pairs, and the values they hold: what one figure reads. */
export class Ranges {
	readonly bounds: number[] = [];
	count = 0;
	constructor(private readonly start: Int32Array) {}
	/** Adds cells first ..< end (joined to the last run when it continues it). */
	push(first: number, end: number): void {
		if (end <= first) return;
		const n = this.bounds.length;
		if (n > 0 && this.bounds[n - 1] === first) this.bounds[n - 1] = end;
		else this.bounds.push(first, end);
		this.count += this.start[end]! - this.start[first]!;
	}
}

/** The first index in values[from ..< to] (ascending) whose value is >= x. */
function lowerBound(values: Float64Array, from: number, to: number, x: number): number {
	let [lo, hi] = [from, to];
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (values[mid]! < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * `quantile_cont` of the values of `ranges` for each of `qs`: the value at rank (n − 1)·q,
 * interpolated between the two ranks around it as DuckDB 1.4 does, to the last bit: lo·(1 − f) + hi·f
 * (lo + (hi − lo)·f differs in the last place in about one case in ten). Null when the ranges hold no value.
 */
export function exactQuantiles(data: CellValues, ranges: Ranges, qs: readonly number[]): (number | null)[] {
	const n = ranges.count;
	if (n === 0) return qs.map(() => null);
	const { values, start, bins, edges, cum, min, max } = data;
	const runs = ranges.bounds;
	const counts = new Int32Array(bins);
	for (let r = 0; r < runs.length; r += 2) {
		const [a, e] = [runs[r]! * bins, runs[r + 1]! * bins];
		for (let b = 0; b < bins; b++) counts[b]! += cum[e + b]! - cum[a + b]!;
	}
	// The bin each rank asked for falls in, and its rank within the bin.
	const where = qs.flatMap((q) =>
		[Math.floor((n - 1) * q), Math.ceil((n - 1) * q)].map((rank) => {
			let below = 0;
			let b = 0;
			while (below + counts[b]! <= rank) below += counts[b++]!;
			return { bin: b, at: rank - below };
		})
	);
	// The values of each bin asked for (unless it holds one value only), slice by slice, sorted.
	const lists = new Map<number, Float64Array>();
	for (const { bin } of where) {
		if (min[bin] === max[bin] || lists.has(bin)) continue;
		const list = new Float64Array(counts[bin]!);
		let at = 0;
		for (let r = 0; r < runs.length; r += 2) {
			for (let c = runs[r]!; c < runs[r + 1]!; c++) {
				const [from, to] = [start[c]!, start[c + 1]!];
				const lo = bin === 0 ? from : lowerBound(values, from, to, edges[bin - 1]!);
				const hi = bin === edges.length ? to : lowerBound(values, lo, to, edges[bin]!);
				list.set(values.subarray(lo, hi), at);
				at += hi - lo;
			}
		}
		lists.set(bin, list.sort());
	}
	const valueAt = (w: { bin: number; at: number }) => (min[w.bin] === max[w.bin] ? min[w.bin]! : lists.get(w.bin)![w.at]!);
	return qs.map((q, i) => {
		const position = (n - 1) * q;
		const lo = valueAt(where[2 * i]!);
		const hi = valueAt(where[2 * i + 1]!);
		const fraction = position - Math.floor(position);
		return fraction === 0 ? lo : lo * (1 - fraction) + hi * fraction;
	});
}
