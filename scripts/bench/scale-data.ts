/**
 * Benchmark volumes from the sample generator, reusable by any benchmark: `full` is the
 * issue's scale (about 1,000,000 tickets and 10,000,000 billing rows: every ticket repeated
 * 35 times, visit volume x11), `quick` a tenth of it for a fast look (BENCH_SCALE=quick).
 * Generated once into node_modules/.cache and reused while the generator is unchanged.
 */
import path from 'node:path';
import { ensureSample } from '../sample/generate';
import type { Manifest } from '../sample/manifest';

export const SCALES = {
	full: { ticketScale: 35, billingScale: 11 },
	quick: { ticketScale: 4, billingScale: 1.1 }
} as const;
export type ScaleName = keyof typeof SCALES;

export function benchScale(): ScaleName {
	const name = process.env.BENCH_SCALE ?? 'full';
	if (!(name in SCALES)) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}, got "${name}"`);
	return name as ScaleName;
}

export async function ensureScaleData(name: ScaleName): Promise<{ dir: string; manifest: Manifest; seconds: number }> {
	const started = performance.now();
	const dir = path.resolve('node_modules/.cache/hypercare-bench', name);
	const { manifest } = await ensureSample({ outDir: dir, ...SCALES[name], ifMissing: true });
	return { dir, manifest, seconds: (performance.now() - started) / 1000 };
}
