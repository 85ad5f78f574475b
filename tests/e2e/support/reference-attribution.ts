/**
 * The root-cause attribution computed in node (native DuckDB) on the bundled sample's files, the way
 * the browser loads them: what the Actions and Root causes e2e files check the pages against.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { SAMPLE_DIR } from '../../../scripts/harness/sample-data';

export async function referenceAttribution(): Promise<Engine> {
	const engine = await startNodeEngine();
	const manifest = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { tables: { table: string; file: string }[] };
	const files = manifest.tables
		.filter((t) => ['clinics', 'training', 'workflow_variance', 'tickets'].includes(t.table))
		.map((t) => ({ table: t.table as 'tickets', name: t.file, bytes: readFileSync(path.join(SAMPLE_DIR, t.file)) }));
	await loadCanonicalTables(engine, files);
	await buildAttribution(engine);
	return engine;
}
