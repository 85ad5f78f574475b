// Starts fetching the pages' kept results (src/lib/data/kept-data.ts) while the app's scripts load, rather than
// once the page has mounted. Put inline in the HTML of the pages that read them by src/hooks.server.ts; allowed by
// its hash (svelte.config.js). A tab showing imported data reads its results from the browser's storage instead
// (the same flag the data set starts from), so it asks nothing of kept.bin.
(() => {
	const script = document.currentScript;
	try {
		if (localStorage.getItem('hypercare:source') === 'imported') return;
	} catch {
		// Storage is off (a sandboxed frame): the app shows the bundled data then.
	}
	if (!(script instanceof HTMLScriptElement) || !script.dataset.keptPreload) return;
	const link = document.createElement('link');
	link.rel = 'preload';
	link.as = 'fetch';
	// The app's fetch is a CORS-mode request: only a preload of the same mode is reused by it.
	link.crossOrigin = 'anonymous';
	link.href = script.dataset.keptPreload;
	script.after(link);
})();
