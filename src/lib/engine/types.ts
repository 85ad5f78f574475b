import type { Table } from 'apache-arrow';
import type { Sql } from '$lib/sql/fragment';

/** The narrow face of DuckDB that the rest of the app sees, in the browser and in node tests alike. */
export interface Engine {
	/** Runs one statement; results stay Arrow (columnar) all the way to the charts. */
	query(statement: Sql | string): Promise<Table>;
	/** Makes bytes readable by SQL under `name` (e.g. `read_csv('name')`). */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	close(): Promise<void>;
}

/** A failed statement, carrying the SQL that failed so an error message can show it. */
export class QueryError extends Error {
	override readonly name = 'QueryError';
	constructor(
		message: string,
		readonly sql: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}

export function queryError(error: unknown, sqlText: string): QueryError {
	const message = error instanceof Error ? error.message : String(error);
	return new QueryError(message, sqlText, { cause: error });
}
