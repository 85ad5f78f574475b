/**
 * A dropped file as the raw rows the mapping reads, whatever its format: the bytes are read
 * (with progress and cancel), gunzipped, transcoded to UTF-8 when needed, then parsed by
 * DuckDB's CSV reader within the mapping statement, or decoded in JS (JSON, Parquet,
 * Excel) into a table.
 */
import type { Engine } from '$lib/engine';
import { sql } from '$lib/sql/fragment';
import { scanRecords } from './csv-scan';
import { csvSource } from './csv-source';
import { insertDecoded } from './decoded-rows';
import { decodeJson } from './json-rows';
import { uniqueNames, type RawTable } from './raw-table';
import { readAll, type ReadOptions } from './read-bytes';
import { csvHeaderOf, UnreadableFileError, type Sniffed } from './sniff';
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

/** A file as the mapping reads it, and how it was read. */
export interface Source {
	readonly raw: RawTable;
	/** How the file was read, in words for the report. */
	readonly format: string;
	/** Frees what reading took (a registered file or a table). */
	release(): Promise<void>;
	/**
	 * After the mapping statement failed on this reading: the file read again with nothing
	 * assumed, or null when it would be read the same way (the failure is then the file's).
	 */
	reread(): Promise<Source | null>;
}

async function readBytes(blob: Blob, sniffed: Sniffed, options: ReadOptions): Promise<Uint8Array> {
	try {
		return await readAll(blob, sniffed.gzip, options);
	} catch (error) {
		if (options.signal?.aborted || error instanceof UnreadableFileError) throw error;
		throw new UnreadableFileError(`could not be read (${error instanceof Error ? error.message : String(error)})`);
	}
}

/**
 * A CSV is first read trusting its sniff: UTF-8 when the sample was (DuckDB checks every
 * byte as it reads) and every row as wide as the header. When the reader stops, the file
 * is read again with the whole of it deciding: its encoding (a later accented name may not
 * be UTF-8), its widest row, and whether a quote never closes (which stops it, named).
 */
async function csvOf(engine: Engine, blob: Blob, bytes: Uint8Array, sniffed: Sniffed, table: string, options: SourceOptions): Promise<Source> {
	const header = uniqueNames(csvHeaderOf(sniffed));
	const delimiter = sniffed.delimiter ?? ',';
	const path = `ingest/${table}.csv`;
	const encoding = sniffed.encoding ?? 'utf-8';
	const first = await csvSource(engine, path, toUtf8(bytes, encoding), header, delimiter, { emptyIsNull: options.emptyIsNull === true });
	const reread = async (): Promise<Source | null> => {
		// The registered bytes went to DuckDB's worker: the file is read once more.
		await first.release();
		const again = await readBytes(blob, sniffed, options);
		const whole = encoding === 'utf-8' ? detectEncoding(again) : encoding;
		const text = toUtf8(again, whole);
		const scan = scanRecords(text, delimiter);
		if (scan.unclosedQuote !== null) {
			throw new UnreadableFileError(`row ${scan.unclosedQuote} opens a quoted value (") that is never closed, so the rows after it cannot be told apart; close the quote or remove it`);
		}
		const second = await csvSource(engine, path, text, header, delimiter, { widest: scan.widest });
		return { raw: second.raw, format: describeFormat(sniffed, whole), release: () => second.release(), reread: async () => null };
	};
	return { raw: first.raw, format: describeFormat(sniffed, encoding), release: () => first.release(), reread };
}

function tableOf(engine: Engine, raw: RawTable, format: string): Source {
	return { raw, format, release: async () => void (await engine.query(sql`DROP TABLE IF EXISTS ${raw.source}`)), reread: async () => null };
}

export interface SourceOptions extends ReadOptions {
	/** The worksheet of a workbook; the first when absent. */
	readonly sheet?: string;
	/** The mapping takes an empty value as missing: a CSV reader may give NULL for it. */
	readonly emptyIsNull?: boolean;
}

export async function readSource(engine: Engine, blob: Blob, sniffed: Sniffed, table: string, options: SourceOptions = {}): Promise<Source> {
	const { sheet } = options;
	const bytes = await readBytes(blob, sniffed, options);
	options.signal?.throwIfAborted();
	switch (sniffed.format) {
		case 'csv':
			return csvOf(engine, blob, bytes, sniffed, table, options);
		case 'json': {
			const encoding = sniffed.encoding === 'utf-8' ? detectEncoding(bytes) : (sniffed.encoding ?? 'utf-8');
			const text = new TextDecoder().decode(toUtf8(bytes, encoding));
			return tableOf(engine, await insertDecoded(engine, table, decodeJson(text)), describeFormat(sniffed, encoding));
		}
		case 'parquet':
			return tableOf(engine, await insertDecoded(engine, table, await decodeParquet(bytes)), describeFormat(sniffed));
		case 'xlsx':
			return tableOf(engine, await insertDecoded(engine, table, decodeXlsx(bytes, sheet)), describeFormat(sniffed) + (sheet === undefined ? '' : `, sheet “${sheet}”`));
	}
}
