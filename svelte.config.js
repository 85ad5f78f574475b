import adapter from '@sveltejs/adapter-static';

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
		// SvelteKit hashes its own inline bootstrap script, so no inline script is allowed by name.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
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
