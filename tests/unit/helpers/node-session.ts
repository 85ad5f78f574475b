/**
 * A native DuckDB engine and a second connection on it (the console's session) for the tests of one
 * file: opened before them, closed after. Call at the top of a test file: it registers its own
 * beforeAll / afterAll; read `engine` and `session` inside the tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Engine, Session } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

export interface NodeSession {
	readonly engine: Engine;
	readonly session: Session;
}

export function nodeSession(): NodeSession {
	let opened: NodeSession | undefined;
	beforeAll(async () => {
		const engine = await startNodeEngine();
		opened = { engine, session: await engine.openSession() };
	});
	afterAll(async () => {
		await opened?.session.close();
		await opened?.engine.close();
	});
	const get = (): NodeSession => {
		if (!opened) throw new Error('nodeSession() is read inside a test, after beforeAll');
		return opened;
	};
	return {
		get engine() {
			return get().engine;
		},
		get session() {
			return get().session;
		}
	};
}
