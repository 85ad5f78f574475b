/**
 * `insertArrow` for native DuckDB, which takes no Arrow: the IPC stream is decoded with
 * apache-arrow and appended chunk by chunk, into a table created with the DuckDB type of each
 * Arrow type (the inverse of ./native-arrow.ts, for the types the importers produce).
 * Not imported by the app.
 */
import {
	DuckDBDataChunk,
	DuckDBDateValue,
	DuckDBTimestampValue,
	type DuckDBConnection,
	type DuckDBType,
	type DuckDBValue,
	BIGINT,
	BOOLEAN,
	DATE,
	DOUBLE,
	FLOAT,
	INTEGER,
	SMALLINT,
	TIMESTAMP,
	TINYINT,
	VARCHAR
} from '@duckdb/node-api';
import { DataType, tableFromIPC, type Vector } from 'apache-arrow';

const CHUNK_ROWS = 2048;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const MS_PER_DAY = 86_400_000;

interface Column {
	readonly sqlType: string;
	readonly duckType: DuckDBType;
	readonly value: (v: unknown) => DuckDBValue;
}

function columnOf(type: DataType, name: string): Column {
	const num = (v: unknown) => Number(v);
	if (DataType.isUtf8(type)) return { sqlType: 'VARCHAR', duckType: VARCHAR, value: (v) => String(v) };
	if (DataType.isBool(type)) return { sqlType: 'BOOLEAN', duckType: BOOLEAN, value: (v) => Boolean(v) };
	if (DataType.isFloat(type)) return type.precision === 1 ? { sqlType: 'FLOAT', duckType: FLOAT, value: num } : { sqlType: 'DOUBLE', duckType: DOUBLE, value: num };
	if (DataType.isInt(type) && type.isSigned) {
		if (type.bitWidth === 64) return { sqlType: 'BIGINT', duckType: BIGINT, value: (v) => BigInt(v as bigint) };
		if (type.bitWidth === 32) return { sqlType: 'INTEGER', duckType: INTEGER, value: num };
		if (type.bitWidth === 16) return { sqlType: 'SMALLINT', duckType: SMALLINT, value: num };
		return { sqlType: 'TINYINT', duckType: TINYINT, value: num };
	}
	// apache-arrow reads a date as epoch milliseconds and a timestamp as epoch milliseconds too.
	if (DataType.isDate(type)) return { sqlType: 'DATE', duckType: DATE, value: (v) => new DuckDBDateValue(Math.floor(Number(v) / MS_PER_DAY)) };
	if (DataType.isTimestamp(type) && !type.timezone) return { sqlType: 'TIMESTAMP', duckType: TIMESTAMP, value: (v) => new DuckDBTimestampValue(BigInt(Math.round(Number(v) * 1000))) };
	throw new Error(`native engine: insertArrow of a ${String(type)} column (${name}) is not supported`);
}

export async function insertArrowNative(conn: DuckDBConnection, name: string, ipc: Uint8Array): Promise<void> {
	const table = tableFromIPC(ipc);
	const fields = table.schema.fields;
	const columns = fields.map((f) => columnOf(f.type, f.name));
	await conn.run(`CREATE TABLE ${ident(name)} (${fields.map((f, i) => `${ident(f.name)} ${columns[i]?.sqlType}`).join(', ')})`);
	const vectors = fields.map((f) => table.getChild(f.name) as Vector);
	const appender = await conn.createAppender(name);
	try {
		for (let first = 0; first < table.numRows; first += CHUNK_ROWS) {
			const rows = Math.min(CHUNK_ROWS, table.numRows - first);
			const chunk = DuckDBDataChunk.create(
				columns.map((c) => c.duckType),
				rows
			);
			columns.forEach((c, i) => {
				const vector = vectors[i] as Vector;
				const values: DuckDBValue[] = new Array<DuckDBValue>(rows);
				for (let r = 0; r < rows; r++) {
					const v: unknown = vector.get(first + r);
					values[r] = v === null || v === undefined ? null : c.value(v);
				}
				chunk.setColumnValues(i, values);
			});
			appender.appendDataChunk(chunk);
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}
