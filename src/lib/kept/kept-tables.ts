import { tableFromIPC, type Table } from 'apache-arrow';
import type { Statement } from '$lib/engine';
import type { KeptBundle } from './kept-file';

/** What identifies a statement's result: its text and parameters (a page's marks on it do not count). */
export const statementKey = (statement: Statement): string => JSON.stringify([statement.text, statement.params]);

/**
 * Results computed before DuckDB is ready (at build time, or after an import and kept in the
 * browser), found by the statement that would compute them: a page answers from these and
 * runs only what is missing.
 */
export interface KeptResults {
	get(statement: Statement): Table | undefined;
}

/** The results of one kept bundle, each decoded from Arrow IPC the first time it is asked for. */
export class KeptTables implements KeptResults {
	readonly #decoded = new Map<string, Table>();
	constructor(readonly bundle: KeptBundle) {}

	get size(): number {
		return this.bundle.results.size;
	}

	get(statement: Statement): Table | undefined {
		const key = statementKey(statement);
		let table = this.#decoded.get(key);
		if (table) return table;
		const ipc = this.bundle.results.get(key);
		if (!ipc) return undefined;
		table = tableFromIPC(ipc);
		this.#decoded.set(key, table);
		return table;
	}
}
