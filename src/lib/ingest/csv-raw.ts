/**
 * Delimited text into a raw table by DuckDB's CSV reader, with the dialect fixed from the
 * sniff (no second guessing on a later chunk), every column VARCHAR, short rows padded
 * with NULL and a column per extra field, so ragged rows are counted and rejected rather
 * than stopping the file. Empty fields stay '' (the null string is a character no export
 * holds), so a NULL can only be padding and the row's field count is exact.
 */
import type { Engine } from '$lib/engine';
import { ident, join, literal, sql, trusted, type Sql } from '$lib/sql/fragment';
import { widestRecord } from './csv-scan';
import { rawColumn, uniqueNames, type RawTable } from './raw-table';

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

export async function csvRawTable(engine: Engine, table: string, path: string, bytes: Uint8Array, delimiter: string): Promise<RawTable> {
	const maxFields = widestRecord(bytes, delimiter);
	await engine.registerFile(path, bytes);
	try {
		const names = Array.from({ length: maxFields }, (_, i) => rawColumn(i));
		const columns = join(
			names.map((n) => sql`${literal(n)}: 'VARCHAR'`),
			', '
		);
		await engine.query(
			sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(path)}, header = false, auto_detect = false,
				delim = ${literal(delimiter)}, quote = '"', escape = '"', null_padding = true, nullstr = ${literal(NULL_STRING)},
				columns = {${columns}})`
		);
	} finally {
		await engine.dropFile(path);
	}
	const first = await engine.query(sql`SELECT * FROM ${ident(table)} WHERE rowid = 0`);
	const header = first.numRows === 0 ? [] : first.schema.fields.map((f) => first.getChild(f.name)?.get(0) as string | null);
	const named = header.filter((h): h is string => h !== null);
	const nonNull = balancedSum(Array.from({ length: maxFields }, (_, i) => sql`CAST(${ident(rawColumn(i))} IS NOT NULL AS INTEGER)`));
	return {
		table,
		header: uniqueNames(named),
		width: maxFields,
		row: trusted('CAST(rowid + 1 AS INTEGER)'),
		where: trusted('rowid > 0'),
		fields: maxFields === 0 ? trusted('0') : nonNull,
		problem: trusted('CAST(NULL AS VARCHAR)'),
		problemValue: trusted('CAST(NULL AS VARCHAR)'),
		problemColumn: trusted('CAST(NULL AS VARCHAR)')
	};
}
