import adapter from '@sveltejs/adapter-static';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The one inline script of the app's own (src/hooks.server.ts puts it in the pages that preload kept.bin), allowed by its hash.
 * @type {`sha256-${string}`}
 */
const keptPreload = `sha256-${createHash('sha256')
	.update(readFileSync(new URL('./src/kept-preload.js', import.meta.url), 'utf8'))
	.digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// Every page is prerendered to a static shell; data is loaded in the browser.
		// HYPERCARE_BUILD_DIR lets a test or a publish build write a second site beside build/.
		adapter: adapter({
			pages: process.env.HYPERCARE_BUILD_DIR ?? 'build',
			assets: process.env.HYPERCARE_BUILD_DIR ?? 'build',
			fallback: undefined,
			precompress: false,
			strict: true
		}),
		// Relative asset paths so the site works from any folder of a static host or an intranet share.
		paths: { relative: true },
		// Nothing leaves the browser: scripts, data, workers and wasm come from this site only.
		// SvelteKit hashes its own inline bootstrap script, and the kept.bin preload is allowed by its hash: no other inline script runs.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval', keptPreload],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				// ECharts and Svelte set element styles at run time.
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
