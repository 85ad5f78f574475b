/**
 * A query result's columns as typed arrays, made once per result (a WeakMap keyed by the
 * result tables and the decoder), so that a filter change computed in the page (from the
 * `once` pre-aggregates) only loops over numbers.
 */
import { strings, type ResultColumns } from './columns';

interface Decoded {
	readonly inputs: readonly object[];
	readonly value: unknown;
}

const decodedBy = new WeakMap<object, Map<unknown, Decoded>>();

function once<R>(inputs: readonly object[], decode: unknown, compute: () => R): R {
	const key = inputs[0];
	if (!key) return compute();
	let byDecoder = decodedBy.get(key);
	if (!byDecoder) decodedBy.set(key, (byDecoder = new Map()));
	const known = byDecoder.get(decode);
	if (known && known.inputs.length === inputs.length && known.inputs.every((t, i) => t === inputs[i])) return known.value as R;
	const value = compute();
	byDecoder.set(decode, { inputs, value });
	return value;
}

/**
 * `decode(tables)`, computed once for each decoder while every table of the record is the
 * same object (a page's `once` results come back as a new record of the same tables). Pass
 * only the tables the decoder reads: any other value of the record is compared too.
 */
export function decodedOnceAll<T extends object, R>(tables: T, decode: (tables: T) => R): R {
	return once(Object.values(tables) as object[], decode, () => decode(tables));
}

/** `decode(table)`, computed once per table for each decoder. */
export function decodedOnce<T extends object, R>(table: T, decode: (table: T) => R): R {
	return once([table], decode, () => decode(table));
}

function column(table: ResultColumns, name: string) {
	const c = table.getChild(name);
	if (!c) throw new Error(`Result has no column "${name}" (has: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return c;
}

const noNulls = (c: object) => (c as { nullCount?: unknown }).nullCount === 0;

/** Whole numbers, with SQL NULL as `nullAs` (for columns where a value never takes it, e.g. -1 for a lag). */
export function ints(table: ResultColumns, name: string, nullAs = -1): Int32Array {
	const c = column(table, name);
	const out = new Int32Array(c.length);
	const values = c.toArray() as ArrayLike<number | bigint | boolean>;
	// Without nulls (an Arrow column says so), no row needs its validity looked up.
	if (noNulls(c)) {
		for (let i = 0; i < out.length; i++) out[i] = Number(values[i]);
		return out;
	}
	for (let i = 0; i < out.length; i++) out[i] = c.isValid(i) ? Number(values[i]) : nullAs;
	return out;
}

/** Numbers, with SQL NULL as NaN (the columns read this way are counts, sums and days: never NaN themselves). */
export function floats(table: ResultColumns, name: string): Float64Array {
	const c = column(table, name);
	const out = new Float64Array(c.length);
	const values = c.toArray() as ArrayLike<number | bigint>;
	if (noNulls(c)) {
		for (let i = 0; i < out.length; i++) out[i] = Number(values[i]);
		return out;
	}
	for (let i = 0; i < out.length; i++) out[i] = c.isValid(i) ? Number(values[i]) : NaN;
	return out;
}

/** Each row's index in `index` by the row's value of `name` (every value must be one of them). */
export function indexOf(table: ResultColumns, name: string, index: ReadonlyMap<string, number>): Int32Array {
	const values = strings(table, name);
	const out = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const at = index.get(values[i] ?? '');
		if (at === undefined) throw new Error(`"${values[i]}" of column ${name} is not a known clinic`);
		out[i] = at;
	}
	return out;
}
