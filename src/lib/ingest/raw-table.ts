/**
 * A file as DuckDB reads it before mapping: every value text (VARCHAR), columns named
 * c1..cN in file order, each row with its 1-based row number in the source. The mapping
 * then works on this one shape whatever the format was. A CSV is read straight from its
 * file by the mapping statement; decoded formats (JSON, Parquet, Excel) are a table.
 */
import { ident, trusted, type Sql } from '$lib/sql/fragment';

export interface RawTable {
	/** What the rows are selected from: a DuckDB table, or the CSV reader over a registered file. */
	readonly source: Sql;
	/** Source column names (made unique), column i being `c{i+1}`. */
	readonly header: readonly string[];
	/**
	 * The row's number in the source file (spreadsheet row, header = 1; or record number): an
	 * expression, or, for a source whose rows come in file order with none left out, what to
	 * add to the stage table's rowid (which counts them from 0).
	 */
	readonly row: Sql | number;
	/** With a numeric `row`: rowids from which each blank line the reader skipped moves the row one further down (blank-lines.ts). */
	readonly blankShifts?: readonly number[];
	/** Keeps data rows only (not the header row). */
	readonly where: Sql;
	/** Rows whose number of fields is not the header's; absent when every row has the header's width. */
	readonly ragged?: RaggedRows;
	/**
	 * Every empty value is NULL already (the CSV reader's null string is empty): set only when
	 * the mapping takes an empty value as missing, so the mapping need not test for ''.
	 */
	readonly emptyIsNull?: boolean;
	/** Rows that could not be read, for sources that can have them (decoded formats; a CSV reader stops instead). */
	readonly problems?: RowProblems;
}

export interface RaggedRows {
	/** True for a row whose number of fields is not the header's. */
	readonly when: Sql;
	/** How many fields such a row had (evaluated for those rows only). */
	readonly fields: Sql;
}

export interface RowProblems {
	/** What a row that could not be read should have been (e.g. a JSON object), or NULL. */
	readonly expected: Sql;
	/** The text of such a row. */
	readonly value: Sql;
	/** The source column at fault in such a row, or NULL when it is the whole row. */
	readonly column: Sql;
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
		source: ident(table),
		header: uniqueNames(header),
		row: trusted('__row'),
		where: trusted('TRUE'),
		problems: { expected: trusted('__problem'), value: trusted('__problem_value'), column: trusted('__problem_column') }
	};
}
