/**
 * The file kept results travel in: the Arrow IPC stream of every statement's result, keyed by
 * the statement, behind a small JSON header saying which data they were computed from; the
 * whole gzip-compressed. Written at build time (node) and after an import (the browser), read
 * before DuckDB has started: both sides use the platform's CompressionStream.
 */
import { z } from 'zod';
import { TABLE_NAMES } from '$lib/contract/tables';

const MAGIC = 'HCKEPT1\n';
export const KEPT_FILE_VERSION = 1;

/** A canonical table as loaded: what the pages say about the data before DuckDB holds it. */
const LoadedTableSchema = z.object({ table: z.enum(TABLE_NAMES), file: z.string(), rows: z.number().int().nonnegative() });

const HeaderSchema = z.object({
	version: z.literal(KEPT_FILE_VERSION),
	/** What the results were computed from: a change of data changes it (the bundled manifest's text, or a saved import's blob names). */
	dataKey: z.string(),
	computedAt: z.string(),
	/** How they were computed (engine and DuckDB version), for the record. */
	computedBy: z.string(),
	tables: z.array(LoadedTableSchema),
	entries: z.array(z.object({ key: z.string(), bytes: z.number().int().nonnegative() }))
});
export type KeptHeader = z.infer<typeof HeaderSchema>;

export interface KeptBundle {
	readonly header: KeptHeader;
	/** Each entry's Arrow IPC stream, by statement key. */
	readonly results: ReadonlyMap<string, Uint8Array>;
}

async function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function encodeKept(header: Omit<KeptHeader, 'version' | 'entries'>, results: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
	const entries = [...results].map(([key, ipc]) => ({ key, bytes: ipc.byteLength }));
	const head = new TextEncoder().encode(JSON.stringify({ version: KEPT_FILE_VERSION, ...header, entries } satisfies KeptHeader));
	const body = entries.reduce((n, e) => n + e.bytes, 0);
	const out = new Uint8Array(MAGIC.length + 4 + head.byteLength + body);
	out.set(new TextEncoder().encode(MAGIC), 0);
	new DataView(out.buffer).setUint32(MAGIC.length, head.byteLength, true);
	out.set(head, MAGIC.length + 4);
	let at = MAGIC.length + 4 + head.byteLength;
	for (const ipc of results.values()) {
		out.set(ipc, at);
		at += ipc.byteLength;
	}
	return through(out, new CompressionStream('gzip'));
}

export class KeptFileError extends Error {
	override readonly name = 'KeptFileError';
}

/** Reads a kept-results file; a file of another version or shape is an error (the caller then computes live). */
export async function decodeKept(compressed: Uint8Array): Promise<KeptBundle> {
	let bytes: Uint8Array;
	try {
		bytes = await through(compressed, new DecompressionStream('gzip'));
	} catch (error) {
		throw new KeptFileError(`not a gzip file (${error instanceof Error ? error.message : String(error)})`);
	}
	if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new KeptFileError('not a kept-results file');
	const headLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
	const headStart = MAGIC.length + 4;
	const parsed = HeaderSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes.subarray(headStart, headStart + headLength))));
	if (!parsed.success) throw new KeptFileError(`its header is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
	const results = new Map<string, Uint8Array>();
	let at = headStart + headLength;
	for (const e of parsed.data.entries) {
		if (at + e.bytes > bytes.byteLength) throw new KeptFileError('it is truncated');
		results.set(e.key, bytes.subarray(at, at + e.bytes));
		at += e.bytes;
	}
	return { header: parsed.data, results };
}
