/**
 * A pre-aggregate's columns as typed arrays, made once per Arrow table (a WeakMap keyed by
 * the table and the decoder), so that a filter change only loops over numbers.
 */
import { Float64, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import { strings } from '$lib/results/columns';

const decodedBy = new WeakMap<Table, Map<unknown, unknown>>();

/** `decode(table)`, computed once per table for each decoder. */
export function decodedOnce<T>(table: Table, decode: (table: Table) => T): T {
	let byDecoder = decodedBy.get(table);
	if (!byDecoder) decodedBy.set(table, (byDecoder = new Map()));
	if (!byDecoder.has(decode)) byDecoder.set(decode, decode(table));
	return byDecoder.get(decode) as T;
}

function column(table: Table, name: string) {
	const c = table.getChild(name);
	if (!c) throw new Error(`Result has no column "${name}" (has: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return c;
}

/** Whole numbers, with SQL NULL as `nullAs` (for columns where a value never takes it, e.g. -1 for a lag). */
export function ints(table: Table, name: string, nullAs = -1): Int32Array {
	const c = column(table, name);
	const out = new Int32Array(c.length);
	const values = c.toArray() as ArrayLike<number | bigint | boolean>;
	for (let i = 0; i < out.length; i++) out[i] = c.isValid(i) ? Number(values[i]) : nullAs;
	return out;
}

/** Numbers, with SQL NULL as NaN (the columns read this way are counts and sums: never NaN themselves). */
export function floats(table: Table, name: string): Float64Array {
	const c = column(table, name);
	const out = new Float64Array(c.length);
	const values = c.toArray() as ArrayLike<number | bigint>;
	for (let i = 0; i < out.length; i++) out[i] = c.isValid(i) ? Number(values[i]) : NaN;
	return out;
}

/** Each row's index in `ids` by the row's value of `name` (every value must be one of them). */
export function indexOf(table: Table, name: string, index: ReadonlyMap<string, number>): Int32Array {
	const values = strings(table, name);
	const out = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const at = index.get(values[i] ?? '');
		if (at === undefined) throw new Error(`"${values[i]}" of column ${name} is not a known clinic`);
		out[i] = at;
	}
	return out;
}

/** Numbers as a Float64 vector (null or NaN: NULL), written straight into its buffers. */
function floatVector(values: ArrayLike<number | null>): Vector {
	const n = values.length;
	const data = new Float64Array(n);
	const valid = new Uint8Array((n + 7) >> 3);
	let nulls = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (v === null || v === undefined || Number.isNaN(v)) nulls++;
		else {
			data[i] = v;
			valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
		}
	}
	return makeVector(makeData({ type: new Float64(), length: n, nullCount: nulls, data, nullBitmap: nulls > 0 ? valid : null }));
}

/** Text as a Utf8 vector, written straight into its buffers (apache-arrow's builders compile code at run time, which the site's CSP forbids). */
function textVector(values: readonly (string | null)[]): Vector {
	const encoder = new TextEncoder();
	const n = values.length;
	const parts = values.map((v) => encoder.encode(v ?? ''));
	const valueOffsets = new Int32Array(n + 1);
	parts.forEach((p, i) => (valueOffsets[i + 1] = (valueOffsets[i] as number) + p.length));
	const data = new Uint8Array(valueOffsets[n] as number);
	parts.forEach((p, i) => data.set(p, valueOffsets[i] as number));
	const valid = new Uint8Array((n + 7) >> 3);
	let nulls = 0;
	values.forEach((v, i) => {
		if (v === null) nulls++;
		else valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
	});
	return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, valueOffsets, data, nullBitmap: nulls > 0 ? valid : null }));
}

/** A result computed in the page, as a table with the columns the SQL statement it stands for returns (NaN or null: NULL). */
export function resultTable(columns: Readonly<Record<string, readonly (string | null)[] | ArrayLike<number | null>>>): Table {
	const vectors: Record<string, Vector> = {};
	for (const [name, values] of Object.entries(columns)) {
		const isText = Array.prototype.some.call(values, (v: unknown) => typeof v === 'string');
		vectors[name] = isText ? textVector(Array.from(values as ArrayLike<string | null>)) : floatVector(values as ArrayLike<number | null>);
	}
	return new Table(vectors);
}
