/**
 * A file read into DuckDB as it is: every value text (VARCHAR), columns named c1..cN in
 * file order, each row with its 1-based row number in the source. The mapping then works
 * on this one shape whatever the format was.
 */
import { trusted, type Sql } from '$lib/sql/fragment';

export interface RawTable {
	/** DuckDB table holding the rows. */
	readonly table: string;
	/** Source column names (made unique), column i being `c{i+1}`. */
	readonly header: readonly string[];
	/** Columns c1..c{width}; more than the header when some rows have extra fields. */
	readonly width: number;
	/** The row's number in the source file (spreadsheet row, header = 1; or record number). */
	readonly row: Sql;
	/** Keeps data rows only (not the header row). */
	readonly where: Sql;
	/** How many fields the row had. */
	readonly fields: Sql;
	/** What a row that could not be read should have been (e.g. a JSON object), or NULL. */
	readonly problem: Sql;
	/** The text of such a row. */
	readonly problemValue: Sql;
	/** The source column at fault in such a row, or NULL when it is the whole row. */
	readonly problemColumn: Sql;
}

export const rawColumn = (i: number) => `c${i + 1}`;

/**
 * Header names as DuckDB can hold them: trimmed, blank ones named by position, and
 * duplicates numbered (names compare case-insensitively in SQL, as in Jira's repeated
 * "Labels" columns).
 */
export function uniqueNames(names: readonly string[]): string[] {
	const seen = new Set<string>();
	return names.map((raw, i) => {
		const base = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
		let name = base;
		for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
		seen.add(name.toLowerCase());
		return name;
	});
}

/** Columns for a table of decoded rows (JSON, Parquet, Excel) that carries `__row` and its problem columns. */
export function decodedRawTable(table: string, header: readonly string[]): RawTable {
	return {
		table,
		header: uniqueNames(header),
		width: header.length,
		row: trusted('__row'),
		where: trusted('TRUE'),
		fields: trusted(String(header.length)),
		problem: trusted('__problem'),
		problemValue: trusted('__problem_value'),
		problemColumn: trusted('__problem_column')
	};
}
