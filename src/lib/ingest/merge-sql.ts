/**
 * A table's accepted rows from all its files, one row per key: the latest version by
 * `updated_at`, then the export's own version number (ServiceNow `sys_mod_count`), then
 * the later file, then the later row. The rows a survivor supersedes are "merged".
 *
 * The first file's staged table becomes the table: the other files' rows are appended to
 * it, rejected and superseded rows are deleted, and the bookkeeping columns dropped. The
 * accepted rows are written once, by the mapping statement, and never copied again.
 */
import { TABLES, type TableName } from '$lib/contract/tables';
import { ident, join, sql, trusted, type Sql } from '$lib/sql/fragment';
import type { BookkeepingColumn } from './stage-sql';

export interface StagedFile {
	readonly stage: string;
	readonly extras: readonly string[];
	readonly filled: readonly string[];
	readonly bookkeeping: readonly BookkeepingColumn[];
	/** Whether an accepted row has a value outside its column's vocabulary (`__reject` 0). */
	readonly outsideVocabulary: boolean;
}

const filledFlag = (column: string) => `__filled_${column}`;

/** Columns with a fill value in any of the files. */
export function unionFilled(files: readonly StagedFile[]): string[] {
	return [...new Set(files.flatMap((f) => f.filled))];
}

/** The bookkeeping columns of any of the files, each once. */
function unionBookkeeping(files: readonly StagedFile[]): BookkeepingColumn[] {
	const seen = new Map<string, BookkeepingColumn>();
	for (const column of files.flatMap((f) => f.bookkeeping)) if (!seen.has(column.name)) seen.set(column.name, column);
	return [...seen.values()];
}

/** Whether any file carries the export's own version number (`__version`). */
export const versioned = (files: readonly StagedFile[]) => files.some((f) => f.bookkeeping.some((c) => c.name === '__version'));

/** Appends the later files' rows to the first's table, adding the columns it lacks (extras at the end, in order of appearance). */
export function appendSql(files: readonly StagedFile[]): Sql[] {
	const [first, ...rest] = files;
	if (!first) return [];
	const base = ident(first.stage);
	// Names as DuckDB compares them.
	const has = new Set([...first.extras, ...first.bookkeeping.map((c) => c.name)].map((n) => n.toLowerCase()));
	const statements: Sql[] = [];
	for (const file of rest) {
		const added = [...file.extras.map((name) => ({ name, type: 'VARCHAR' })), ...file.bookkeeping];
		for (const { name, type } of added) {
			if (has.has(name.toLowerCase())) continue;
			has.add(name.toLowerCase());
			statements.push(sql`ALTER TABLE ${base} ADD COLUMN ${ident(name)} ${trusted(type)}`);
		}
		statements.push(sql`INSERT INTO ${base} BY NAME SELECT * FROM ${ident(file.stage)}`, sql`DROP TABLE ${ident(file.stage)}`);
	}
	return statements;
}

/** Rejected rows leave the table (they were copied to the rejected rows first). */
export const deleteRejectedSql = (base: string): Sql => sql`DELETE FROM ${ident(base)} WHERE __reject > 0`;

/**
 * Deletes every row a later version of its key supersedes. Files were appended in order,
 * so the row id orders (file, row). Only keys that repeat are ranked: arg_max finds each
 * one's survivor in one hash aggregate, and nothing is sorted. Keys compare with NULL
 * equal to NULL, as GROUP BY groups them.
 */
export function deleteSupersededSql(table: TableName, base: string, withVersion: boolean): Sql {
	const spec = TABLES[table];
	const key = spec.key.map(ident);
	const updated = spec.columns.some((c) => c.name === 'updated_at');
	const rank = [
		...(updated ? [trusted(`coalesce(updated_at, TIMESTAMP '-infinity')`)] : []),
		...(withVersion ? [trusted(`coalesce(__version, CAST('-infinity' AS DOUBLE))`)] : []),
		trusted('__id')
	];
	const sameKey = join(
		spec.key.map((k) => sql`b.${ident(k)} IS NOT DISTINCT FROM r.${ident(k)}`),
		' AND '
	);
	const ranked = [...(updated ? ['b.updated_at'] : []), ...(withVersion ? ['b.__version'] : [])].map((c) => `, ${c}`).join('');
	return sql`DELETE FROM ${ident(base)} WHERE rowid IN (
		WITH repeated AS (SELECT ${join(key, ', ')} FROM ${ident(base)} GROUP BY ALL HAVING count(*) > 1),
		candidates AS (SELECT b.rowid AS __id, ${join(
			spec.key.map((k) => sql`b.${ident(k)}`),
			', '
		)}${trusted(ranked)} FROM ${ident(base)} AS b SEMI JOIN repeated AS r ON ${sameKey}),
		survivors AS (SELECT arg_max(__id, (${join(rank, ', ')})) AS __id FROM candidates GROUP BY ${join(key, ', ')})
		SELECT __id FROM candidates ANTI JOIN survivors USING (__id))`;
}

/** Each file's surviving rows (by `__file` when the files were tagged), and of those how many took each fill value. */
export function perFileSql(base: string, filled: readonly string[], tagged: boolean): Sql {
	const flags = filled.map((c) => sql`, CAST(count(*) FILTER (WHERE ${ident(filledFlag(c))}) AS INTEGER) AS ${ident(filledFlag(c))}`);
	const file = trusted(tagged ? '__file' : 'CAST(0 AS INTEGER) AS __file');
	return sql`SELECT ${file}, CAST(count(*) AS INTEGER) AS n${join(flags, '')} FROM ${ident(base)}${trusted(tagged ? ' GROUP BY __file' : '')}`;
}

/** Drops the bookkeeping columns: the contract's columns in contract order, then the extras, remain. */
export function dropBookkeepingSql(base: string, files: readonly StagedFile[]): Sql[] {
	return unionBookkeeping(files).map((c) => sql`ALTER TABLE ${ident(base)} DROP COLUMN ${ident(c.name)}`);
}
