import { tableToIPC } from 'apache-arrow';
import type { Engine, Statement } from '$lib/engine';
import { statementKey } from './kept-tables';

/** Statements that only read: their results can be kept (a CREATE or a DROP must run on the data itself). */
export const READS = /^\s*(\(\s*)*(with|select|from|values|summarize|describe|show)\b/i;

export interface RecordingEngine extends Engine {
	/** Each read statement's result so far, as Arrow IPC, by statement key. */
	readonly recorded: ReadonlyMap<string, Uint8Array>;
}

/** An engine that keeps every read statement's result as it answers it: how a page's results are kept. */
export function recordingEngine(engine: Engine): RecordingEngine {
	const recorded = new Map<string, Uint8Array>();
	return {
		...engine,
		recorded,
		async query(statement: Statement | string) {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			const table = await engine.query(q);
			if (READS.test(q.text)) recorded.set(statementKey(q), tableToIPC(table, 'stream'));
			return table;
		}
	};
}
