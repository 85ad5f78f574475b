import type { TableName } from '$lib/contract/tables';
import { loadCanonicalTables, type TableFile } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

const encoder = new TextEncoder();

export function csvFile(table: TableName, lines: readonly string[], name = `${table}.csv`): TableFile {
	return { table, name, bytes: encoder.encode(`${lines.join('\n')}\n`) };
}

/** A real DuckDB-wasm (node bundle) holding the given canonical tables and the analysis views. */
export async function engineWith(files: readonly TableFile[]): Promise<Engine> {
	const engine = await startNodeEngine();
	await loadCanonicalTables(engine, files);
	return engine;
}

/** Result rows as plain objects: fine for the handful of rows a unit test looks at. */
export async function rows(engine: Engine, statement: Parameters<Engine['query']>[0]): Promise<Record<string, unknown>[]> {
	const table = await engine.query(statement);
	return table.toArray().map((row) => {
		const plain = (row as { toJSON(): Record<string, unknown> }).toJSON();
		return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
	});
}
