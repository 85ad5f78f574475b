/**
 * What one tab can hold, and how far a compressed file may expand (docs/importing.md, "Limits").
 * DuckDB-wasm is 32-bit: its heap stops at 4 GiB and its memory_limit is 3.1 GiB. At its
 * peak an import holds the file's bytes and its typed, checked rows, so past 1.5 GB nothing
 * can fit and the file is refused before it is read. Below that, what fits depends on the
 * rows (docs/importing.md, "Limits", has the measured figures); an out-of-memory error is caught and
 * given the same advice (`explainOutOfMemory`).
 */
import { UnreadableFileError } from './unreadable';

/** The most (decompressed) bytes a file may hold. */
export const MAX_IMPORT_BYTES = 1_500_000_000;

/** Real exports gzip 5-30 times smaller (the ServiceNow log: 19); a bomb expands about a thousand times. */
export const MAX_GZIP_RATIO = 200;
/** Below this much output the ratio is not judged (tiny files compress oddly). */
export const GZIP_RATIO_FLOOR = 16 * 1024 * 1024;

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

const ADVICE = 'Cut it to a period or to some clinics first, with native DuckDB: npm run slice-export (docs/importing.md, “Limits”).';

/** Too big for the tab: stopped (before it is read where its size shows), with what to do instead. */
export class TooLargeError extends UnreadableFileError {}

export function tooLarge(bytes: number, compressed: boolean): TooLargeError {
	const size = `${compressed ? 'over ' : ''}${gb(bytes)}${compressed ? ' once decompressed' : ''}`;
	return new TooLargeError(`the file holds ${size}, more than this browser tab can hold (${gb(MAX_IMPORT_BYTES)} per file): nothing was loaded from it. ${ADVICE}`);
}

export function gzipBomb(compressed: number, decompressed: number): UnreadableFileError {
	return new UnreadableFileError(
		`the gzip data expands more than ${MAX_GZIP_RATIO} times (${(compressed / 1e6).toFixed(1)} MB became over ${(decompressed / 1e6).toFixed(0)} MB), ` +
			'as a decompression bomb does, so it was not decompressed further; decompress it yourself and import the result if it is genuine'
	);
}

/** DuckDB's own limit reached anyway (rows that take more room than their bytes): the same advice, not its tuning tips. */
export function explainOutOfMemory(error: unknown): unknown {
	const text = error instanceof Error ? error.message : String(error);
	if (!/Out of Memory Error/i.test(text)) return error;
	const used = /\(([^)]*used)\)/.exec(text)?.[1] ?? 'its limit reached';
	return new TooLargeError(`DuckDB ran out of memory while loading it (${used}): its rows are more than this browser tab can hold, and nothing was loaded from it. ${ADVICE}`);
}
