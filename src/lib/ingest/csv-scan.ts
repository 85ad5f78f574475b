/**
 * Just enough CSV in JS to sniff a file (its delimiter and header) and, when DuckDB's reader
 * stopped on it, to read it again: its widest row tells the reader how many columns to
 * expect, so a row with too many fields is read (and rejected with its row number) instead
 * of stopping the file, and a quote that never closes is named.
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The first `limit` records of a text (quoted fields may hold delimiters and newlines); blank lines skipped. */
export function parseRecords(text: string, delimiter: string, limit: number): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	let atFieldStart = true;
	const endRecord = () => {
		record.push(field);
		if (!(record.length === 1 && record[0] === '')) records.push(record);
		record = [];
		field = '';
		atFieldStart = true;
	};
	for (let i = 0; i < text.length && records.length < limit; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"' && atFieldStart) {
			quoted = true;
			atFieldStart = false;
		} else if (ch === delimiter) {
			record.push(field);
			field = '';
			atFieldStart = true;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
		} else {
			field += ch;
			atFieldStart = false;
		}
	}
	if (records.length < limit && (field !== '' || record.length > 0)) endRecord();
	return records;
}

/**
 * The delimiter that splits the sample's lines into the same number of fields most
 * consistently (more fields win ties); a single-column file reads as comma-separated.
 */
export function chooseDelimiter(sample: string): Delimiter {
	let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
	for (const delimiter of DELIMITERS) {
		// The last record of a sample may be cut short: leave it out.
		const records = parseRecords(sample, delimiter, 21).slice(0, 20);
		const width = records[0]?.length ?? 0;
		if (width < 2) continue;
		const consistent = records.filter((r) => r.length === width).length / records.length;
		const score = consistent * 1000 + width;
		if (score > best.score) best = { delimiter, score };
	}
	return best.delimiter;
}

export interface RecordScan {
	/** The number of fields of the widest record. */
	readonly widest: number;
	/** The record (1 = the header; blank lines not counted) whose quoted value never closes, or null. */
	readonly unclosedQuote: number | null;
}

/** The widest record and any quote left open, in one pass over UTF-8 bytes. */
export function scanRecords(bytes: Uint8Array, delimiter: string): RecordScan {
	const delim = delimiter.charCodeAt(0);
	let maxFields = 0;
	let fields = 1;
	let quoted = false;
	let atFieldStart = true;
	let lineHasContent = false;
	let records = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (quoted) {
			if (b === QUOTE) {
				if (bytes[i + 1] === QUOTE) i++;
				else quoted = false;
			}
			continue;
		}
		if (b === QUOTE && atFieldStart) {
			quoted = true;
			atFieldStart = false;
			lineHasContent = true;
		} else if (b === delim) {
			fields++;
			atFieldStart = true;
			lineHasContent = true;
		} else if (b === LF || b === CR) {
			if (b === CR && bytes[i + 1] === LF) i++;
			if (lineHasContent) {
				records++;
				if (fields > maxFields) maxFields = fields;
			}
			fields = 1;
			atFieldStart = true;
			lineHasContent = false;
		} else {
			atFieldStart = false;
			lineHasContent = true;
		}
	}
	return { widest: lineHasContent && fields > maxFields ? fields : maxFields, unclosedQuote: quoted ? records + 1 : null };
}
