/**
 * The app's one door to DuckDB. The engine starts lazily, once, on first use; its
 * module is imported dynamically so that prerendering never loads duckdb-wasm.
 */
import { markSince } from '$lib/timing';
import type { Engine } from './types';

export type { Engine } from './types';
export { QueryError } from './types';
export type { ResultStream, Session, Statement } from './types';

let starting: Promise<Engine> | undefined;

export function getEngine(): Promise<Engine> {
	starting ??= import('./browser')
		.then(({ startBrowserEngine }) => startBrowserEngine())
		.then((engine) => {
			markSince('hypercare:duckdb-ready');
			return engine;
		})
		.catch((error: unknown) => {
			// A failed start may be retried (e.g. after a transient fetch failure).
			starting = undefined;
			throw error;
		});
	return starting;
}
