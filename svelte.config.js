import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// Every page is prerendered to a static shell; data is loaded in the browser.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: false, strict: true }),
		// Relative asset paths so the site works from any folder of a static host or an intranet share.
		paths: { relative: true }
	}
};

export default config;
