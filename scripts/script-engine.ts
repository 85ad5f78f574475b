/**
 * The engine a build or publish script computes with: native DuckDB on every core by default,
 * or the app's own duckdb-wasm build (`HYPERCARE_ENGINE=wasm`, or the `choice` argument), to
 * compare or to rule the native engine out. Both take the same statements and give the same
 * Arrow results (tests/unit/engine/native-engine.test.ts).
 */
import type { Engine } from '$lib/engine';
import { startNativeEngine } from '$lib/engine/native';
import { startNodeEngine } from '$lib/engine/node';

export type EngineChoice = 'native' | 'wasm';

export function engineChoice(value = process.env.HYPERCARE_ENGINE): EngineChoice {
	if (value === undefined || value === '' || value === 'native') return 'native';
	if (value === 'wasm') return 'wasm';
	throw new Error(`HYPERCARE_ENGINE must be native or wasm, not "${value}"`);
}

export async function startScriptEngine(choice: EngineChoice = engineChoice()): Promise<Engine & { readonly label: string }> {
	if (choice === 'wasm') return Object.assign(await startNodeEngine(), { label: 'duckdb-wasm v1.4.3, 1 thread' });
	const native = await startNativeEngine();
	return Object.assign(native, { label: `native DuckDB ${native.version}, ${native.threads} threads` });
}
