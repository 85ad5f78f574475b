/**
 * Exact quantiles (DuckDB's `quantile_cont`) of the values of any union of runs of cells, where
 * each cell (a clinic-day) holds its values sorted, without reading every value chosen:
 * - bins are value ranges (edges from a sample, so bins hold similar numbers of values), and a
 *   count per cell and bin, cumulative over the cells and over the bins (made once), gives for any
 *   run of cells how many of its values lie in bins 0..b with one subtraction: the bin holding a
 *   rank is found by a binary search over the bins (8 steps for 256 bins, each one subtraction per run);
 * - the same counts say where each bin's values start and end inside each sorted cell, so the
 *   bin holding the rank is gathered by slices without a search, and sorted, and the rank read off.
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
	/**
	 * upTo[i * bins + b]: values of cells 0 ..< i in bins 0 ..= b. Cell c's values in bins 0 ..= b are
	 * its first upTo[(c + 1) * bins + b] − upTo[c * bins + b] (the cell is sorted and bins are value ranges).
	 */
	readonly upTo: Int32Array;
	/** Per bin: its smallest and largest value over every cell (equal: no gathering needed to pick from it). */
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
	const upTo = new Int32Array((cells + 1) * bins);
	const min = new Float64Array(bins).fill(Infinity);
	const max = new Float64Array(bins).fill(-Infinity);
	const counts = new Int32Array(bins);
	for (let c = 0; c < cells; c++) {
		counts.fill(0);
		// The cell is sorted: walk its values and the edges together.
		let b = 0;
		for (let i = start[c]!; i < start[c + 1]!; i++) {
			const v = values[i]!;
			while (b < edges.length && edges[b]! <= v) b++;
			counts[b]!++;
			if (v < min[b]!) min[b] = v;
			if (v > max[b]!) max[b] = v;
		}
		const [before, row] = [c * bins, (c + 1) * bins];
		let inCell = 0;
		for (let k = 0; k < bins; k++) upTo[row + k] = upTo[before + k]! + (inCell += counts[k]!);
	}
	return { values, start, bins, edges, upTo, min, max };
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

/**
 * `quantile_cont` of the values of `ranges` for each of `qs`: the value at rank (n − 1)·q,
 * interpolated between the two ranks around it as DuckDB 1.4 does, to the last bit: lo·(1 − f) + hi·f
 * (lo + (hi − lo)·f differs in the last place in about one case in ten). Null when the ranges hold no value.
 */
export function exactQuantiles(data: CellValues, ranges: Ranges, qs: readonly number[]): (number | null)[] {
	const n = ranges.count;
	if (n === 0) return qs.map(() => null);
	const { values, start, bins, upTo, min, max } = data;
	const runs = ranges.bounds;
	// Values of the runs in bins 0 ..= b, each b counted once for every rank asked.
	const known = new Map<number, number>();
	const atMost = (b: number): number => {
		if (b < 0) return 0;
		let sum = known.get(b);
		if (sum === undefined) {
			sum = 0;
			for (let r = 0; r < runs.length; r += 2) sum += upTo[runs[r + 1]! * bins + b]! - upTo[runs[r]! * bins + b]!;
			known.set(b, sum);
		}
		return sum;
	};
	// The bin each rank asked for falls in (the first whose count up to it passes the rank), and its rank within the bin.
	const where = qs.flatMap((q) =>
		[Math.floor((n - 1) * q), Math.ceil((n - 1) * q)].map((rank) => {
			let [lo, hi] = [0, bins - 1];
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (atMost(mid) > rank) hi = mid;
				else lo = mid + 1;
			}
			return { bin: lo, at: rank - atMost(lo - 1) };
		})
	);
	// The values of each bin asked for (unless it holds one value only), slice by slice, sorted.
	const lists = new Map<number, Float64Array>();
	for (const { bin } of where) {
		if (min[bin] === max[bin] || lists.has(bin)) continue;
		const list = new Float64Array(atMost(bin) - atMost(bin - 1));
		let at = 0;
		for (let r = 0; r < runs.length; r += 2) {
			for (let c = runs[r]!; c < runs[r + 1]!; c++) {
				const [row, next] = [c * bins + bin, (c + 1) * bins + bin];
				const to = start[c]! + upTo[next]! - upTo[row]!;
				for (let i = bin === 0 ? start[c]! : start[c]! + upTo[next - 1]! - upTo[row - 1]!; i < to; i++) list[at++] = values[i]!;
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
