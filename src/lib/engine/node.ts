/**
 * DuckDB-wasm's blocking node bundle behind the same `Engine` face as the browser:
 * the same SQL engine build, so tests and scripts exercise what the browser runs.
 * Not imported by the app.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';
import { createRequire } from 'node:module';
import path from 'node:path';
import { connectionSession } from './session';
import { LOCKDOWN_SETTINGS, SESSION_SETTINGS } from './session-settings';
import { queryError, type Engine, type Statement } from './types';

/**
 * `lockdown` applies the browser's file-access lockdown; off by default, because tests and
 * scripts register reference files (truth tables, fixtures) under any name.
 */
export async function startNodeEngine(options: { lockdown?: boolean } = {}): Promise<Engine> {
	const require = createRequire(import.meta.url);
	// The blocking bundle is CommonJS and builds its results with the CommonJS apache-arrow: hand
	// them on as this module's Arrow tables, so that `instanceof` and `tableToIPC` (kept results) hold.
	const cjsArrow = require('apache-arrow') as typeof import('apache-arrow');
	const own = (table: Table): Table => tableFromIPC(cjsArrow.tableToIPC(table, 'stream'));
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	const conn = db.connect();
	for (const setting of [...(options.lockdown ? LOCKDOWN_SETTINGS : []), ...SESSION_SETTINGS]) conn.query(setting);

	return {
		async query(statement: Statement | string): Promise<Table> {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			try {
				if (q.params.length === 0) return own(conn.query(q.text));
				const prepared = conn.prepare(q.text);
				try {
					return own(prepared.query(...q.params));
				} finally {
					prepared.close();
				}
			} catch (error) {
				throw queryError(error, q.text);
			}
		},
		async registerFile(name, bytes) {
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name) {
			db.dropFile(name);
		},
		async insertArrow(name, ipc) {
			conn.insertArrowFromIPCStream(ipc, { name, create: true });
		},
		async readFile(name) {
			return db.copyFileToBuffer(name);
		},
		async openSession() {
			const session = db.connect();
			for (const setting of SESSION_SETTINGS) session.query(setting);
			return connectionSession(session);
		},
		async close() {
			conn.close();
		}
	};
}
