/**
 * Bytes to UTF-8 text that DuckDB can read. DuckDB's CSV reader only takes UTF-8, while
 * exports from Windows spreadsheets are often Windows-1252 ("Latin-1") or UTF-16: those are
 * transcoded here, in JS, before the bytes are registered.
 */
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Whether the bytes are well-formed UTF-8; `partialTail` accepts a sequence cut at the end (a sample). */
export function isUtf8(bytes: Uint8Array, partialTail = false): boolean {
	const n = bytes.length;
	let i = 0;
	while (i < n) {
		const b = bytes[i] ?? 0;
		if (b < 0x80) {
			i++;
			continue;
		}
		const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
		if (need < 0) return false;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			// A sequence cut by the end of a sample is not an error.
			if (c === undefined) return partialTail;
			if ((c & 0xc0) !== 0x80) return false;
		}
		// Overlong three-byte forms, surrogates and code points past U+10FFFF.
		const c1 = bytes[i + 1] ?? 0;
		if (b === 0xe0 && c1 < 0xa0) return false;
		if (b === 0xed && c1 > 0x9f) return false;
		if (b === 0xf0 && c1 < 0x90) return false;
		if (b === 0xf4 && c1 > 0x8f) return false;
		i += need + 1;
	}
	return true;
}

export function bomLength(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
	const [a, b, c] = bytes;
	if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
	if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
	return null;
}

/** The encoding of text bytes: a BOM says it; otherwise UTF-8 when valid, else Windows-1252. */
export function detectEncoding(bytes: Uint8Array, sample = false): Encoding {
	return bomLength(bytes)?.encoding ?? (isUtf8(bytes, sample) ? 'utf-8' : 'windows-1252');
}

const encoder = new TextEncoder();
/**
 * Transcoding goes by pieces: a JS string holds at most 2^29 characters, so a whole
 * large file decoded at once would fail, and would briefly cost three copies of it.
 */
const TRANSCODE_PIECE = 8 * 1024 * 1024;

/** UTF-8 bytes without a BOM, transcoding when needed (no copy for UTF-8 input). */
export function toUtf8(bytes: Uint8Array, encoding: Encoding): Uint8Array {
	const skip = bomLength(bytes)?.length ?? 0;
	const body = bytes.subarray(skip);
	if (encoding === 'utf-8') return body;
	// WHATWG's decoder for 'windows-1252' is also what browsers use for "latin1"/"iso-8859-1".
	const decoder = new TextDecoder(encoding);
	const pieces: Uint8Array[] = [];
	let total = 0;
	for (let at = 0; at < body.length; at += TRANSCODE_PIECE) {
		const end = Math.min(body.length, at + TRANSCODE_PIECE);
		// `stream` carries a character split between two pieces over to the next.
		const piece = encoder.encode(decoder.decode(body.subarray(at, end), { stream: end < body.length }));
		pieces.push(piece);
		total += piece.length;
	}
	if (pieces.length === 1) return pieces[0] as Uint8Array;
	const out = new Uint8Array(total);
	let at = 0;
	for (const piece of pieces) {
		out.set(piece, at);
		at += piece.length;
	}
	return out;
}

/** Text of a sample, for sniffing; a multi-byte sequence cut at the end is dropped. */
export function decodeSample(bytes: Uint8Array, encoding: Encoding): string {
	const skip = bomLength(bytes)?.length ?? 0;
	return new TextDecoder(encoding).decode(bytes.subarray(skip)).replace(/\uFFFD$/, '');
}
