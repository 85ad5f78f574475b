/**
 * Native DuckDB for the benchmarks' wasm/native ratio: the scripts' native engine
 * ($lib/engine/native.ts, duckdb-wasm's Arrow types) held to one thread, as duckdb-wasm runs,
 * so the ratio compares the two builds rather than the number of cores.
 */
import { startNativeEngine as startNative, type NativeEngine } from '$lib/engine/native';

export type { NativeEngine };

export const startNativeEngine = (): Promise<NativeEngine> => startNative({ threads: 1 });
