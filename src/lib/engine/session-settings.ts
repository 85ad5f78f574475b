/**
 * Settings applied right after connecting. This duckdb-wasm build links only core
 * functions: an attempt to autoload the parquet or json extension would download it,
 * which offline fails cryptically in the browser and hangs forever in node.
 */
export const SESSION_SETTINGS = ['SET autoload_known_extensions = false', 'SET autoinstall_known_extensions = false'] as const;

/** Where the app registers the files DuckDB reads and writes: the bundled data, an import, a save. */
export const APP_FILE_DIRECTORIES = ['hypercare/', 'ingest/', 'hypercare-save/'] as const;

/**
 * Once per database, before anything else runs: DuckDB may open only the files the app
 * registers under those directories, never a URL or any other path, whatever SQL reaches it
 * (the console's guard is the first line; this is the second). Both settings are one-way:
 * DuckDB refuses to change them again while the database runs.
 */
export const LOCKDOWN_SETTINGS = [`SET allowed_directories = [${APP_FILE_DIRECTORIES.map((d) => `'${d}'`).join(', ')}]`, 'SET enable_external_access = false'] as const;
