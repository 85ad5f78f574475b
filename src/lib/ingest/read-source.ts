/**
 * A dropped file into a raw table, whatever its format: the bytes are read (with progress
 * and cancel), gunzipped, transcoded to UTF-8 when needed, then parsed by DuckDB (CSV) or
 * decoded in JS (JSON, Parquet, Excel).
 */
import type { Engine } from '$lib/engine';
import { csvRawTable } from './csv-raw';
import { insertDecoded } from './decoded-rows';
import { decodeJson } from './json-rows';
import type { RawTable } from './raw-table';
import { readAll, type ReadOptions } from './read-bytes';
import { UnreadableFileError, type Sniffed } from './sniff';
import { detectEncoding, toUtf8 } from './text';
import { decodeParquet } from './parquet-rows';
import { decodeXlsx } from './xlsx-rows';

/** How the file was read, in words for the report. */
export function describeFormat(sniffed: Sniffed, encoding = sniffed.encoding): string {
	const names: Record<string, string> = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated', '|': 'pipe-separated' };
	const parts: string[] = [sniffed.format === 'xlsx' ? 'Excel' : sniffed.format.toUpperCase()];
	if (encoding) parts.push(encoding === 'windows-1252' ? 'Latin-1 (Windows-1252), transcoded to UTF-8' : encoding.toUpperCase());
	if (sniffed.bom) parts.push('with BOM');
	if (sniffed.delimiter) parts.push(names[sniffed.delimiter] ?? sniffed.delimiter);
	if (sniffed.gzip) parts.push('gzip');
	return parts.join(', ');
}

export async function readSource(
	engine: Engine,
	blob: Blob,
	sniffed: Sniffed,
	table: string,
	options: ReadOptions = {},
	/** The worksheet of a workbook; the first when absent. */
	sheet?: string
): Promise<{ raw: RawTable; format: string }> {
	let bytes: Uint8Array;
	try {
		bytes = await readAll(blob, sniffed.gzip, options);
	} catch (error) {
		if (options.signal?.aborted || error instanceof UnreadableFileError) throw error;
		throw new UnreadableFileError(`could not be read (${error instanceof Error ? error.message : String(error)})`);
	}
	options.signal?.throwIfAborted();
	switch (sniffed.format) {
		case 'csv': {
			// The whole file decides: a sample can be valid UTF-8 while a later accented name is not.
			const encoding = sniffed.encoding === 'utf-8' ? detectEncoding(bytes) : (sniffed.encoding ?? 'utf-8');
			const text = toUtf8(bytes, encoding);
			return { raw: await csvRawTable(engine, table, `ingest/${table}.csv`, text, sniffed.delimiter ?? ','), format: describeFormat(sniffed, encoding) };
		}
		case 'json': {
			const encoding = sniffed.encoding === 'utf-8' ? detectEncoding(bytes) : (sniffed.encoding ?? 'utf-8');
			const text = new TextDecoder().decode(toUtf8(bytes, encoding));
			return { raw: await insertDecoded(engine, table, decodeJson(text)), format: describeFormat(sniffed, encoding) };
		}
		case 'parquet':
			return { raw: await insertDecoded(engine, table, await decodeParquet(bytes)), format: describeFormat(sniffed) };
		case 'xlsx':
			return { raw: await insertDecoded(engine, table, decodeXlsx(bytes, sheet)), format: describeFormat(sniffed) + (sheet === undefined ? '' : `, sheet “${sheet}”`) };
	}
}
