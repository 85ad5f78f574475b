/**
 * Rows decoded in JS (JSON, Parquet, Excel) into a raw table: every value as text, sent to
 * DuckDB as one Arrow IPC stream. The same shape as a CSV's raw table, so one mapping
 * path serves every format.
 */
import { Int32, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { Engine } from '$lib/engine';
import { decodedRawTable, rawColumn, type RawTable } from './raw-table';

export type Cell = string | null;

export interface DecodedRows {
	readonly header: readonly string[];
	/** One array per column, all of the same length. */
	readonly columns: readonly Cell[][];
	/** Each row's number in the source. */
	readonly rows: readonly number[];
	/** For a row that could not be read: its text and what it should have been; else null. */
	readonly problems: readonly (RowProblem | null)[];
}

export interface RowProblem {
	/** The source column of the cell at fault; absent when the whole row is. */
	readonly column?: string;
	readonly value: string;
	readonly expected: string;
}

/** A decoded value as the text a CSV would have held; nested values as JSON. */
export function cellText(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Date)
		return Number.isNaN(value.getTime())
			? null
			: value
					.toISOString()
					.replace('T', ' ')
					.replace(/(\.000)?Z$/, '');
	return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Records (objects) to columns: the union of their keys, in order of first appearance. */
export function fromRecords(records: readonly unknown[], rows: readonly number[], problems: readonly (RowProblem | null)[]): DecodedRows {
	const index = new Map<string, number>();
	for (const record of records) {
		if (record && typeof record === 'object' && !Array.isArray(record)) {
			for (const key of Object.keys(record)) if (!index.has(key)) index.set(key, index.size);
		}
	}
	const header = [...index.keys()];
	const columns = header.map(() => new Array<Cell>(records.length).fill(null));
	records.forEach((record, r) => {
		if (!record || typeof record !== 'object' || Array.isArray(record)) return;
		for (const [key, value] of Object.entries(record)) {
			const column = columns[index.get(key) ?? -1];
			if (column) column[r] = cellText(value);
		}
	});
	return { header, columns, rows, problems };
}

const encoder = new TextEncoder();

/**
 * A text column built from its buffers. Arrow's builders (`vectorFromArray`) compile their
 * null check with `new Function`, which the page's Content-Security-Policy forbids.
 */
function utf8Vector(values: readonly Cell[]): Vector<Utf8> {
	const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
	const offsets = new Int32Array(values.length + 1);
	const validity = new Uint8Array(Math.ceil(values.length / 8));
	let nulls = 0;
	encoded.forEach((bytes, i) => {
		offsets[i + 1] = (offsets[i] ?? 0) + (bytes?.length ?? 0);
		if (bytes === null) nulls++;
		else validity[i >> 3] = (validity[i >> 3] ?? 0) | (1 << (i & 7));
	});
	const data = new Uint8Array(offsets[values.length] ?? 0);
	encoded.forEach((bytes, i) => bytes && data.set(bytes, offsets[i] ?? 0));
	return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: validity, valueOffsets: offsets, data }));
}

export async function insertDecoded(engine: Engine, table: string, decoded: DecodedRows): Promise<RawTable> {
	const vectors: Record<string, Vector> = {
		__row: makeVector(makeData({ type: new Int32(), length: decoded.rows.length, data: Int32Array.from(decoded.rows) })),
		__problem: utf8Vector(decoded.problems.map((p) => p?.expected ?? null)),
		__problem_value: utf8Vector(decoded.problems.map((p) => p?.value ?? null)),
		__problem_column: utf8Vector(decoded.problems.map((p) => p?.column ?? null))
	};
	decoded.columns.forEach((values, i) => {
		vectors[rawColumn(i)] = utf8Vector(values);
	});
	await engine.query(`DROP TABLE IF EXISTS "${table.replaceAll('"', '""')}"`);
	await engine.insertArrow(table, tableToIPC(new Table(vectors), 'stream'));
	return decodedRawTable(table, decoded.header);
}
