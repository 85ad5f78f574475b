/**
 * Exact quantiles (DuckDB's `quantile_cont`) of any union of ranges of one array of values, in
 * time linear in the values chosen and without sorting them: every value carries the bin of the
 * value range it falls in (edges from a sample, so bins hold similar numbers of values), a pass
 * counts the chosen values per bin, and only the bins holding the ranks asked for are gathered
 * and sorted. The answer is the very order statistic, interpolated as DuckDB does; no histogram
 * approximation.
 */

const BINS = 256;
/** Every how many values the sample for the bin edges takes one. */
const SAMPLE_EVERY = 16;

export interface BinnedValues {
	readonly values: Float64Array;
	/** The bin of each value: bins are value ranges, so every value of bin b is below every value of bin b + 1. */
	readonly bin: Uint8Array;
	/** Bins whose values are all one value (no sort needed to pick from them). */
	readonly single: Uint8Array;
	readonly binValue: Float64Array;
}

export function binValues(values: Float64Array): BinnedValues {
	const sample: number[] = [];
	for (let i = 0; i < values.length; i += SAMPLE_EVERY) sample.push(values[i]!);
	sample.sort((a, b) => a - b);
	// Lower edges, distinct and ascending; the first bin takes everything below the second edge.
	const edges: number[] = [];
	for (let b = 1; b < BINS && sample.length > 0; b++) {
		const edge = sample[Math.floor((b * sample.length) / BINS)]!;
		if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
	}
	const bin = new Uint8Array(values.length);
	const min = new Float64Array(BINS).fill(Infinity);
	const max = new Float64Array(BINS).fill(-Infinity);
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		// The number of edges at or below v.
		let lo = 0;
		let hi = edges.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (edges[mid]! <= v) lo = mid + 1;
			else hi = mid;
		}
		bin[i] = lo;
		if (v < min[lo]!) min[lo] = v;
		if (v > max[lo]!) max[lo] = v;
	}
	const single = new Uint8Array(BINS);
	for (let b = 0; b < BINS; b++) single[b] = min[b] === max[b] ? 1 : 0;
	return { values, bin, single, binValue: min };
}

/**
 * Ranges of value indexes, as [start, end) pairs: what one figure reads.
 * `push` merges a range that continues the last one.
 */
export class Ranges {
	bounds: number[] = [];
	count = 0;
	push(start: number, end: number): void {
		if (end <= start) return;
		const n = this.bounds.length;
		if (n > 0 && this.bounds[n - 1] === start) this.bounds[n - 1] = end;
		else this.bounds.push(start, end);
		this.count += end - start;
	}
}

const counts = new Int32Array(BINS);
const filled = new Int32Array(BINS);

/**
 * `quantile_cont` of the values in `ranges` for each of `qs`: the value at rank (n − 1)·q,
 * interpolated between the two ranks around it as DuckDB 1.4 does, to the last bit: lo·(1 − f) + hi·f
 * (lo + (hi − lo)·f differs in the last place in about one case in ten).
 * Null when the ranges hold no value.
 */
export function exactQuantiles(data: BinnedValues, ranges: Ranges, qs: readonly number[]): (number | null)[] {
	const n = ranges.count;
	if (n === 0) return qs.map(() => null);
	const { values, bin, single, binValue } = data;
	const b = ranges.bounds;
	counts.fill(0);
	for (let r = 0; r < b.length; r += 2) for (let i = b[r]!; i < b[r + 1]!; i++) counts[bin[i]!]!++;
	// Which bin each rank asked for falls in, and its rank within the bin.
	const ranks = qs.flatMap((q) => [Math.floor((n - 1) * q), Math.ceil((n - 1) * q)]);
	const where = ranks.map((rank) => {
		let below = 0;
		let k = 0;
		while (below + counts[k]! <= rank) below += counts[k++]!;
		return { bin: k, at: rank - below };
	});
	// The values of the bins asked for (not those of one value only), gathered in one pass, then sorted.
	const lists = new Array<Float64Array | null>(BINS).fill(null);
	let gather = false;
	for (const w of where) {
		if (single[w.bin] || lists[w.bin]) continue;
		lists[w.bin] = new Float64Array(counts[w.bin]!);
		gather = true;
	}
	if (gather) {
		filled.fill(0);
		for (let r = 0; r < b.length; r += 2) {
			for (let i = b[r]!; i < b[r + 1]!; i++) {
				const list = lists[bin[i]!];
				if (list) list[filled[bin[i]!]!++] = values[i]!;
			}
		}
		for (const list of lists) list?.sort();
	}
	const valueAt = (w: { bin: number; at: number }) => (single[w.bin] ? binValue[w.bin]! : lists[w.bin]![w.at]!);
	return qs.map((q, i) => {
		const position = (n - 1) * q;
		const lo = valueAt(where[2 * i]!);
		const hi = valueAt(where[2 * i + 1]!);
		const fraction = position - Math.floor(position);
		return fraction === 0 ? lo : lo * (1 - fraction) + hi * fraction;
	});
}
