import { Table, type RecordBatch, type Schema } from 'apache-arrow';

/**
 * Batches as one Table (no copy), made through the batches' own Arrow: in node, DuckDB's
 * bundle loads its own copy of apache-arrow, whose classes this module's `Table` rejects.
 */
export function tableOf(schema: Schema, batches: readonly RecordBatch[]): Table {
	const [first, ...rest] = batches;
	return first ? first.concat(...rest) : new Table(schema);
}

/** What `collect` reads from: an engine session (results/ stays below the engine, so only its shape). */
export interface Streams {
	stream(statement: string): Promise<AsyncIterable<RecordBatch> & { readonly schema: Schema }>;
}

/** A whole (small) result of a session statement, for the console's own look-ups. */
export async function collect(session: Streams, statement: string): Promise<Table> {
	const stream = await session.stream(statement);
	const batches: RecordBatch[] = [];
	for await (const batch of stream) batches.push(batch);
	return tableOf(stream.schema, batches);
}
