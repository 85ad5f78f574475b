/**
 * How much of a result the console holds. Rows arrive as Arrow batches in the tab's own
 * memory (beside DuckDB's heap, which is 32-bit: 4 GiB in all); past this many bytes a result
 * cannot be shown or kept anyway, and a single value past a few hundred megabytes cannot even
 * be turned into text ("Invalid string length"). The result is dropped and the statement
 * stopped, with its size in the message.
 */
import type { RecordBatch } from 'apache-arrow';

export const MAX_RESULT_BYTES = 256 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;

export class ResultTooLargeError extends Error {
	override readonly name = 'ResultTooLargeError';
	constructor(
		readonly bytes: number,
		readonly rows: number,
		limit = MAX_RESULT_BYTES
	) {
		super(
			`The result is too large to show: ${mb(bytes)} in its first ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}, over the ${mb(limit)} the console holds. ` +
				'It was dropped and the statement stopped. Aggregate or filter it, or add a LIMIT.'
		);
	}
}

/** The bytes a batch holds (its buffers, children included). */
export const batchBytes = (batch: RecordBatch): number => batch.data.byteLength;

/**
 * DuckDB's out-of-memory message ends with tuning tips (`SET temp_directory`, `memory_limit`)
 * that the console refuses and the tab could not use: it is replaced by what can be done.
 */
export function explainConsoleOutOfMemory(message: string): string {
	if (!/Out of Memory Error/i.test(message)) return message;
	const used = /\(([^)]*used)\)/.exec(message)?.[1];
	return `DuckDB ran out of memory for this statement${used ? ` (${used})` : ''}: this browser tab cannot hold what it needs. Aggregate or filter earlier, or add a LIMIT.`;
}
