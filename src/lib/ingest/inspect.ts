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
import { decodeXlsx } from './xlsx-rows';

export interface Inspected {
	readonly sniffed: Sniffed;
	/** Column names as the loaded raw table will have them (made unique). */
	readonly header: readonly string[];
}

async function headerOf(blob: Blob, sniffed: Sniffed): Promise<string[]> {
	switch (sniffed.format) {
		case 'csv':
			return csvHeaderOf(sniffed);
		case 'json': {
			const bytes = await readAll(blob, sniffed.gzip);
			return decodeJson(new TextDecoder().decode(toUtf8(bytes, detectEncoding(bytes)))).header.slice();
		}
		case 'parquet':
			return parquetHeader(await readAll(blob, sniffed.gzip));
		case 'xlsx':
			return decodeXlsx(await readAll(blob, sniffed.gzip)).header.slice();
	}
}

export async function inspectFile(blob: Blob): Promise<Inspected> {
	const sniffed = await sniff(blob);
	return { sniffed, header: uniqueNames(await headerOf(blob, sniffed)) };
}

/** The shape of a header, to find a saved mapping for the next export of the same kind. */
export function headerSignature(header: readonly string[]): string {
	return header.map((h) => h.trim().toLowerCase()).join('\u001f');
}
