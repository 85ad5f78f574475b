/**
 * Parquet decoded in JS by hyparquet (DuckDB's parquet extension is not available offline
 * in duckdb-wasm). Values become text like a CSV's: timestamps as ISO, so the ISO date
 * format reads them.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { cellText, type DecodedRows } from './decoded-rows';
import { UnreadableFileError } from './sniff';

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
	return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : (bytes.slice().buffer as ArrayBuffer);
}

export function parquetHeader(bytes: Uint8Array): string[] {
	try {
		return parquetSchema(parquetMetadata(arrayBufferOf(bytes))).children.map((c) => c.element.name);
	} catch (error) {
		throw new UnreadableFileError(`not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`);
	}
}

export async function decodeParquet(bytes: Uint8Array): Promise<DecodedRows> {
	const header = parquetHeader(bytes);
	let records: Record<string, unknown>[];
	try {
		records = await parquetReadObjects({ file: arrayBufferOf(bytes) });
	} catch (error) {
		throw new UnreadableFileError(`not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`);
	}
	return {
		header,
		columns: header.map((name) => records.map((r) => cellText(r[name]))),
		rows: records.map((_, i) => i + 1),
		problems: records.map(() => null)
	};
}
