/**
 * A table's accepted rows from all its files, one row per key: the latest version by
 * `updated_at`, then the export's own version number (ServiceNow `sys_mod_count`), then
 * the later file, then the later row. The rows a survivor supersedes are "merged".
 */
import { TABLES, type TableName } from '$lib/contract/tables';
import { ident, join, sql, trusted, type Sql } from '$lib/sql/fragment';

export interface StagedFile {
	readonly stage: string;
	readonly extras: readonly string[];
	readonly filled: readonly string[];
}

/** Extra columns of all files, in order of first appearance. */
export function unionExtras(files: readonly StagedFile[]): string[] {
	const seen = new Map<string, string>();
	for (const f of files) for (const name of f.extras) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
	return [...seen.values()];
}

/** Survivors with their file, row and fill flags: the counts are taken from here. */
export function keptRowsSql(table: TableName, files: readonly StagedFile[], kept: string): Sql {
	const spec = TABLES[table];
	const accepted = join(
		files.map((f) => sql`SELECT * FROM ${ident(f.stage)} WHERE __reject_column IS NULL`),
		' UNION ALL BY NAME '
	);
	const order = [
		...(spec.columns.some((c) => c.name === 'updated_at') ? [trusted('updated_at DESC NULLS LAST')] : []),
		trusted('__version DESC NULLS LAST'),
		trusted('__file DESC'),
		trusted('__row DESC')
	];
	return sql`CREATE OR REPLACE TABLE ${ident(kept)} AS
		WITH candidates AS (${accepted})
		SELECT * EXCLUDE (__reject_column, __reject_target, __reject_value, __reject_expected) FROM candidates
		QUALIFY row_number() OVER (PARTITION BY ${join(spec.key.map(ident), ', ')} ORDER BY ${join(order, ', ')}) = 1`;
}

/** The canonical table itself: contract columns in contract order, then the extras, rows in file order. */
export function nextTableSql(table: TableName, extras: readonly string[], kept: string, next: string): Sql {
	const columns = join([...TABLES[table].columns.map((c) => ident(c.name)), ...extras.map(ident)], ', ');
	return sql`CREATE OR REPLACE TABLE ${ident(next)} AS SELECT ${columns} FROM ${ident(kept)} ORDER BY __file, __row`;
}
