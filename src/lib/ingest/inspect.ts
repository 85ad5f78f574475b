/**
 * A first look at a dropped file, before anything is loaded: what it is, its columns, and
 * the table and preset it most likely is (or a saved mapping for files of its shape).
 */
import { decodeJson } from './json-rows';
import { parquetHeader } from './parquet-rows';
import { readAll } from './read-bytes';
import { uniqueNames } from './raw-table';
import { csvHeaderOf, sniff, type Sniffed } from './sniff';
import { detectEncoding, toUtf8 } from './text';
import { xlsxSheets } from './xlsx-rows';

export interface Sheet {
	readonly name: string;
	/** Column names as the loaded raw table will have them (made unique). */
	readonly header: readonly string[];
}

export interface Inspected {
	readonly sniffed: Sniffed;
	/** Column names as the loaded raw table will have them (made unique); a workbook's first sheet. */
	readonly header: readonly string[];
	/** A workbook's sheets that hold data, each with its header; empty for other formats. */
	readonly sheets: readonly Sheet[];
}

/** The file's tables with their headers: one for every format but a workbook, which has one per sheet. */
async function tablesOf(blob: Blob, sniffed: Sniffed): Promise<{ name: string; header: readonly string[] }[]> {
	switch (sniffed.format) {
		case 'csv':
			return [{ name: '', header: csvHeaderOf(sniffed) }];
		case 'json': {
			const bytes = await readAll(blob, sniffed.gzip);
			return [{ name: '', header: decodeJson(new TextDecoder().decode(toUtf8(bytes, detectEncoding(bytes)))).header }];
		}
		case 'parquet':
			return [{ name: '', header: parquetHeader(await readAll(blob, sniffed.gzip)) }];
		case 'xlsx':
			return xlsxSheets(await readAll(blob, sniffed.gzip));
	}
}

export async function inspectFile(blob: Blob): Promise<Inspected> {
	const sniffed = await sniff(blob);
	const tables = (await tablesOf(blob, sniffed)).map((t) => ({ name: t.name, header: uniqueNames(t.header) }));
	return { sniffed, header: tables[0]?.header ?? [], sheets: sniffed.format === 'xlsx' ? tables : [] };
}

/** The shape of a header, to find a saved mapping for the next export of the same kind. */
export function headerSignature(header: readonly string[]): string {
	return header.map((h) => h.trim().toLowerCase()).join('\u001f');
}
