import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

export const SAMPLE_DIR = path.resolve(process.env.HYPERCARE_DATA_DIR ?? 'data/sample');

/**
 * The bundled sample files read straight into DuckDB with DuckDB's own CSV sniffing,
 * not through the app's loader: expected figures then come from independent SQL.
 */
export async function independentSample(tables: readonly string[] = ['clinics', 'training', 'tickets']): Promise<Engine> {
	const engine = await startNodeEngine();
	const manifest = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as {
		tables: { table: string; file: string }[];
	};
	for (const { table, file } of manifest.tables) {
		if (!tables.includes(table)) continue;
		await engine.registerFile(file, readFileSync(path.join(SAMPLE_DIR, file)));
		await engine.query(`CREATE TABLE raw_${table} AS SELECT * FROM read_csv('${file}')`);
	}
	return engine;
}
