// A static site: every page is prerendered as a shell and runs entirely in the browser,
// where the data is (DuckDB-wasm cannot run during prerendering).
export const prerender = true;
export const ssr = false;
