/**
 * Native DuckDB's result values as apache-arrow columns of the very types duckdb-wasm's Arrow
 * export gives for the same SQL (checked type by type in tests/unit/engine/native-engine.test.ts):
 * INTEGER → Int32, BIGINT → Int64, HUGEINT and every DECIMAL → Decimal128, DATE → DateDay,
 * TIMESTAMP → Timestamp(µs), TIMESTAMPTZ → Timestamp(µs, UTC), TIME → Time64(µs),
 * INTERVAL → Interval(MONTH_DAY_NANO), UUID → Utf8, a bare NULL → Int32, lists with a child
 * named `l`, every field nullable. Types the app never returns (MAP, ENUM, UNION, ARRAY…) are
 * refused by name rather than given a type the browser would not give.
 * Not imported by the app.
 */
import {
	Binary,
	Bool,
	DateDay,
	Decimal,
	Field,
	Float32,
	Float64,
	Int16,
	Int32,
	Int64,
	Int8,
	Interval,
	IntervalUnit,
	List,
	makeData,
	Struct,
	Time,
	TimeUnit,
	Timestamp,
	Uint16,
	Uint32,
	Uint64,
	Uint8,
	Utf8,
	type Data,
	type DataType
} from 'apache-arrow';
import { DuckDBTypeId, type DuckDBDecimalType, type DuckDBListType, type DuckDBStructType, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** The Arrow type duckdb-wasm gives a column of this DuckDB type. */
export function arrowType(type: DuckDBType): DataType {
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN:
			return new Bool();
		case DuckDBTypeId.TINYINT:
			return new Int8();
		case DuckDBTypeId.SMALLINT:
			return new Int16();
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.SQLNULL:
			return new Int32();
		case DuckDBTypeId.BIGINT:
			return new Int64();
		case DuckDBTypeId.UTINYINT:
			return new Uint8();
		case DuckDBTypeId.USMALLINT:
			return new Uint16();
		case DuckDBTypeId.UINTEGER:
			return new Uint32();
		case DuckDBTypeId.UBIGINT:
			return new Uint64();
		case DuckDBTypeId.FLOAT:
			return new Float32();
		case DuckDBTypeId.DOUBLE:
			return new Float64();
		case DuckDBTypeId.HUGEINT:
			return new Decimal(0, 38, 128);
		case DuckDBTypeId.DECIMAL:
			return new Decimal((type as DuckDBDecimalType).scale, (type as DuckDBDecimalType).width, 128);
		case DuckDBTypeId.VARCHAR:
		case DuckDBTypeId.UUID:
			return new Utf8();
		case DuckDBTypeId.BLOB:
			return new Binary();
		case DuckDBTypeId.DATE:
			return new DateDay();
		case DuckDBTypeId.TIMESTAMP:
			return new Timestamp(TimeUnit.MICROSECOND);
		case DuckDBTypeId.TIMESTAMP_TZ:
			return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
		case DuckDBTypeId.TIME:
			return new Time(TimeUnit.MICROSECOND, 64);
		case DuckDBTypeId.INTERVAL:
			return new Interval(IntervalUnit.MONTH_DAY_NANO);
		case DuckDBTypeId.LIST:
			return new List(new Field('l', arrowType((type as DuckDBListType).valueType), true));
		case DuckDBTypeId.STRUCT: {
			const s = type as DuckDBStructType;
			return new Struct(s.entryNames.map((name, i) => new Field(name, arrowType(s.entryTypes[i] as DuckDBType), true)));
		}
		default:
			throw new Error(`native engine: results of type ${type.toString()} are not converted to Arrow (the app returns none)`);
	}
}

function validity(values: readonly DuckDBValue[]): { nullBitmap: Uint8Array; nullCount: number } {
	const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nullCount = 0;
	values.forEach((v, i) => {
		if (v === null) nullCount++;
		else nullBitmap[i >> 3] = (nullBitmap[i >> 3] ?? 0) | (1 << (i & 7));
	});
	return { nullBitmap, nullCount };
}

/** Each value as the number (or bigint) Arrow stores for it; null → 0 under a cleared validity bit. */
function filled<T extends Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array>(
	array: T,
	values: readonly DuckDBValue[],
	read: (v: DuckDBValue) => number | bigint
): T {
	values.forEach((v, i) => {
		if (v !== null) array[i] = read(v) as never;
	});
	return array;
}

const encoder = new TextEncoder();

function bytesColumn(type: DataType, values: readonly DuckDBValue[], toBytes: (v: DuckDBValue) => Uint8Array): Data {
	const parts = values.map((v) => (v === null ? null : toBytes(v)));
	const valueOffsets = new Int32Array(values.length + 1);
	parts.forEach((p, i) => (valueOffsets[i + 1] = (valueOffsets[i] ?? 0) + (p?.length ?? 0)));
	const data = new Uint8Array(valueOffsets[values.length] ?? 0);
	parts.forEach((p, i) => p && data.set(p, valueOffsets[i] ?? 0));
	return makeData({ type, length: values.length, ...validity(values), valueOffsets, data } as never);
}

/** A 128-bit two's-complement integer as four little-endian 32-bit words. */
function decimalWords(values: readonly DuckDBValue[], read: (v: DuckDBValue) => bigint): Uint32Array {
	const words = new Uint32Array(values.length * 4);
	values.forEach((v, i) => {
		if (v === null) return;
		const n = BigInt.asUintN(128, read(v));
		for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((n >> BigInt(32 * w)) & 0xffffffffn);
	});
	return words;
}

const field = <K extends string>(v: DuckDBValue, key: K) => (v as unknown as Record<K, unknown>)[key];

/** One column's values (all chunks, in order) as Arrow data of `arrowType(type)`. */
export function arrowData(type: DuckDBType, values: readonly DuckDBValue[]): Data {
	const t = arrowType(type);
	const length = values.length;
	const simple = (data: ArrayBufferView) => makeData({ type: t, length, ...validity(values), data } as never) as Data;
	const num = (v: DuckDBValue) => Number(v);
	const big = (v: DuckDBValue) => BigInt(v as bigint | number);
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN: {
			const bits = new Uint8Array(Math.ceil(length / 8));
			values.forEach((v, i) => v === true && (bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7))));
			return simple(bits);
		}
		case DuckDBTypeId.TINYINT:
			return simple(filled(new Int8Array(length), values, num));
		case DuckDBTypeId.SMALLINT:
			return simple(filled(new Int16Array(length), values, num));
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.SQLNULL:
			return simple(filled(new Int32Array(length), values, num));
		case DuckDBTypeId.UTINYINT:
			return simple(filled(new Uint8Array(length), values, num));
		case DuckDBTypeId.USMALLINT:
			return simple(filled(new Uint16Array(length), values, num));
		case DuckDBTypeId.UINTEGER:
			return simple(filled(new Uint32Array(length), values, num));
		case DuckDBTypeId.FLOAT:
			return simple(filled(new Float32Array(length), values, num));
		case DuckDBTypeId.DOUBLE:
			return simple(filled(new Float64Array(length), values, num));
		case DuckDBTypeId.BIGINT:
			return simple(filled(new BigInt64Array(length), values, big));
		case DuckDBTypeId.UBIGINT:
			return simple(filled(new BigUint64Array(length), values, big));
		case DuckDBTypeId.HUGEINT:
			return simple(decimalWords(values, big));
		case DuckDBTypeId.DECIMAL:
			return simple(decimalWords(values, (v) => field(v, 'value') as bigint));
		case DuckDBTypeId.DATE:
			return simple(filled(new Int32Array(length), values, (v) => field(v, 'days') as number));
		case DuckDBTypeId.TIMESTAMP:
		case DuckDBTypeId.TIMESTAMP_TZ:
		case DuckDBTypeId.TIME:
			return simple(filled(new BigInt64Array(length), values, (v) => field(v, 'micros') as bigint));
		case DuckDBTypeId.INTERVAL: {
			// months (int32), days (int32), nanoseconds (int64): four int32 words a value.
			const words = new Int32Array(length * 4);
			const nanos = new BigInt64Array(words.buffer);
			values.forEach((v, i) => {
				if (v === null) return;
				words[i * 4] = field(v, 'months') as number;
				words[i * 4 + 1] = field(v, 'days') as number;
				nanos[i * 2 + 1] = (field(v, 'micros') as bigint) * 1000n;
			});
			return simple(words);
		}
		case DuckDBTypeId.VARCHAR:
			return bytesColumn(t, values, (v) => encoder.encode(v as string));
		case DuckDBTypeId.UUID:
			return bytesColumn(t, values, (v) => encoder.encode(String(v)));
		case DuckDBTypeId.BLOB:
			return bytesColumn(t, values, (v) => field(v, 'bytes') as Uint8Array);
		case DuckDBTypeId.LIST: {
			const items = values.map((v) => (v === null ? [] : (field(v, 'items') as readonly DuckDBValue[])));
			const valueOffsets = new Int32Array(length + 1);
			items.forEach((list, i) => (valueOffsets[i + 1] = (valueOffsets[i] ?? 0) + list.length));
			const child = arrowData((type as DuckDBListType).valueType, items.flat());
			return makeData({ type: t, length, ...validity(values), valueOffsets, child } as never) as Data;
		}
		case DuckDBTypeId.STRUCT: {
			const s = type as DuckDBStructType;
			const children = s.entryNames.map((name, c) =>
				arrowData(
					s.entryTypes[c] as DuckDBType,
					values.map((v) => (v === null ? null : ((field(v, 'entries') as Record<string, DuckDBValue>)[name] ?? null)))
				)
			);
			return makeData({ type: t, length, ...validity(values), children } as never) as Data;
		}
		default:
			throw new Error(`native engine: results of type ${type.toString()} are not converted to Arrow`);
	}
}
