/**
 * Result decoding in the page: the Arrow IPC bytes duckdb-wasm's worker returns, read by
 * apache-arrow 17 (what the engine does) and by flechette (what Mosaic does), each followed
 * by what a consumer does next: the page reads every column whole (results/columns.ts), the
 * console grid reads the cells of its first screen.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { tableFromIPC as arrowFromIPC } from 'apache-arrow';
import { tableFromIPC as flechetteFromIPC } from '@uwdata/flechette';
import type { Statement } from '$lib/engine';

/** The raw IPC bytes of one statement, as Mosaic's wasm connector takes them (`useUnsafe` + the bindings). */
export function ipcBytes(conn: AsyncDuckDBConnection, statement: Statement): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		void conn.useUnsafe(async (db, id) => {
			try {
				if (statement.params.length === 0) return resolve(await db.runQuery(id, statement.text));
				const prepared = await db.createPrepared(id, statement.text);
				try {
					resolve(await db.runPrepared(id, prepared, [...statement.params]));
				} finally {
					await db.closePrepared(id, prepared);
				}
			} catch (error) {
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	});
}

export type Use = 'columns' | 'screen';
const SCREEN_ROWS = 40;

/** What both libraries' tables offer, read the same way. */
interface Decoded {
	readonly numRows: number;
	readonly numCols: number;
	getChildAt(j: number): { toArray(): ArrayLike<unknown>; at(i: number): unknown } | null;
}

function read(table: Decoded, use: Use): number {
	let touched = 0;
	for (let j = 0; j < table.numCols; j++) {
		const column = table.getChildAt(j);
		if (!column) continue;
		if (use === 'columns') touched += column.toArray().length;
		else for (let i = 0; i < Math.min(SCREEN_ROWS, table.numRows); i++) touched += column.at(i) === null ? 0 : 1;
	}
	return touched + table.numRows;
}

const viaArrow = (bytes: Uint8Array, use: Use) => read(arrowFromIPC(bytes), use);
// Numbers as numbers and timestamps as epoch milliseconds, as the app's formats read them.
const viaFlechette = (bytes: Uint8Array, use: Use) => read(flechetteFromIPC(bytes, { useBigInt: false, useDate: false }), use);

export interface DecodeTimes {
	readonly bytes: number;
	readonly rows: number;
	readonly arrowMs: number[];
	readonly flechetteMs: number[];
}

/** Both decoders on the same bytes, alternating so a slow spell weighs on both alike. */
export function timeDecoding(bytes: Uint8Array, use: Use, runs: number): DecodeTimes {
	const arrowMs: number[] = [];
	const flechetteMs: number[] = [];
	// The page's clock ticks in 0.1 ms: a small result is decoded `repeat` times per timing.
	// Warm both first (the JIT), then size the repeat on a warm decode.
	for (let k = 0; k < (bytes.byteLength > 10_000_000 ? 1 : 3); k++) {
		viaArrow(bytes, use);
		viaFlechette(bytes, use);
	}
	const started = performance.now();
	viaArrow(bytes, use);
	const repeat = Math.max(1, Math.ceil(5 / Math.max(0.1, performance.now() - started)));
	const timed = (decode: () => unknown) => {
		const from = performance.now();
		for (let k = 0; k < repeat; k++) decode();
		return (performance.now() - from) / repeat;
	};
	for (let r = 0; r < runs; r++) {
		arrowMs.push(timed(() => viaArrow(bytes, use)));
		flechetteMs.push(timed(() => viaFlechette(bytes, use)));
	}
	return { bytes: bytes.byteLength, rows: arrowFromIPC(bytes).numRows, arrowMs, flechetteMs };
}
