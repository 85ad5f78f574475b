import { ident, sql, trusted, type Sql } from './fragment';

/** Every table and view a person can query (the loaded data, Hypercare's views, their own), with columns. */
export function schemaColumns(): Sql {
	return trusted(`
		WITH objects AS (
			SELECT database_name, schema_name, table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE NOT internal
			UNION ALL
			SELECT database_name, schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal
		)
		SELECT o.database_name, o.schema_name, o.name, o.kind, c.column_name, c.data_type, c.column_index
		FROM objects o
		JOIN duckdb_columns() c ON c.database_name = o.database_name AND c.schema_name = o.schema_name AND c.table_name = o.name
		ORDER BY o.database_name = 'temp', o.name, c.column_index`);
}

export function rowCount(database: string, schema: string, name: string): Sql {
	return sql`SELECT count(*)::BIGINT AS n FROM ${ident(database)}.${ident(schema)}.${ident(name)}`;
}

/** DuckDB's function names, for autocomplete. */
export function functionNames(): Sql {
	return trusted(`
		SELECT DISTINCT function_name AS name, function_type AS type FROM duckdb_functions()
		WHERE regexp_matches(function_name, '^[a-z][a-z0-9_]*$') ORDER BY name`);
}

/**
 * A statement's rows sorted by one column (by position, so duplicate or odd names do not
 * matter). The statement goes on lines of its own so a trailing `-- comment` cannot swallow
 * the closing parenthesis.
 */
export function sortedRows(statement: string, column: number, direction: 'asc' | 'desc'): string {
	return `SELECT * FROM (\n${statement}\n) AS console_result ORDER BY ${column + 1} ${direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
}
