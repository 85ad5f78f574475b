/** A column as reading it needs (an Arrow vector is one). */
export interface ResultColumn {
	readonly length: number;
	toArray(): ArrayLike<unknown>;
	isValid(index: number): boolean;
	get(index: number): unknown;
}

/** A result's columns: an Arrow table, or columns computed in the page (`jsColumns`, results/js-columns.ts). */
export interface ResultColumns {
	getChild(name: string): ResultColumn | null;
	readonly schema: { readonly fields: readonly { readonly name: string }[] };
	readonly numRows: number;
}

function child(table: ResultColumns, name: string) {
	const column = table.getChild(name);
	if (!column) throw new Error(`Result has no column "${name}" (has: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return column;
}

/** Numbers of a column, with SQL NULL kept as null (typed arrays would turn it into 0). */
export function numbers(table: ResultColumns, name: string): (number | null)[] {
	const column = child(table, name);
	const values = column.toArray() as ArrayLike<number | bigint | null>;
	const out = new Array<number | null>(values.length);
	for (let i = 0; i < values.length; i++) out[i] = column.isValid(i) ? Number(values[i]) : null;
	return out;
}

/** An Arrow Utf8 column's chunks as stored (apache-arrow's `Data`): offsets into one buffer of UTF-8 bytes. */
interface Utf8Chunk {
	readonly length: number;
	readonly nullCount: number;
	/** This chunk's own offsets (apache-arrow slices them with the chunk); the bytes buffer is shared. */
	readonly valueOffsets: unknown;
	readonly values: unknown;
	readonly type?: { readonly typeId?: number };
}
/** apache-arrow's `Type.Utf8` (LargeUtf8, with 64-bit offsets, takes the general path). */
const ARROW_UTF8 = 5;
const utf8 = new TextDecoder();

/**
 * An Arrow Utf8 column's strings straight from its buffers. Decoding row by row through the
 * vector (a TextDecoder call per value) was the largest cost of reading a page's kept
 * pre-aggregates; here a row repeating the previous row's bytes (the cubes are ordered by
 * clinic) reuses its string, and short ASCII values skip the decoder. Null when the column is
 * not stored that way.
 */
function utf8Strings(column: ResultColumn): (string | null)[] | null {
	const chunks = (column as { data?: unknown }).data;
	if (!Array.isArray(chunks)) return null;
	const parts = chunks as Utf8Chunk[];
	if (!parts.every((d) => d.type?.typeId === ARROW_UTF8 && d.valueOffsets instanceof Int32Array && d.values instanceof Uint8Array)) return null;
	const out = new Array<string | null>(column.length);
	let row = 0;
	let previous: { bytes: Uint8Array; start: number; end: number; text: string } | null = null;
	for (const d of parts) {
		const offsets = d.valueOffsets as Int32Array;
		const bytes = d.values as Uint8Array;
		for (let i = 0; i < d.length; i++, row++) {
			if (d.nullCount > 0 && !column.isValid(row)) {
				out[row] = null;
				continue;
			}
			const start = offsets[i] as number;
			const end = offsets[i + 1] as number;
			if (previous && previous.end - previous.start === end - start) {
				let same = true;
				for (let j = 0; j < end - start && same; j++) same = previous.bytes[previous.start + j] === bytes[start + j];
				if (same) {
					out[row] = previous.text;
					continue;
				}
			}
			let ascii = end - start <= 64;
			for (let j = start; j < end && ascii; j++) ascii = (bytes[j] as number) < 0x80;
			const text = ascii ? String.fromCharCode(...bytes.subarray(start, end)) : utf8.decode(bytes.subarray(start, end));
			previous = { bytes, start, end, text };
			out[row] = text;
		}
	}
	return out;
}

export function strings(table: ResultColumns, name: string): (string | null)[] {
	const column = child(table, name);
	const stored = utf8Strings(column);
	if (stored) return stored;
	const out = new Array<string | null>(column.length);
	for (let i = 0; i < column.length; i++) {
		const value: unknown = column.get(i);
		out[i] = value === null || value === undefined ? null : String(value);
	}
	return out;
}
