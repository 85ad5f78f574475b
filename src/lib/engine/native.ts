/**
 * Native DuckDB (@duckdb/node-api, every core) behind the app's `Engine` face, for build and
 * publish scripts and benches: the app's own statements and load code run on it unchanged, and
 * its results are apache-arrow Tables of the types duckdb-wasm returns (./native-arrow.ts).
 * Files the app registers live in a scratch folder; a statement's string literal that is
 * exactly a registered name is read as that file's path there (native DuckDB resolves
 * relative paths against the process's working folder, where duckdb-wasm has its own
 * virtual file system). Not imported by the app: scripts choose it (scripts/script-engine.ts).
 */
import { BOOLEAN, DOUBLE, DuckDBConnection, DuckDBInstance, SQLNULL, VARCHAR, type DuckDBDataChunk, type DuckDBResult, type DuckDBType } from '@duckdb/node-api';
import { RecordBatch, Schema, Struct, Table, Field, makeData, type Data } from 'apache-arrow';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { arrowData, arrowType } from './native-arrow';
import { insertArrowNative } from './native-insert';
import { SESSION_SETTINGS } from './session-settings';
import { connectionSession } from './session';
import { queryError, type Engine, type Session, type Statement } from './types';

export interface NativeEngine extends Engine {
	/** DuckDB's version, e.g. v1.5.2 (duckdb-wasm's is v1.4.3). */
	readonly version: string;
	readonly threads: number;
}

/** duckdb-wasm binds every JS number as DOUBLE (node-api would bind 1 as INTEGER): the same here, so `?` gives the same types. */
const paramType = (v: Statement['params'][number]): DuckDBType => (v === null ? SQLNULL : typeof v === 'number' ? DOUBLE : typeof v === 'boolean' ? BOOLEAN : VARCHAR);

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A result's columns, all chunks, as one Arrow record batch with duckdb-wasm's field shapes (all nullable). */
async function toBatch(names: readonly string[], types: readonly DuckDBType[], chunks: AsyncIterable<DuckDBDataChunk> | Iterable<DuckDBDataChunk>): Promise<RecordBatch> {
	const columns: unknown[][] = names.map(() => []);
	for await (const chunk of chunks) {
		for (let c = 0; c < names.length; c++) {
			const target = columns[c] as unknown[];
			for (const v of chunk.getColumnValues(c)) target.push(v);
		}
	}
	const fields = names.map((name, c) => new Field(name, arrowType(types[c] as DuckDBType), true));
	const children: Data[] = names.map((_, c) => arrowData(types[c] as DuckDBType, columns[c] as never));
	const length = columns[0]?.length ?? 0;
	return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, nullCount: 0, children }));
}

async function* chunksOf(result: DuckDBResult) {
	for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
}

export async function startNativeEngine(options: { threads?: number } = {}): Promise<NativeEngine> {
	const threads = options.threads ?? availableParallelism();
	const scratch = mkdtempSync(path.join(tmpdir(), 'hypercare-native-'));
	const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), temp_directory: path.join(scratch, '.tmp') });
	const registered = new Set<string>();
	const fileOf = (name: string) => path.join(scratch, name);
	/** String literals naming a registered file become that file's path in the scratch folder. */
	const located = (text: string) =>
		registered.size === 0
			? text
			: text.replace(/'((?:[^']|'')*)'/g, (literal, inner: string) => (registered.has(inner.replaceAll("''", "'")) ? quote(fileOf(inner.replaceAll("''", "'"))) : literal));
	const connect = async () => {
		const conn = await DuckDBConnection.create(instance);
		for (const setting of [...SESSION_SETTINGS, `SET file_search_path = ${quote(scratch)}`]) await conn.run(setting);
		return conn;
	};
	const conn = await connect();
	const version = String((await conn.runAndReadAll('SELECT version() AS v')).getColumns()[0]?.[0]);

	async function run(on: DuckDBConnection, q: Statement): Promise<Table> {
		const result = await on.run(located(q.text), q.params.length > 0 ? [...q.params] : undefined, q.params.length > 0 ? q.params.map(paramType) : undefined);
		const names = result.columnNames();
		const batch = await toBatch(names, result.columnTypes(), chunksOf(result));
		return new Table(batch.schema, [batch]);
	}

	return {
		version,
		threads,
		async query(statement: Statement | string): Promise<Table> {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			try {
				return await run(conn, q);
			} catch (error) {
				throw queryError(error, q.text);
			}
		},
		async registerFile(name, bytes) {
			mkdirSync(path.dirname(fileOf(name)), { recursive: true });
			writeFileSync(fileOf(name), bytes);
			registered.add(name);
		},
		async dropFile(name) {
			rmSync(fileOf(name), { force: true });
			registered.delete(name);
		},
		async insertArrow(name, ipc) {
			await insertArrowNative(conn, name, ipc);
		},
		async readFile(name) {
			return new Uint8Array(readFileSync(fileOf(name)));
		},
		async openSession(): Promise<Session> {
			const session = await connect();
			// The app's session over a connection that sends a statement and reads its batches.
			return connectionSession({
				async send(text: string) {
					const result = await session.stream(located(text));
					const [names, types] = [result.columnNames(), result.columnTypes()];
					return {
						schema: new Schema(names.map((n, c) => new Field(n, arrowType(types[c] as DuckDBType), true))),
						open: () => undefined,
						async *[Symbol.asyncIterator]() {
							for await (const chunk of chunksOf(result)) yield await toBatch(names, types, [chunk]);
						}
					};
				},
				cancelSent() {
					session.interrupt();
					return true;
				},
				close: () => session.closeSync()
			});
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}
