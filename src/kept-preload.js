// Starts fetching the pages' kept results (src/lib/data/kept-data.ts) and the manifest they are checked against
// while the app's scripts load, rather than once the page has mounted. Put inline in the HTML of the pages that read
// them by src/hooks.server.ts; allowed by its hash (svelte.config.js). A tab showing imported data reads its results
// from the browser's storage instead (the same flag the data set starts from), so it asks nothing of either file.
(() => {
	const script = document.currentScript;
	try {
		if (localStorage.getItem('hypercare:source') === 'imported') return;
	} catch {
		// Storage is off (a sandboxed frame): the app shows the bundled data then.
	}
	if (!(script instanceof HTMLScriptElement) || !script.dataset.keptPreload) return;
	const kept = new URL(script.dataset.keptPreload, document.baseURI);
	// The manifest beside kept.bin says which data is served now, so it is asked of the server ('no-cache'), never
	// taken from an earlier visit's HTTP cache. A <link rel="preload"> cannot say that (Chromium hands a preload's
	// cached copy to a 'no-cache' fetch), so the request starts here and the app takes it (kept-data.ts, earlyManifest).
	const href = new URL('manifest.json', kept).href;
	const response = fetch(href, { cache: 'no-cache' });
	// The app sees a failure when it takes the response; until then it is no unhandled rejection.
	response.catch(() => undefined);
	window.hypercareManifest = { href, response };
	const link = document.createElement('link');
	link.rel = 'preload';
	link.as = 'fetch';
	// The app's fetch is a CORS-mode request: only a preload of the same mode is reused by it.
	link.crossOrigin = 'anonymous';
	link.href = kept.href;
	script.after(link);
})();
