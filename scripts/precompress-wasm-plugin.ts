/**
 * DuckDB's wasm modules are 34-39 MB: larger than the 25 MiB per-file limit of common
 * static hosts. The client build ships them gzipped instead (about 8 MB) and the engine
 * decompresses them in the browser (src/lib/engine/wasm-source.ts), so the site needs no
 * host configuration at all.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export function precompressWasm(): Plugin {
	return {
		name: 'hypercare-precompress-wasm',
		apply: 'build',
		// Tells the engine to fetch `.wasm.gz`, whatever NODE_ENV the build runs under.
		config: () => ({ define: { 'import.meta.env.HYPERCARE_WASM_GZ': 'true' } }),
		generateBundle(_options, bundle) {
			const client = this.environment.config.consumer === 'client';
			for (const [fileName, output] of Object.entries(bundle)) {
				if (output.type !== 'asset' || !fileName.endsWith('.wasm')) continue;
				// The server build sees the engine too (prerendering never runs it); SvelteKit would
				// copy its raw copy into the site, so it is dropped there.
				if (client) {
					const source = typeof output.source === 'string' ? Buffer.from(output.source) : output.source;
					this.emitFile({ type: 'asset', fileName: `${fileName}.gz`, source: gzipSync(source, { level: 9 }) });
				}
				delete bundle[fileName];
			}
		}
	};
}
