import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import { csvRecord } from '$lib/export/csv';
import { cellReader, columnFormat } from './cell-format';

/** Rows per CSV text part: the whole file is never one string, the Blob joins the parts. */
const CSV_PART_ROWS = 20_000;

/** A result as CSV text parts (header first), straight from the Arrow columns. */
export function csvParts(table: Table): string[] {
	const fields = table.schema.fields;
	const columns = fields.map((_, j) => cellReader(table.getChildAt(j)));
	const formats = fields.map((f) => columnFormat(f.type));
	const parts = [csvRecord(fields.map((f) => f.name))];
	for (let start = 0; start < table.numRows; start += CSV_PART_ROWS) {
		let part = '';
		const end = Math.min(table.numRows, start + CSV_PART_ROWS);
		for (let i = start; i < end; i++) part += csvRecord(columns.map((c, j) => formats[j]?.csv(c(i)) ?? null));
		parts.push(part);
	}
	return parts;
}

type ParquetType = 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'STRING' | 'DATE' | 'TIMESTAMP';

interface ParquetColumn {
	readonly name: string;
	readonly type: ParquetType;
	readonly data: unknown[];
}

function parquetType(type: DataType): ParquetType {
	if (DataType.isBool(type)) return 'BOOLEAN';
	if (DataType.isInt(type)) return type.bitWidth <= 16 || (type.bitWidth === 32 && type.isSigned) ? 'INT32' : 'INT64';
	if (DataType.isFloat(type)) return 'DOUBLE';
	if (DataType.isDecimal(type)) return type.precision <= 15 ? 'DOUBLE' : 'STRING';
	if (DataType.isDate(type)) return 'DATE';
	if (DataType.isTimestamp(type)) return 'TIMESTAMP';
	return 'STRING';
}

/** One column's values as the Parquet writer takes them (JS arrays, SQL NULL as null). */
export function parquetColumn(field: Field, column: Vector | null): ParquetColumn {
	const type = parquetType(field.type);
	const format = columnFormat(field.type);
	const length = column?.length ?? 0;
	const read = cellReader(column);
	const data = new Array<unknown>(length);
	for (let i = 0; i < length; i++) {
		const value: unknown = read(i);
		if (value === null || value === undefined) data[i] = null;
		else if (type === 'BOOLEAN') data[i] = Boolean(value);
		else if (type === 'INT32' || type === 'DOUBLE') data[i] = format.number(value);
		else if (type === 'INT64') data[i] = BigInt(value as number | bigint);
		else if (type === 'DATE' || type === 'TIMESTAMP') data[i] = new Date(Number(value));
		else data[i] = format.text(value);
	}
	return { name: field.name, type, data };
}

/**
 * A result as a Parquet file, written in the browser by hyparquet-writer (pure JS, loaded on
 * first use): DuckDB-wasm's own `COPY ... (FORMAT parquet)` needs an extension that is not
 * available offline. Dates are DATE, timestamps millisecond TIMESTAMP, decimals DOUBLE
 * (or text beyond 15 digits), nested and other types their text.
 */
export async function parquetBytes(table: Table): Promise<ArrayBuffer> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const columns = table.schema.fields.map((field, j) => parquetColumn(field, table.getChildAt(j)));
	const physical: Record<ParquetType, { type: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY'; converted_type?: 'UTF8' | 'DATE' | 'TIMESTAMP_MILLIS' }> = {
		BOOLEAN: { type: 'BOOLEAN' },
		INT32: { type: 'INT32' },
		INT64: { type: 'INT64' },
		DOUBLE: { type: 'DOUBLE' },
		STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
		DATE: { type: 'INT32', converted_type: 'DATE' },
		TIMESTAMP: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }
	};
	return parquetWriteBuffer({
		columnData: columns.map((c) => ({ name: c.name, data: c.data })),
		schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...physical[c.type] }))]
	});
}
