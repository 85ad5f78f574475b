/**
 * The Overview's filter change as a user waits, in Debian Chromium: from a click on a site
 * checkbox to the last chart drawn (`filterLatency`, as `npm run bench` measures it), p50 and
 * p95 over a run of clicks, and how much of it is the page's own work (the figures and chart
 * models, up to `data-busy` going false) rather than ECharts drawing.
 * `npx tsx scripts/bench/overview-filter-page.ts [site folder, default build] [clicks]`.
 */
import { OVERVIEW_CHARTS, filterLatency } from './page-figures';
import { openWatchedPage } from '../harness/browser';
import { startSite } from '../harness/site';

const root = process.argv[2] ?? 'build';
const clicks = Number(process.argv[3] ?? 24);
const percentile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;

const site = await startSite(root);
try {
	const watched = await openWatchedPage(site.browser);
	const { page } = watched;
	// tsx names the functions it compiles with a helper the page lacks (vitest, which runs the bench, does not).
	await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
	await page.goto(`${site.origin}/`);
	await page.waitForFunction(() => performance.getEntriesByName('hypercare:overview-live').length > 0, undefined, { timeout: 300_000 });
	for (const id of OVERVIEW_CHARTS) await page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 120_000 });
	// Let the watchlist's Recovery status and causes settle, so they do not run under the clicks.
	await page.waitForTimeout(5_000);
	const total: number[] = [];
	for (let i = 0; i < clicks; i++) {
		const ms = await filterLatency(page);
		total.push(ms);
		await page.waitForTimeout(150);
	}
	if (process.env.PROFILE) {
		// Where a click's time goes: a CPU profile over a few more clicks, self time by function.
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
		for (let i = 0; i < 6; i++) await filterLatency(page);
		const { profile } = await cdp.send('Profiler.stop');
		const self = new Map<string, number>();
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		profile.samples?.forEach((id, i) => {
			const frame = byId.get(id)!.callFrame;
			const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
			self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
		});
		for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
		const byFile = new Map<string, number>();
		for (const [key, ms] of self) {
			const file = key.split(' ').pop()!.split(':')[0]!;
			byFile.set(file, (byFile.get(file) ?? 0) + ms);
		}
		console.log('by script:');
		for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${file}`);
	}
	const cost = await page.evaluate(() => {
		const entries = performance.getEntriesByName('hypercare:overview-live');
		return entries.length;
	});
	console.log(
		`${root}: ${clicks} site clicks, input → last chart drawn: p50 ${percentile(total, 0.5).toFixed(1)} ms, p95 ${percentile(total, 0.95).toFixed(1)} ms, max ${Math.max(...total).toFixed(1)} ms (${cost} overview runs)`
	);
	console.log(`each: ${total.map((t) => t.toFixed(0)).join(' ')}`);
	if (watched.errors.length > 0) console.log(`page errors: ${watched.errors.join('\n')}`);
} finally {
	await site.close();
}
