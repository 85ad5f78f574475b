/**
 * Reading a dropped file (a `Blob`: `File` in the browser, `File`/`Blob` in node tests) in
 * chunks: progress as bytes arrive, cancel between chunks, gzip undone by the platform's
 * `DecompressionStream` (no library, no extension). Reads are bounded: a file over the
 * tab's budget is refused before it is read, and gzip stops as soon as its output passes
 * the budget or expands like a bomb, so nothing decompresses gigabytes into memory.
 */
import { GZIP_RATIO_FLOOR, gzipBomb, MAX_GZIP_RATIO, MAX_IMPORT_BYTES, tooLarge } from './limits';

export interface ReadOptions {
	readonly signal?: AbortSignal;
	/** Compressed bytes read so far, of `blob.size`. */
	readonly onProgress?: (read: number, total: number) => void;
}

export function isGzip(first: Uint8Array): boolean {
	return first[0] === 0x1f && first[1] === 0x8b;
}

/**
 * Compressed input goes to the decompressor in small pieces and only when it asks for
 * them, so that the bytes counted as read are the bytes it has consumed: the expansion
 * ratio is then judged after a few megabytes of output, not after the file's read-ahead
 * has expanded.
 */
const GZIP_PIECE = 16 * 1024;

function counted(blob: Blob, options: ReadOptions, read: { bytes: number }): ReadableStream<Uint8Array> {
	const reader = blob.stream().getReader();
	let chunk = new Uint8Array(0);
	let at = 0;
	let fetched = 0;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				options.signal?.throwIfAborted();
				if (at >= chunk.byteLength) {
					const next = await reader.read();
					if (next.done) return controller.close();
					[chunk, at] = [next.value, 0];
					// Progress per chunk of the file, not per piece: each report redraws the page.
					fetched += chunk.byteLength;
					options.onProgress?.(fetched, blob.size);
				}
				const part = chunk.subarray(at, at + GZIP_PIECE);
				at += part.byteLength;
				read.bytes += part.byteLength;
				controller.enqueue(part);
			},
			cancel: (reason) => reader.cancel(reason)
		},
		{ highWaterMark: 0 }
	);
}

function gunzipped(blob: Blob, options: ReadOptions = {}, read = { bytes: 0 }): ReadableStream<Uint8Array> {
	// The DOM typings of DecompressionStream are stricter than ReadableStream's generics.
	return counted(blob, options, read).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
	const out = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.byteLength;
	}
	return out;
}

/** Stops a stream that grows past what may be held; `total` is its output so far. */
type Guard = (total: number) => void;

async function collect(stream: ReadableStream<Uint8Array>, limit: number, signal?: AbortSignal, guard?: Guard): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		while (total < limit) {
			signal?.throwIfAborted();
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			total += value.byteLength;
			guard?.(total);
		}
	} finally {
		// Stops reading (and decompressing) the rest of a file once enough is in.
		await reader.cancel().catch(() => undefined);
	}
	return concat(chunks, total).subarray(0, Math.min(total, limit));
}

/** How much of a file sniffing looks at first. */
export const HEAD_BYTES = 64 * 1024;

/** The first `limit` bytes of the (decompressed) content, for sniffing. */
export async function readHead(blob: Blob, gzip: boolean, limit = HEAD_BYTES): Promise<Uint8Array> {
	if (!gzip) return new Uint8Array(await blob.slice(0, limit).arrayBuffer());
	return collect(gunzipped(blob), limit);
}

/**
 * Plain files are read in slices this big, with progress and cancel between them. Each read
 * costs a trip to the browser's file store: a stream's small chunks or 16 MB slices took
 * half as long again as one read of a 100 MB file.
 */
const SLICE_BYTES = 128 * 1024 * 1024;

/** Into one buffer of the known size: a second copy of a big file could be more than the tab has. */
async function readPlain(blob: Blob, options: ReadOptions): Promise<Uint8Array> {
	const slice = async (from: number) => new Uint8Array(await blob.slice(from, Math.min(blob.size, from + SLICE_BYTES)).arrayBuffer());
	if (blob.size <= SLICE_BYTES) {
		const whole = await slice(0);
		options.onProgress?.(whole.byteLength, blob.size);
		return whole;
	}
	const out = new Uint8Array(blob.size);
	let at = 0;
	while (at < blob.size) {
		options.signal?.throwIfAborted();
		const part = await slice(at);
		if (part.byteLength === 0) break;
		out.set(part, at);
		at += part.byteLength;
		options.onProgress?.(at, blob.size);
	}
	return out.subarray(0, at);
}

/** The whole (decompressed) content, or a specific error when it is more than a tab can hold. */
export async function readAll(blob: Blob, gzip: boolean, options: ReadOptions = {}): Promise<Uint8Array> {
	const limit = MAX_IMPORT_BYTES;
	if (!gzip) {
		if (blob.size > limit) throw tooLarge(blob.size, false);
		return readPlain(blob, options);
	}
	// gzip's trailer states the size (modulo 4 GiB): an honest big file is refused before any is decompressed.
	const trailer = new DataView(await blob.slice(-4).arrayBuffer());
	const stated = trailer.byteLength === 4 ? trailer.getUint32(0, true) : 0;
	if (stated > limit) throw tooLarge(stated, true);
	const read = { bytes: 0 };
	return collect(gunzipped(blob, options, read), Number.POSITIVE_INFINITY, options.signal, (total) => {
		if (total > limit) throw tooLarge(limit, true);
		if (total > GZIP_RATIO_FLOOR && total > MAX_GZIP_RATIO * read.bytes) throw gzipBomb(read.bytes, total);
	});
}
