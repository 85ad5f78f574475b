/**
 * Settings applied right after connecting. This duckdb-wasm build links only core
 * functions: an attempt to autoload the parquet or json extension would download it,
 * which offline fails cryptically in the browser and hangs forever in node.
 */
export const SESSION_SETTINGS = [
	'SET autoload_known_extensions = false',
	'SET autoinstall_known_extensions = false'
] as const;
