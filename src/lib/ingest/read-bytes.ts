/**
 * Reading a dropped file (a `Blob`: `File` in the browser, `File`/`Blob` in node tests) in
 * chunks: progress as bytes arrive, cancel between chunks, gzip undone by the platform's
 * `DecompressionStream` (no library, no extension).
 */
export interface ReadOptions {
	readonly signal?: AbortSignal;
	/** Compressed bytes read so far, of `blob.size`. */
	readonly onProgress?: (read: number, total: number) => void;
}

export function isGzip(first: Uint8Array): boolean {
	return first[0] === 0x1f && first[1] === 0x8b;
}

function counted(blob: Blob, options: ReadOptions): ReadableStream<Uint8Array> {
	let read = 0;
	return blob.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				options.signal?.throwIfAborted();
				read += chunk.byteLength;
				options.onProgress?.(read, blob.size);
				controller.enqueue(chunk);
			}
		})
	);
}

function opened(blob: Blob, gzip: boolean, options: ReadOptions = {}): ReadableStream<Uint8Array> {
	const stream = counted(blob, options);
	// The DOM typings of DecompressionStream are stricter than ReadableStream's generics.
	return gzip ? stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : stream;
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

async function collect(stream: ReadableStream<Uint8Array>, limit: number, signal?: AbortSignal): Promise<Uint8Array> {
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
		}
	} finally {
		// Stops reading (and decompressing) the rest of a file once enough is in.
		await reader.cancel().catch(() => undefined);
	}
	return concat(chunks, total).subarray(0, Math.min(total, limit));
}

/** The first `limit` bytes of the (decompressed) content, for sniffing. */
export async function readHead(blob: Blob, gzip: boolean, limit = 64 * 1024): Promise<Uint8Array> {
	if (!gzip) return new Uint8Array(await blob.slice(0, limit).arrayBuffer());
	return collect(opened(blob, true), limit);
}

/** The whole (decompressed) content. */
export async function readAll(blob: Blob, gzip: boolean, options: ReadOptions = {}): Promise<Uint8Array> {
	return collect(opened(blob, gzip, options), Number.POSITIVE_INFINITY, options.signal);
}
