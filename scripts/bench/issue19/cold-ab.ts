/**
 * Two builds' cold loads side by side in one run, so that a shared machine weighs on both alike:
 * `npx tsx scripts/bench/issue19/cold-ab.ts <site before> <site after> [runs]` (ROUTES=/,/actions,…).
 * For each route, `runs` cold loads (a fresh context each) alternating between the sites, the order
 * swapped from run to run. Prints, per site and route, the median of: ready (page-probe.ts's complete
 * default view), the first chart drawn (the 'hypercare:first-chart'
 * measure), when the app's first script and the data requests (manifest.json, kept.bin) started
 * and ended, and the number of requests for each data file; all on the page's clock (navigation start = 0).
 * LATENCY_MS=n adds n ms to every request (Chromium's network emulation), as a static host farther
 * than this machine's loopback would: each request that waits for another then costs a round trip.
 */
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium, openWatchedPage } from '../../harness/browser';
import { serveStatic } from '../../harness/static-server';
import { installReadyProbe, readyAt } from './page-probe';

const sites = process.argv.slice(2, 4);
const runs = Number(process.argv[4] ?? 5);
const routes = process.env.ROUTES?.split(',') ?? ['/', '/actions', '/attribution', '/recovery'];
const latency = Number(process.env.LATENCY_MS ?? 0);
if (sites.length !== 2) throw new Error('usage: cold-ab.ts <site before> <site after> [runs]');

type Sample = Record<string, number>;

async function coldLoad(browser: Browser, origin: string, route: string): Promise<Sample> {
	const w = await openWatchedPage(browser);
	try {
		await w.context.addInitScript('globalThis.__name = (f) => f;');
		await installReadyProbe(w.context);
		if (latency > 0) {
			const cdp = await w.context.newCDPSession(w.page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
		}
		await w.page.goto(`${origin}${route}`);
		const ready = await readyAt(w.page, 120_000);
		const timings = await w.page.evaluate(() =>
			performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: (r as PerformanceResourceTiming).responseEnd }))
		);
		const firstChart = await w.page.evaluate(() => performance.getEntriesByName('hypercare:first-chart', 'measure')[0]?.duration ?? NaN);
		const out: Sample = { ready, 'first chart drawn': firstChart };
		const firstJs = timings.filter((r) => r.name.endsWith('.js'));
		out['first script requested'] = Math.min(...firstJs.map((r) => r.start));
		out['last script received'] = Math.max(...firstJs.map((r) => r.end));
		for (const file of ['manifest.json', 'kept.bin']) {
			const mine = timings.filter((r) => new URL(r.name).pathname.endsWith(`/data/${file}`));
			if (mine[0]) {
				out[`${file} requested`] = mine[0].start;
				out[`${file} received`] = mine[0].end;
			}
			out[`${file} requests`] = w.requests.filter((r) => new URL(r).pathname.endsWith(`/data/${file}`)).length;
		}
		if (w.errors.length > 0) throw new Error(w.errors.join('; '));
		return out;
	} finally {
		await w.context.close();
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const browser = await launchChromium();
const servers = await Promise.all(sites.map((root) => serveStatic(root)));
try {
	console.log(`load average at start ${loadavg()[0]?.toFixed(1)}${latency > 0 ? `; ${latency} ms added to every request` : ''}`);
	for (const route of routes) {
		const samples: Sample[][] = [[], []];
		for (let i = 0; i < runs; i++) {
			const order = i % 2 === 0 ? [0, 1] : [1, 0];
			for (const s of order) samples[s]?.push(await coldLoad(browser, servers[s]?.origin ?? '', route));
		}
		console.log(`\n${route}  (${runs} cold loads per site, medians; load average ${loadavg()[0]?.toFixed(1)})`);
		const keys = [...new Set(samples.flatMap((list) => list.flatMap((s) => Object.keys(s))))];
		for (const key of keys) {
			const cells = samples.map((list) => median(list.map((s) => s[key] ?? NaN)));
			const spread = samples.map((list) => list.map((s) => Math.round(s[key] ?? NaN)).join(' '));
			console.log(`  ${key.padEnd(26)} ${cells.map((c) => String(Math.round(c)).padStart(6)).join(' → ')}   [${spread.join(' | ')}]`);
		}
	}
} finally {
	await Promise.all(servers.map((s) => s.close()));
	await browser.close();
}
