import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
// Bundles are served by the site itself: no CDN, works offline and on an intranet share.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { connectionSession } from './session';
import { LOCKDOWN_SETTINGS, SESSION_SETTINGS } from './session-settings';
import { queryError, type Engine, type Statement } from './types';
import { wasmModuleUrl } from './wasm-source';

// eh (wasm exceptions) where the browser has them, mvp otherwise. The coi bundle is left
// out on purpose: it needs COOP/COEP headers that a plain static host does not send.
const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/** DuckDB-wasm in its worker, from the site's own bundles. */
export async function openBrowserDatabase(): Promise<duckdb.AsyncDuckDB> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle for this browser');
	const worker = new Worker(bundle.mainWorker);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(await wasmModuleUrl(bundle.mainModule));
	return db;
}

/** The engine over a database of its own, or over `db` (the bench's peer comparison shares one with Mosaic). */
export async function startBrowserEngine(db?: duckdb.AsyncDuckDB): Promise<Engine> {
	db ??= await openBrowserDatabase();
	const conn = await db.connect();
	for (const setting of [...LOCKDOWN_SETTINGS, ...SESSION_SETTINGS]) await conn.query(setting);

	return {
		async query(statement: Statement | string): Promise<Table> {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			try {
				if (q.params.length === 0) return await conn.query(q.text);
				const prepared = await conn.prepare(q.text);
				try {
					return await prepared.query(...q.params);
				} finally {
					await prepared.close();
				}
			} catch (error) {
				throw queryError(error, q.text);
			}
		},
		async registerFile(name, bytes) {
			await db.registerFileBuffer(name, bytes);
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async insertArrow(name, ipc) {
			await conn.insertArrowFromIPCStream(ipc, { name, create: true });
		},
		async readFile(name) {
			return db.copyFileToBuffer(name);
		},
		async openSession() {
			const session = await db.connect();
			for (const setting of SESSION_SETTINGS) await session.query(setting);
			return connectionSession(session);
		},
		async close() {
			await conn.close();
			await db.terminate();
		}
	};
}
