/**
 * Two builds' filter changes side by side in one run, so that a shared machine weighs on both alike:
 * `npx tsx scripts/bench/issue19/filter-ab.ts <site before> <site after> [reps]` (PAGES=Overview,Root causes).
 * One tab per site, each on the same page; for each control, `reps` toggles on one tab then on the
 * other, the order swapped from control to control. Prints p50 / p95 per site and page, both until the
 * charts in view are drawn and until every chart is (filter-change.ts), and the load average.
 */
import { loadavg } from 'node:os';
import { launchChromium, openWatchedPage, type WatchedPage } from '../../harness/browser';
import { serveStatic } from '../../harness/static-server';
import { FILTER_KINDS, percentile, timeFilterChangeParts } from './filter-change';
import { PAGES, settleOnPage } from './measure';
import { installReadyProbe } from './page-probe';

const sites = process.argv.slice(2, 4);
const reps = Math.ceil(Number(process.argv[4] ?? 10) / 2) * 2;
const only = process.env.PAGES?.split(',') ?? ['Overview', 'Root causes'];
if (sites.length !== 2) throw new Error('usage: filter-ab.ts <site before> <site after> [reps]');

const browser = await launchChromium();
const servers = await Promise.all(sites.map((root) => serveStatic(root)));
try {
	const tabs: WatchedPage[] = [];
	for (const server of servers) {
		const w = await openWatchedPage(browser);
		await w.context.addInitScript('globalThis.__name = (f) => f;');
		await installReadyProbe(w.context);
		await w.page.goto(`${server.origin}/`);
		tabs.push(w);
	}
	// Each tab must be visible (headless Chromium keeps them so): a hidden page draws every chart at once.
	const shown = await Promise.all(tabs.map((w) => w.page.evaluate(() => document.visibilityState)));
	console.log(
		`load average at the start: ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}; tabs ${shown.join(', ')}`
	);
	for (const { name, route } of PAGES) {
		if (!only.includes(name)) continue;
		for (const w of tabs) await settleOnPage(w.page, name, route);
		const times = tabs.map(() => ({ all: [] as number[], visible: [] as number[] }));
		for (const [k, kind] of FILTER_KINDS.entries()) {
			const order = k % 2 === 0 ? [0, 1] : [1, 0];
			for (const i of order)
				for (let rep = 0; rep < reps; rep++) {
					const t = await timeFilterChangeParts(tabs[i]!.page, kind, rep);
					times[i]!.all.push(t.all);
					times[i]!.visible.push(t.visible);
				}
		}
		const p = (xs: number[]) => `${Math.round(percentile(xs, 50))} / ${Math.round(percentile(xs, 95))}`;
		for (const [i, t] of times.entries()) console.log(`${name.padEnd(12)} ${sites[i]}: charts in view drawn ${p(t.visible)} ms; every chart drawn ${p(t.all)} ms`);
	}
	console.log(
		`load average at the end: ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`
	);
	for (const w of tabs) if (w.errors.some((e) => !e.includes('404'))) console.log(`page errors: ${w.errors.slice(0, 3).join('; ')}`);
} finally {
	await browser.close();
	await Promise.all(servers.map((s) => s.close()));
}
