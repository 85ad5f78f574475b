import { execFileSync } from 'node:child_process';

/**
 * Resident memory of Chromium's renderer processes (the page and its DuckDB worker live
 * there), summed, in MB. Linux only: read from ps, since the page cannot see its worker's
 * wasm memory itself.
 */
export function rendererMemoryMb(): number {
	const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
	return out
		.split('\n')
		.filter((line) => line.includes('--type=renderer'))
		.reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0] ?? 0), 0) / 1024;
}

/** Samples renderer memory every 100 ms while `work` runs; returns the peak. */
export async function peakDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
	let peakMb = rendererMemoryMb();
	const timer = setInterval(() => (peakMb = Math.max(peakMb, rendererMemoryMb())), 100);
	try {
		const result = await work();
		return { result, peakMb: Math.max(peakMb, rendererMemoryMb()) };
	} finally {
		clearInterval(timer);
	}
}
