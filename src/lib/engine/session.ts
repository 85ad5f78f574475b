import type { RecordBatch, Schema } from 'apache-arrow';
import { queryError, type ResultStream, type Session } from './types';

/** An Arrow stream reader as duckdb-wasm returns it: async in the browser, sync in node. */
interface BatchReader extends AsyncIterable<RecordBatch> {
	readonly schema: Schema;
	open(): unknown;
}

/** What a session needs of a duckdb-wasm connection; the browser's and node's both have it. */
export interface SendingConnection {
	send(text: string, allowStreamResult?: boolean): Promise<BatchReader>;
	cancelSent(): boolean | Promise<boolean>;
	close(): void | Promise<void>;
}

/**
 * A `Session` over one connection. duckdb-wasm's `send` polls the pending query, and a
 * `cancelSent` between two polls interrupts it; once rows stream, cancelling stops the reading.
 */
export function connectionSession(conn: SendingConnection): Session {
	let running: { cancelled: boolean } | null = null;

	return {
		async stream(text: string): Promise<ResultStream> {
			const run = { cancelled: false };
			running = run;
			let reader: BatchReader;
			let schema: Schema;
			try {
				reader = await conn.send(text, true);
				// The schema is read on open, and forgotten once the reader is done: keep it.
				await reader.open();
				schema = reader.schema;
			} catch (error) {
				if (running === run) running = null;
				throw queryError(error, text, run.cancelled);
			}
			if (run.cancelled) throw queryError(new Error('cancelled'), text, true);
			return {
				schema,
				async *[Symbol.asyncIterator]() {
					try {
						for await (const batch of reader) {
							if (run.cancelled) break;
							yield batch;
						}
					} catch (error) {
						throw queryError(error, text, run.cancelled);
					} finally {
						if (running === run) running = null;
					}
					if (run.cancelled) throw queryError(new Error('cancelled'), text, true);
				}
			};
		},
		async cancel() {
			if (!running) return;
			running.cancelled = true;
			await conn.cancelSent();
		},
		async close() {
			await conn.close();
		}
	};
}
