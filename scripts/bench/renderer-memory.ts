import { execFileSync } from 'node:child_process';

/**
 * Resident memory of the renderer processes (the page and its DuckDB worker live there) of the
 * Chromium this process launched, summed, in MB. Linux only: read from ps, since the page cannot
 * see its worker's wasm memory itself. Only this process's descendants count: other Chromiums
 * on a shared machine must not add to the figure.
 */
export function rendererMemoryMb(): number {
	const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
	const procs = out
		.split('\n')
		.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
		.filter((m): m is RegExpMatchArray => m !== null)
		.map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssKb: Number(m[3]), args: m[4] ?? '' }));
	const mine = new Set([process.pid]);
	// Parents are listed before their children only by chance: repeat until nothing is added.
	for (let added = true; added;) {
		added = false;
		for (const p of procs) {
			if (mine.has(p.pid) || !mine.has(p.ppid)) continue;
			mine.add(p.pid);
			added = true;
		}
	}
	return procs.filter((p) => mine.has(p.pid) && p.args.includes('--type=renderer')).reduce((sum, p) => sum + p.rssKb, 0) / 1024;
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
