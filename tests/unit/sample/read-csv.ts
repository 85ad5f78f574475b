import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 reader written independently of the generator's writer, so a quoting bug
 * on either side shows up as a mismatch instead of cancelling out.
 */
export function eachRecord(text: string, onRecord: (fields: string[]) => void): void {
	let fields: string[] = [];
	let i = 0;
	const n = text.length;
	while (i < n) {
		let field: string;
		if (text.charCodeAt(i) === QUOTE) {
			// Quoted: runs to the next lone quote; "" is an escaped quote.
			field = '';
			i++;
			for (;;) {
				const q = text.indexOf('"', i);
				if (q < 0) throw new Error('unterminated quoted field');
				field += text.slice(i, q);
				i = q + 1;
				if (text.charCodeAt(i) !== QUOTE) break;
				field += '"';
				i++;
			}
		} else {
			let j = i;
			for (; j < n; j++) {
				const c = text.charCodeAt(j);
				if (c === COMMA || c === LF || c === CR || c === QUOTE) break;
			}
			field = text.slice(i, j);
			i = j;
		}
		fields.push(field);
		const c = text.charCodeAt(i);
		if (c === COMMA) {
			i++;
		} else if (c === LF) {
			onRecord(fields);
			fields = [];
			i++;
		} else if (i >= n) {
			throw new Error('file does not end with \\n');
		} else {
			throw new Error(`unexpected ${c === CR ? 'CR (line ends must be \\n)' : 'quote'} at offset ${i}`);
		}
	}
	if (fields.length > 0) throw new Error('file does not end with \\n');
}

export function fileText(dir: string, file: string): string {
	const bytes = readFileSync(join(dir, file));
	return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export interface Table {
	header: string[];
	rows: Record<string, string>[];
}

/** A whole table as header-keyed records (for the tables small enough to hold). */
export function readTable(dir: string, file: string): Table {
	let header: string[] | null = null;
	const rows: Record<string, string>[] = [];
	eachRecord(fileText(dir, file), (fields) => {
		if (header === null) {
			header = fields;
			return;
		}
		if (fields.length !== header.length) throw new Error(`${file}: ${fields.length} fields, header has ${header.length}`);
		const row: Record<string, string> = {};
		header.forEach((name, k) => (row[name] = fields[k] ?? ''));
		rows.push(row);
	});
	if (header === null) throw new Error(`${file} is empty`);
	return { header, rows };
}
