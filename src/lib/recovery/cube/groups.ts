import type { TimeAxis } from '$lib/scope/filters';

/**
 * Rows grouped by (series, bucket) as SQL's `GROUP BY series, k ORDER BY series, k` would:
 * a dense index per series and bucket, groups numbered as they first appear, and their
 * order by series name (binary, as DuckDB sorts text) then bucket.
 */
export class Groups {
	readonly #slot: Int32Array;
	readonly series: number[] = [];
	readonly k: number[] = [];

	constructor(
		readonly names: readonly string[],
		/** The buckets' first key and step (7 for calendar Mondays, 1 for go-live weeks) and count. */
		readonly kMin: number,
		readonly step: number,
		readonly buckets: number
	) {
		this.#slot = new Int32Array(Math.max(1, names.length * buckets)).fill(-1);
	}

	/** The group of a row of series `s` at bucket key `k`. */
	of(s: number, k: number): number {
		const at = s * this.buckets + (k - this.kMin) / this.step;
		let g = this.#slot[at] as number;
		if (g < 0) {
			g = this.series.length;
			this.#slot[at] = g;
			this.series.push(s);
			this.k.push(k);
		}
		return g;
	}

	get size(): number {
		return this.series.length;
	}

	/** Group numbers in output order. */
	ordered(): number[] {
		const order = this.series.map((_, g) => g);
		return order.sort((a, b) => {
			const [na, nb] = [this.names[this.series[a] as number] as string, this.names[this.series[b] as number] as string];
			return na < nb ? -1 : na > nb ? 1 : (this.k[a] as number) - (this.k[b] as number);
		});
	}
}

/** Bucket keys' range of a column (min, max) for a dense `Groups`. */
export function keyRange(keys: Int32Array): { min: number; max: number } {
	let min = Infinity;
	let max = -Infinity;
	for (const k of keys) {
		if (k < min) min = k;
		if (k > max) max = k;
	}
	return min > max ? { min: 0, max: 0 } : { min, max };
}

/** Groups of series `names` over the buckets the keys span: Mondays 7 days apart on the calendar axis, go-live weeks 1 apart. */
export function groupsOver(names: readonly string[], keys: Int32Array, axis: TimeAxis): Groups {
	const range = keyRange(keys);
	const step = axis === 'calendar' ? 7 : 1;
	return new Groups(names, range.min, step, (range.max - range.min) / step + 1);
}
