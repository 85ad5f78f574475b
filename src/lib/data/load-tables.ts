import { TABLE_NAMES, TABLES, type TableName } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import { ident, join, literal, sql, trusted, type Sql } from '$lib/sql/fragment';
import { buildAnalysisRelations } from './analysis-relations';

export interface TableFile {
	readonly table: TableName;
	/** File name as the user knows it; `.gz` is decompressed by DuckDB. */
	readonly name: string;
	readonly bytes: Uint8Array;
}

export interface LoadedTable {
	readonly table: TableName;
	readonly file: string;
	readonly rows: number;
}

/** A file that cannot become its table, with the reason in the user's terms. */
export class TableLoadError extends Error {
	override readonly name = 'TableLoadError';
	constructor(
		readonly file: string,
		message: string,
		options?: { cause?: unknown }
	) {
		super(`${file}: ${message}`, options);
	}
}

const csvOptions = (path: string, types?: Sql): Sql => sql`read_csv(${literal(path)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = ''${types ?? trusted('')})`;

async function headerOf(engine: Engine, path: string): Promise<string[]> {
	const described = await engine.query(sql`SELECT column_name FROM (DESCRIBE SELECT * FROM ${csvOptions(path, trusted(', all_varchar = true'))})`);
	return described.getChild('column_name')?.toArray() as string[];
}

/**
 * Creates one canonical table from a CSV file with the contract's column types.
 * Contract columns come first in contract order (absent optional ones as NULL);
 * extra columns in the file are kept after them as text, never dropped.
 */
async function loadTable(engine: Engine, file: TableFile): Promise<LoadedTable> {
	const spec = TABLES[file.table];
	const path = `hypercare/${file.table}/${file.name}`;
	await engine.registerFile(path, file.bytes);
	try {
		const header = await headerOf(engine, path);
		const present = new Set(header);
		const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
		if (missing.length > 0) {
			throw new TableLoadError(file.name, `missing required column(s) of ${file.table}: ${missing.join(', ')}`);
		}
		const contractNames = new Set(spec.columns.map((c) => c.name));
		// Extra columns are text, as an import keeps them: a type guessed from a sample of rows can fail on a later row.
		const typeOf = new Map(spec.columns.map((c) => [c.name, c.type]));
		const types = join(
			header.map((name) => sql`${literal(name)}: ${literal(typeOf.get(name) ?? 'VARCHAR')}`),
			', '
		);
		const selectList = join(
			[
				...spec.columns.map((c) => (present.has(c.name) ? ident(c.name) : sql`CAST(NULL AS ${trusted(c.type)}) AS ${ident(c.name)}`)),
				...header.filter((name) => !contractNames.has(name)).map(ident)
			],
			', '
		);
		const source = csvOptions(path, sql`, types = {${types}}`);
		await engine.query(sql`CREATE OR REPLACE TABLE ${ident(spec.name)} AS SELECT ${selectList} FROM ${source}`);
		const counted = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(spec.name)}`);
		return { table: file.table, file: file.name, rows: Number(counted.getChild('n')?.get(0) ?? 0) };
	} catch (error) {
		if (error instanceof TableLoadError) throw error;
		throw new TableLoadError(file.name, error instanceof Error ? error.message : String(error), { cause: error });
	} finally {
		// The table holds the data now; the file copy would only double the memory.
		await engine.dropFile(path);
	}
}

/**
 * A table that was not loaded exists empty, with the contract's columns, so every view
 * and query runs and the pages can say what is missing instead of failing.
 */
function createEmptyTable(table: TableName): Sql {
	const columns = join(
		TABLES[table].columns.map((c) => sql`${ident(c.name)} ${trusted(c.type)}`),
		', '
	);
	return sql`CREATE TABLE IF NOT EXISTS ${ident(table)} (${columns})`;
}

/** Loads the canonical tables, then (re)creates the analysis views over them. */
export async function loadCanonicalTables(engine: Engine, files: readonly TableFile[], onTable?: (loaded: LoadedTable) => void): Promise<LoadedTable[]> {
	const loaded: LoadedTable[] = [];
	for (const file of files) {
		const result = await loadTable(engine, file);
		loaded.push(result);
		onTable?.(result);
	}
	for (const table of TABLE_NAMES) await engine.query(createEmptyTable(table));
	await buildAnalysisRelations(engine);
	return loaded;
}
