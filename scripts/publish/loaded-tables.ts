/**
 * The canonical tables of a data folder that publish-report has just written, made from the
 * rows it wrote (still in DuckDB, in the files' order: data-folder.ts `keepSorted`) instead of
 * parsing the gzip CSVs again: reading 10M billing rows back took about 8 CPU seconds of a
 * publish. The result must be the tables the browser loads from those files
 * (src/lib/data/load-tables.ts), so it does what a round trip through the CSV does: contract
 * columns first with the contract's types, absent ones NULL, extra columns as text after them,
 * and an empty text NULL (the files are written with '' as NULL). Everything else the import
 * made is dropped first, so the analysis runs on a database like the browser's.
 * tests/unit/scripts/publish-loaded-tables.test.ts compares the two, type by type and row by row.
 */
import { TABLES } from '$lib/contract/tables';
import { loadCanonicalTables, type LoadedTable } from '$lib/data/load-tables';
import type { Manifest } from '$lib/data/manifest';
import type { Engine } from '$lib/engine';
import { strings } from '$lib/results/columns';
import { ident, join, sql, trusted, type Sql } from '$lib/sql/fragment';
import { sortedTable } from './data-folder';

/** Drops every table, view, macro and sequence the session made, except the `keep` tables. */
async function dropAllBut(engine: Engine, keep: ReadonlySet<string>): Promise<void> {
	const names = async (text: string) => strings(await engine.query(text), 'name').filter((n): n is string => n !== null);
	for (const view of await names(`SELECT view_name AS name FROM duckdb_views() WHERE NOT internal AND NOT temporary`)) await engine.query(sql`DROP VIEW IF EXISTS ${ident(view)} CASCADE`);
	for (const table of await names(`SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal AND NOT temporary`))
		if (!keep.has(table)) await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)} CASCADE`);
	for (const macro of await names(`SELECT DISTINCT function_name AS name, function_type FROM duckdb_functions() WHERE NOT internal AND function_type = 'macro'`))
		await engine.query(sql`DROP MACRO IF EXISTS ${ident(macro)}`);
	for (const macro of await names(`SELECT DISTINCT function_name AS name FROM duckdb_functions() WHERE NOT internal AND function_type = 'table_macro'`))
		await engine.query(sql`DROP MACRO TABLE IF EXISTS ${ident(macro)}`);
	for (const sequence of await names(`SELECT sequence_name AS name FROM duckdb_sequences() WHERE NOT temporary`)) await engine.query(sql`DROP SEQUENCE IF EXISTS ${ident(sequence)}`);
}

/** A column as the CSV round trip gives it back: `type` parsed from its text, '' as NULL. */
const roundTripped = (column: string, type: string): Sql => (type === 'VARCHAR' ? sql`NULLIF(CAST(${ident(column)} AS VARCHAR), '')` : sql`CAST(${ident(column)} AS ${trusted(type)})`);

/** A `TableLoader` (scripts/kept/compute-kept.ts) for the folder `writeDataFolder(…, { keepSorted: true })` has just written on `engine`. */
export async function tablesFromWrittenRows(engine: Engine, _dataDir: string, manifest: Manifest): Promise<LoadedTable[]> {
	await dropAllBut(engine, new Set(manifest.tables.map((m) => sortedTable(m.table))));
	const loaded: LoadedTable[] = [];
	for (const m of manifest.tables) {
		const spec = TABLES[m.table];
		const from = sortedTable(m.table);
		const header = strings(await engine.query(sql`SELECT column_name FROM information_schema.columns WHERE table_name = ${from} ORDER BY ordinal_position`), 'column_name');
		const present = new Set(header);
		const contract = new Set(spec.columns.map((c) => c.name));
		const select = join(
			[
				...spec.columns.map((c) => (present.has(c.name) ? sql`${roundTripped(c.name, c.type)} AS ${ident(c.name)}` : sql`CAST(NULL AS ${trusted(c.type)}) AS ${ident(c.name)}`)),
				...header.filter((name): name is string => name !== null && !contract.has(name)).map((name) => sql`${roundTripped(name, 'VARCHAR')} AS ${ident(name)}`)
			],
			', '
		);
		// A table scan keeps the rows' order, which is the files' order.
		await engine.query(sql`CREATE TABLE ${ident(spec.name)} AS SELECT ${select} FROM ${ident(from)}`);
		await engine.query(sql`DROP TABLE ${ident(from)}`);
		loaded.push({ table: m.table, file: m.file, rows: m.rows });
	}
	// The tables the folder lacks (empty, with the contract's columns) and the analysis views, as the browser makes them.
	await loadCanonicalTables(engine, []);
	return loaded;
}
