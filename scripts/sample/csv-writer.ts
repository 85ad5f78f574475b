import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** A CSV cell: null is written as an empty field, the contract's null. */
export type Cell = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote only when needed, double embedded quotes. */
export function csvField(value: Cell): string {
	if (value === null) return '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') return String(value);
	return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly Cell[]): string {
	let line = '';
	for (let i = 0; i < cells.length; i++) {
		if (i > 0) line += ',';
		line += csvField(cells[i] ?? null);
	}
	return `${line}\n`;
}

export interface WrittenFile {
	rows: number;
	bytes: number;
	/** Of the bytes on disk, compressed or not, so readers can check what they fetched. */
	sha256: string;
}

// Large enough that zlib and the file system see few calls, small enough to stay in cache.
const CHUNK_CHARS = 1 << 16;

function* csvChunks(header: readonly string[], rows: Iterable<readonly Cell[]>, counter: { rows: number }) {
	let text = csvLine(header);
	for (const row of rows) {
		text += csvLine(row);
		counter.rows++;
		if (text.length >= CHUNK_CHARS) {
			yield Buffer.from(text, 'utf8');
			text = '';
		}
	}
	if (text.length > 0) yield Buffer.from(text, 'utf8');
}

/**
 * Streams rows to `path`, gzipped when asked. Rows are pulled lazily from the iterable,
 * so a ten-million-row table never sits in memory; the stream's backpressure paces it.
 */
export async function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly Cell[]>, options: { gzip: boolean }): Promise<WrittenFile> {
	const counter = { rows: 0 };
	const hash = createHash('sha256');
	let bytes = 0;
	const tap = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			hash.update(chunk);
			bytes += chunk.length;
			done(null, chunk);
		}
	});
	const source = Readable.from(csvChunks(header, rows, counter));
	const sink = createWriteStream(path);
	if (options.gzip) await pipeline(source, createGzip(), tap, sink);
	else await pipeline(source, tap, sink);
	return { rows: counter.rows, bytes, sha256: hash.digest('hex') };
}
