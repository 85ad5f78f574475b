/**
 * What a file is, from its first bytes: gzip by magic bytes (undone first), then Parquet,
 * Excel (a zip), JSON, or delimited text with its encoding, BOM and delimiter.
 */
import { chooseDelimiter, parseRecords, type Delimiter } from './csv-scan';
import { HEAD_BYTES, isGzip, readHead } from './read-bytes';
import { bomLength, decodeSample, detectEncoding, type Encoding } from './text';
import { UnreadableFileError } from './unreadable';

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

export { UnreadableFileError };

/** The longest header line looked for; past it, a line without a break is not a header. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** Files people drop by mistake, named for a clearer message than "binary data". */
const KNOWN_BINARY: readonly { name: string; magic: number[] }[] = [
	{ name: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
	{ name: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
	{ name: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
	{ name: 'a PDF document', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
	{ name: 'an old Excel (.xls) or other Office 97 file: save it as .xlsx or CSV', magic: [0xd0, 0xcf, 0x11, 0xe0] }
];

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Programs and object files: their headers are mostly printable, so the share of control bytes alone may miss them. */
const PROGRAM_MAGIC: readonly number[][] = [
	[0x7f, 0x45, 0x4c, 0x46], // ELF
	[0xcf, 0xfa, 0xed, 0xfe], // Mach-O
	[0xca, 0xfe, 0xba, 0xbe], // Java class, Mach-O universal
	[0x00, 0x61, 0x73, 0x6d], // WebAssembly
	[0x37, 0x7a, 0xbc, 0xaf] // 7-Zip
];

/**
 * Binary content, by its share of control bytes (NUL included; tab, newlines and form feed
 * aside): text has next to none, random or packed bytes about one in ten. One stray NUL in
 * an export is a bad value in its row (rejected there), not a reason to refuse the file.
 */
function looksBinary(head: Uint8Array): boolean {
	if (PROGRAM_MAGIC.some((magic) => startsWith(head, ...magic))) return true;
	let control = 0;
	for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
	return control > Math.max(2, head.length / 100);
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
	const kind = KNOWN_BINARY.find((k) => startsWith(head, ...k.magic));
	if (kind) throw new UnreadableFileError(`not a CSV, JSON, Parquet or Excel file: it is ${kind.name}`);
	const bom = bomLength(head);
	if (!bom?.encoding.startsWith('utf-16') && looksBinary(head)) {
		throw new UnreadableFileError('not a CSV, JSON, Parquet or Excel file: it holds binary data');
	}
	const encoding = detectEncoding(head, true);
	const text = decodeSample(head, encoding);
	if (text.trim() === '') throw new UnreadableFileError('the file holds no data, only blank lines');
	const textBase = { ...base, encoding, bom: bom !== null };
	if (/^\s*[[{]/.test(text)) return { ...textBase, format: 'json' };
	if (!/[\r\n]/.test(text) && head.length >= HEAD_BYTES) {
		// No header row ends in the sample: look further, but only so far (a wide export's header fits).
		const longer = await readHead(blob, gzip, MAX_HEADER_BYTES);
		const longerText = decodeSample(longer, encoding);
		if (!/[\r\n]/.test(longerText) && longer.length >= MAX_HEADER_BYTES) {
			throw new UnreadableFileError(`not a table: its first line runs past ${MAX_HEADER_BYTES / (1024 * 1024)} MB without a line break, so it has no header row`);
		}
		return { ...textBase, head: longer, format: 'csv', delimiter: chooseDelimiter(longerText) };
	}
	return { ...textBase, format: 'csv', delimiter: chooseDelimiter(text) };
}

/** Column names as written in a delimited header, from the sniffed sample. */
export function csvHeaderOf(sniffed: Sniffed): string[] {
	const text = decodeSample(sniffed.head, sniffed.encoding ?? 'utf-8');
	return parseRecords(text, sniffed.delimiter ?? ',', 1)[0] ?? [];
}

/** File name endings offered for import (the Import page's picker, `npm run publish-report`); the content decides the format. */
export const EXPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gz', '.json', '.ndjson', '.jsonl', '.parquet', '.xlsx'] as const;
