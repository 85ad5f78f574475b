/**
 * The engine as an import sees it: every statement runs on a connection of its own as a
 * pending query, so a cancel stops DuckDB inside a long statement (reading a big CSV,
 * mapping a million rows) instead of after it. duckdb-wasm's pending queries take no
 * parameters, so values are written in as literals through the one escaping function.
 */
import type { Table } from 'apache-arrow';
import { collect } from '$lib/results/collect';
import type { Engine } from '$lib/engine';
import { inlineParams, Sql } from '$lib/sql/fragment';

export interface CancellableEngine {
	readonly engine: Engine;
	close(): Promise<void>;
}

export async function cancellableEngine(engine: Engine, signal: AbortSignal): Promise<CancellableEngine> {
	const session = await engine.openSession();
	const cancel = () => void session.cancel();
	signal.addEventListener('abort', cancel);
	const query = async (statement: Sql | string): Promise<Table> => {
		signal.throwIfAborted();
		return collect(session, inlineParams(typeof statement === 'string' ? new Sql(statement) : statement));
	};
	return {
		engine: { ...engine, query },
		async close() {
			signal.removeEventListener('abort', cancel);
			// A cancelled pending query keeps its transaction (and the tables it was creating) until
			// the connection runs another statement: closing alone does not end it, and the next
			// import then met a write-write conflict on the same table names.
			if (signal.aborted) await collect(session, 'SELECT 1').catch(() => undefined);
			await session.close();
		}
	};
}
