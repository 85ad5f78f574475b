/**
 * The kept-results step of a build or publish: the pages' state classes (Svelte runes, $lib)
 * compiled by Vite as the site's build compiles them, then `computeKept` run on the caller's
 * engine and written where the bundled-data plugin serves it. Start it early: starting Vite and
 * compiling the pages takes a few seconds, which a publish spends beside its import.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import type { Engine } from '$lib/engine';
import { keptResultsFile } from './kept-results-file';
import type * as Compute from './compute-kept';

export interface KeptStep {
	/** Computes the kept results of `dataDir` on `engine` and writes them beside the build (keptResultsFile). */
	run(dataDir: string, engine: Engine, computedBy: string, options?: Compute.KeptOptions): Promise<Compute.KeptComputed>;
	close(): Promise<void>;
}

export async function startKeptStep(onStep?: (step: string) => void): Promise<KeptStep> {
	const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn', optimizeDeps: { noDiscovery: true, include: [] } });
	onStep?.('kept: vite started');
	try {
		const { computeKept } = (await vite.ssrLoadModule('/scripts/kept/compute-kept.ts')) as typeof Compute;
		onStep?.('kept: state classes compiled (ssrLoadModule)');
		return {
			async run(dataDir, engine, computedBy, options = {}) {
				const kept = await computeKept(dataDir, engine, computedBy, options);
				const file = keptResultsFile(dataDir);
				mkdirSync(path.dirname(file), { recursive: true });
				writeFileSync(file, kept.bytes);
				return kept;
			},
			close: () => vite.close()
		};
	} catch (error) {
		await vite.close();
		throw error;
	}
}
