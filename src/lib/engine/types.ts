import type { RecordBatch, Schema, Table } from 'apache-arrow';

/**
 * A statement as the engine takes it: text with `?` placeholders and the values that fill
 * them, bound as prepared-statement parameters. Query builders (sql/) produce these; the
 * engine knows nothing of how they were built.
 */
export interface Statement {
	readonly text: string;
	readonly params: readonly (string | number | boolean | null)[];
}

/** The narrow face of DuckDB that the rest of the app sees, in the browser and in node tests alike. */
export interface Engine {
	/** Runs one statement; results stay Arrow (columnar) all the way to the charts. */
	query(statement: Statement | string): Promise<Table>;
	/** Makes bytes readable by SQL under `name` (e.g. `read_csv('name')`). */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** Creates table `name` from an Arrow IPC stream (decoded Parquet, Excel and JSON). */
	insertArrow(name: string, ipc: Uint8Array): Promise<void>;
	/** The bytes of a file that SQL wrote (`COPY ... TO 'name'`), e.g. a table to save in the browser. */
	readFile(name: string): Promise<Uint8Array>;
	/** A connection of its own for statements a person types (the SQL console). */
	openSession(): Promise<Session>;
	close(): Promise<void>;
}

/** A result arriving batch by batch as DuckDB produces it; the schema is known before the rows. */
export interface ResultStream extends AsyncIterable<RecordBatch> {
	readonly schema: Schema;
}

/**
 * A second connection: its statements interleave with the app's instead of queueing behind
 * them, a long one can be cancelled, and its temporary views stay on it.
 */
export interface Session {
	/** Starts one statement; resolves when its first rows (or its schema) are ready. */
	stream(statement: string): Promise<ResultStream>;
	/** Stops the running statement: `stream` or the iteration then fails with a cancelled QueryError. */
	cancel(): Promise<void>;
	close(): Promise<void>;
}

/** A failed statement, carrying the SQL that failed so an error message can show it. */
export class QueryError extends Error {
	override readonly name = 'QueryError';
	/** True when the statement stopped because it was cancelled, not because it failed. */
	readonly cancelled: boolean;
	/** Where in `sql` DuckDB says the error is (its offset, in UTF-8 bytes), when it says. */
	readonly position: number | null;
	constructor(
		message: string,
		readonly sql: string,
		options?: { cause?: unknown; cancelled?: boolean; position?: number | null }
	) {
		super(message, options);
		this.cancelled = options?.cancelled ?? false;
		this.position = options?.position ?? null;
	}
}

/**
 * duckdb-wasm's worker sends some errors as JSON (`{"exception_type":"Parser",
 * "exception_message":"syntax error…","position":"55"}`): read them as DuckDB's own text,
 * `Parser Error: syntax error…`, as the node bundle reports them.
 */
function readDuckdbError(text: string): { message: string; position: number | null } {
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as Record<string, unknown>;
			if (typeof parsed.exception_message === 'string') {
				const type = typeof parsed.exception_type === 'string' ? `${parsed.exception_type} Error: ` : '';
				const position = Number(parsed.position);
				return { message: `${type}${parsed.exception_message}`, position: parsed.position !== undefined && Number.isInteger(position) ? position : null };
			}
		} catch {
			// Not JSON after all: the text is the message.
		}
	}
	return { message: text, position: null };
}

export function queryError(error: unknown, sqlText: string, cancelled = false): QueryError {
	if (error instanceof QueryError) return error;
	if (cancelled) return new QueryError('Query cancelled.', sqlText, { cause: error, cancelled });
	const { message, position } = readDuckdbError(error instanceof Error ? error.message : String(error));
	return new QueryError(message, sqlText, { cause: error, position });
}
