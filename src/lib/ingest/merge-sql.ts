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
	// The best version of a key has the greatest (updated_at, version, file, row); a missing
	// updated_at or version ranks below any value. arg_max finds it with one hash aggregate,
	// and a semi-join keeps those rows in the files' order: no sort anywhere.
	const rank = [
		...(spec.columns.some((c) => c.name === 'updated_at') ? [trusted(`coalesce(updated_at, TIMESTAMP '-infinity')`)] : []),
		trusted(`coalesce(__version, CAST('-infinity' AS DOUBLE))`),
		trusted('__file'),
		trusted('__row')
	];
	return sql`CREATE OR REPLACE TABLE ${ident(kept)} AS
		WITH candidates AS (SELECT * EXCLUDE (__reject_column, __reject_target, __reject_value, __reject_expected), (CAST(__file AS BIGINT) << 32) + __row AS __id FROM (${accepted})),
		winners AS (SELECT arg_max(__id, (${join(rank, ', ')})) AS __id FROM candidates GROUP BY ${join(spec.key.map(ident), ', ')})
		SELECT * EXCLUDE (__id) FROM candidates SEMI JOIN winners USING (__id)`;
}

/**
 * The canonical table itself: contract columns in contract order, then the extras, rows in
 * file order (DuckDB keeps the order rows were inserted in, and the kept rows are in it).
 */
export function nextTableSql(table: TableName, extras: readonly string[], kept: string, next: string): Sql {
	const columns = join([...TABLES[table].columns.map((c) => ident(c.name)), ...extras.map(ident)], ', ');
	return sql`CREATE OR REPLACE TABLE ${ident(next)} AS SELECT ${columns} FROM ${ident(kept)}`;
}
