import type { Engine, Statement } from '$lib/engine';
import type { KeptResults } from './kept-tables';

/**
 * An engine that answers from kept results at once and sends anything else to the live
 * engine, which is only asked for (and so only loads the full tables) when a statement is
 * not kept: a page's default view draws without DuckDB, a filter the kept results cannot
 * answer waits for it.
 */
export function keptFirstEngine(kept: KeptResults | null, live: () => Promise<Engine>): Engine {
	const engine = (): Promise<Engine> => live();
	return {
		async query(statement: Statement | string) {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			const found = kept?.get(q);
			if (found) return found;
			return (await engine()).query(q);
		},
		registerFile: async (name, bytes) => (await engine()).registerFile(name, bytes),
		dropFile: async (name) => (await engine()).dropFile(name),
		insertArrow: async (name, ipc) => (await engine()).insertArrow(name, ipc),
		readFile: async (name) => (await engine()).readFile(name),
		openSession: async () => (await engine()).openSession(),
		// The live engine belongs to the data set, not to a page.
		close: async () => undefined
	};
}
