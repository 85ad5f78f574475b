import type { Table } from 'apache-arrow';
import type { Statement } from '$lib/console/statements';

export interface SortOrder {
	readonly column: number;
	readonly direction: 'asc' | 'desc';
}

/** A console result: Arrow columns as DuckDB sent them, never converted to row objects. */
export interface ConsoleResult {
	readonly table: Table;
	readonly statement: Statement;
	/** Whether the statement's rows can be wrapped in a query to sort them. */
	readonly sortable: boolean;
	readonly sort: SortOrder | null;
	readonly firstRowsMs: number | null;
	/** Null while rows are still arriving. */
	readonly elapsedMs: number | null;
	readonly complete: boolean;
}

export interface ConsoleError {
	readonly message: string;
	/** Where in the editor's text, when DuckDB (or the guard) points somewhere. */
	readonly position: { readonly from: number; readonly to: number; readonly line: number; readonly column: number } | null;
}

/** A statement that changes loaded data, waiting for the person to confirm (with the ones after it). */
export interface PendingConfirm {
	readonly reason: string;
	readonly objects: readonly string[];
	readonly statements: readonly Statement[];
}
