import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * Builds the bench page (index.html + entry.ts) with Vite into `outDir`: the app's `$lib`
 * modules, DuckDB-wasm's own bundles and Mosaic, all served from the page's origin.
 */
export async function buildPeerPage(outDir: string): Promise<void> {
	await build({
		configFile: false,
		root: import.meta.dirname,
		base: './',
		logLevel: 'error',
		resolve: { alias: { $lib: path.join(root, 'src', 'lib') } },
		build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 100_000 }
	});
}
