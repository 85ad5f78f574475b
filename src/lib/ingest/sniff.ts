/**
 * What a file is, from its first bytes: gzip by magic bytes (undone first), then Parquet,
 * Excel (a zip), JSON, or delimited text with its encoding, BOM and delimiter.
 */
import { chooseDelimiter, parseRecords, type Delimiter } from './csv-scan';
import { isGzip, readHead } from './read-bytes';
import { bomLength, decodeSample, detectEncoding, type Encoding } from './text';

export type Format = 'csv' | 'json' | 'parquet' | 'xlsx';

export interface Sniffed {
	readonly format: Format;
	readonly gzip: boolean;
	/** Text formats only. */
	readonly encoding: Encoding | null;
	readonly bom: boolean;
	readonly delimiter: Delimiter | null;
	/** The start of the (decompressed) content. */
	readonly head: Uint8Array;
}

/** A file that cannot be read at all, with the reason in the user's terms. */
export class UnreadableFileError extends Error {
	override readonly name = 'UnreadableFileError';
}

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Control characters other than tab, newlines and form feed: text files have next to none. */
function looksBinary(head: Uint8Array): boolean {
	let control = 0;
	for (const b of head) {
		if (b === 0) return true;
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
	}
	return control > head.length / 100;
}

export async function sniff(blob: Blob): Promise<Sniffed> {
	if (blob.size === 0) throw new UnreadableFileError('the file is empty');
	const first = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
	const gzip = isGzip(first);
	let head: Uint8Array;
	try {
		head = await readHead(blob, gzip);
	} catch (error) {
		throw new UnreadableFileError(`not a readable gzip file (${error instanceof Error ? error.message : String(error)})`);
	}
	if (head.length === 0) throw new UnreadableFileError('the file is empty');
	const base = { gzip, head, encoding: null, bom: false, delimiter: null };
	if (startsWith(head, 0x50, 0x41, 0x52, 0x31)) return { ...base, format: 'parquet' };
	if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) return { ...base, format: 'xlsx' };
	const bom = bomLength(head);
	if (!bom?.encoding.startsWith('utf-16') && looksBinary(head)) {
		throw new UnreadableFileError('not a CSV, JSON, Parquet or Excel file: it holds binary data');
	}
	const encoding = detectEncoding(head, true);
	const text = decodeSample(head, encoding);
	if (text.trim() === '') throw new UnreadableFileError('the file holds no data, only blank lines');
	const textBase = { ...base, encoding, bom: bom !== null };
	if (/^\s*[[{]/.test(text)) return { ...textBase, format: 'json' };
	return { ...textBase, format: 'csv', delimiter: chooseDelimiter(text) };
}

/** Column names as written in a delimited header, from the sniffed sample. */
export function csvHeaderOf(sniffed: Sniffed): string[] {
	const text = decodeSample(sniffed.head, sniffed.encoding ?? 'utf-8');
	return parseRecords(text, sniffed.delimiter ?? ',', 1)[0] ?? [];
}

/** File name endings offered for import (the Import page's picker, `npm run publish-report`); the content decides the format. */
export const EXPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gz', '.json', '.ndjson', '.jsonl', '.parquet', '.xlsx'] as const;
