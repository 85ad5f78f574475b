/**
 * Delimited text as the raw table the mapping reads: DuckDB's CSV reader over the
 * registered file, called inside the mapping statement itself, so the file is parsed once
 * and never stored as text first. The dialect is fixed from the sniff (no second guessing
 * on a later chunk) and every column is VARCHAR. Empty fields stay '' (the null string is
 * a character no export holds), so a NULL can only be padding: a row is ragged when its
 * last header column is NULL, or, when the file is read wider than its header, when the
 * column after it is not.
 *
 * The first reading expects the header's width and lets the reader stop on anything else
 * (a longer row, a short row in a file with quoted line breaks, a quote never closed).
 * The file is then read again (read-source.ts) as wide as its widest row, so such rows are
 * rejected with their row numbers, on one thread: the parallel reader cannot pad rows
 * among quoted line breaks. That reader takes a quote never closed as the end of the
 * file, so the second reading is only made once the file is known to close its quotes.
 */
import type { Engine } from '$lib/engine';
import { ident, join, literal, sql, trusted, type Sql } from '$lib/sql/fragment';
import { rawColumn, type RawTable } from './raw-table';

const NULL_STRING = '\u0001';

/**
 * `a + b + c ...` nested as a balanced tree: a flat chain of 5,000 columns would pass
 * DuckDB's expression depth limit (1,000); a tree is 13 deep.
 */
function balancedSum(terms: readonly Sql[]): Sql {
	if (terms.length <= 8) return sql`(${join(terms, ' + ')})`;
	const half = Math.ceil(terms.length / 2);
	return sql`(${balancedSum(terms.slice(0, half))} + ${balancedSum(terms.slice(half))})`;
}

export interface CsvSource {
	readonly raw: RawTable;
	/** Unregisters the file (once; later calls do nothing). */
	release(): Promise<void>;
}

/**
 * The file at `path` (UTF-8, without BOM) read with its `header` (made unique); `widest`,
 * its widest row's field count, for the second reading.
 */
export async function csvSource(engine: Engine, path: string, bytes: Uint8Array, header: readonly string[], delimiter: string, widest?: number): Promise<CsvSource> {
	await engine.registerFile(path, bytes);
	let registered = true;
	const width = header.length;
	const names = Array.from({ length: Math.max(width, widest ?? width) }, (_, i) => rawColumn(i));
	const columns = join(
		names.map((n) => sql`${literal(n)}: 'VARCHAR'`),
		', '
	);
	const parallel = trusted(widest === undefined ? 'true' : 'false');
	const source = sql`read_csv(${literal(path)}, header = true, auto_detect = false, parallel = ${parallel}, delim = ${literal(delimiter)},
		quote = '"', escape = '"', null_padding = true, nullstr = ${literal(NULL_STRING)}, columns = {${columns}})`;
	return {
		raw: {
			source,
			header,
			// The reader keeps the file's order and every record; the header is row 1.
			row: 2,
			where: trusted('TRUE'),
			ragged: names.length > width ? sql`(${ident(rawColumn(width - 1))} IS NULL OR ${ident(rawColumn(width))} IS NOT NULL)` : sql`${ident(rawColumn(width - 1))} IS NULL`,
			fields: balancedSum(names.map((n) => sql`CAST(${ident(n)} IS NOT NULL AS INTEGER)`))
		},
		async release() {
			if (!registered) return;
			registered = false;
			await engine.dropFile(path);
		}
	};
}
