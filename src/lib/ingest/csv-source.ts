/**
 * Delimited text as the raw table the mapping reads: DuckDB's CSV reader over the
 * registered file, called inside the mapping statement itself, so the file is parsed once
 * and never stored as text first. The dialect is fixed from the sniff (no second guessing
 * on a later chunk) and every column is VARCHAR.
 *
 * The first reading expects every row to be as wide as the header and lets the reader stop
 * on anything else (a short or long row, a quote never closed). Empty values are then NULL
 * when the mapping takes them as missing, so the mapping does not test every value for ''.
 * The file is then read again (read-source.ts) as wide as its widest row, so such rows are
 * rejected with their row numbers, on one thread: the parallel reader cannot pad rows
 * among quoted line breaks. In that reading empty fields stay '' (the null string is a
 * character no export holds), so a NULL can only be padding: a row is ragged when its last
 * header column is NULL, or, when the file is read wider than its header, when the column
 * after it is not. That reader takes a quote never closed as the end of the file, so the
 * second reading is only made once the file is known to close its quotes.
 */
import type { Engine } from '$lib/engine';
import { ident, join, literal, sql, trusted, type Sql } from '$lib/sql/fragment';
import { blankLineShifts } from './blank-lines';
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

/** The first reading (strict width), or the second (as wide as the file's widest row). */
export type CsvReading = { readonly emptyIsNull: boolean } | { readonly widest: number };

/** The file at `path` (UTF-8, without BOM) read with its `header` (made unique). */
export async function csvSource(engine: Engine, path: string, bytes: Uint8Array, header: readonly string[], delimiter: string, reading: CsvReading): Promise<CsvSource> {
	// Before registering: in the browser the bytes then move to DuckDB's worker.
	const blankShifts = blankLineShifts(bytes, delimiter);
	await engine.registerFile(path, bytes);
	let registered = true;
	const width = header.length;
	const padded = 'widest' in reading;
	const names = Array.from({ length: padded ? Math.max(width, reading.widest) : width }, (_, i) => rawColumn(i));
	const columns = join(
		names.map((n) => sql`${literal(n)}: 'VARCHAR'`),
		', '
	);
	const emptyIsNull = !padded && reading.emptyIsNull;
	const source = sql`read_csv(${literal(path)}, header = true, auto_detect = false, parallel = ${trusted(padded ? 'false' : 'true')}, delim = ${literal(delimiter)},
		quote = '"', escape = '"', null_padding = ${trusted(padded ? 'true' : 'false')}, nullstr = ${literal(emptyIsNull ? '' : NULL_STRING)}, columns = {${columns}})`;
	const ragged = padded
		? {
				when: names.length > width ? sql`(${ident(rawColumn(width - 1))} IS NULL OR ${ident(rawColumn(width))} IS NOT NULL)` : sql`${ident(rawColumn(width - 1))} IS NULL`,
				fields: balancedSum(names.map((n) => sql`CAST(${ident(n)} IS NOT NULL AS INTEGER)`))
			}
		: undefined;
	return {
		raw: {
			source,
			header,
			// The reader keeps the file's order and every record; the header is row 1.
			row: 2,
			blankShifts,
			where: trusted('TRUE'),
			...(ragged ? { ragged } : {}),
			...(emptyIsNull ? { emptyIsNull } : {})
		},
		async release() {
			if (!registered) return;
			registered = false;
			await engine.dropFile(path);
		}
	};
}
