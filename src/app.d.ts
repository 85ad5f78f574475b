// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	interface ImportMetaEnv {
		/** Set by scripts/precompress-wasm-plugin.ts in builds: DuckDB's wasm ships gzipped. */
		readonly HYPERCARE_WASM_GZ?: boolean;
	}
}

export {};
