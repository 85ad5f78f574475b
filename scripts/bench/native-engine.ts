/**
 * Native DuckDB (@duckdb/node-api, one thread) behind the app's `Engine` face, so the benchmark
 * runs the very same load code and queries on it as on DuckDB-wasm, for a wasm/native ratio.
 * Only what loading and querying need: files are written to a scratch folder that DuckDB
 * searches (`file_search_path`), results become small Arrow tables for the chart adapters.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays, type Table } from 'apache-arrow';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Engine } from '$lib/engine';
import { SESSION_SETTINGS } from '$lib/engine/session-settings';
import { queryError } from '$lib/engine/types';
import { Sql } from '$lib/sql/fragment';

export interface NativeEngine extends Engine {
	readonly version: string;
}

export async function startNativeEngine(): Promise<NativeEngine> {
	const scratch = mkdtempSync(path.join(tmpdir(), 'hypercare-native-'));
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	for (const setting of [...SESSION_SETTINGS, 'SET threads = 1', `SET file_search_path = '${scratch.replaceAll("'", "''")}'`]) await conn.run(setting);
	const version = String((await conn.runAndReadAll('SELECT version() AS v')).getColumnsObjectJS().v?.[0]);
	const unsupported = (what: string) => () => Promise.reject(new Error(`native benchmark engine: ${what} is not supported`));

	return {
		version,
		async query(statement: Sql | string): Promise<Table> {
			const q = typeof statement === 'string' ? new Sql(statement) : statement;
			try {
				const reader = await conn.runAndReadAll(q.text, q.params.length > 0 ? [...q.params] : undefined);
				// JSON values (numbers, strings, null): enough for the chart adapters and counts.
				const columns = Object.entries(reader.getColumnsObjectJson()).map(([name, values]) => [name, values.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : v))]);
				return tableFromArrays(Object.fromEntries(columns) as Parameters<typeof tableFromArrays>[0]) as Table;
			} catch (error) {
				throw queryError(error, q.text);
			}
		},
		async registerFile(name, bytes) {
			mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
			writeFileSync(path.join(scratch, name), bytes);
		},
		async dropFile(name) {
			rmSync(path.join(scratch, name), { force: true });
		},
		insertArrow: unsupported('insertArrow'),
		readFile: unsupported('readFile'),
		openSession: unsupported('openSession'),
		async close() {
			conn.closeSync();
			instance.closeSync();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}
