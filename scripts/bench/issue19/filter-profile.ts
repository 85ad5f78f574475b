/**
 * Where a filter change's time goes, per page and control, in Chromium on a built site:
 * `npx tsx scripts/bench/issue19/filter-profile.ts <site folder> [reps]`.
 * For each page and control: `reps` toggles timed as the bench times them (filter-change.ts), the
 * ECharts calls they caused per chart (setOption, resize, and the renders ECharts reported), and a
 * CPU profile of the same toggles, its self time split by script (ECharts, the app's chunks, the
 * browser's own work: layout, paint, GC). Counts and CPU time survive a shared machine better than
 * wall time does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { startSite } from '../../harness/site';
import { FILTER_KINDS, percentile, timeFilterChange } from './filter-change';
import { installReadyProbe } from './page-probe';
import { PAGES, settleOnPage } from './measure';

const root = process.argv[2] ?? 'build';
const reps = Math.ceil(Number(process.argv[3] ?? 6) / 2) * 2;
const only = process.env.PAGES?.split(',');

/**
 * CPU time (user + system, ms) used so far by the processes this script started (Chromium's browser,
 * renderer and GPU processes): what a change costs whatever else the machine runs, unlike wall time.
 */
function ownCpuMs(): number {
	const stats = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((pid) => {
			try {
				const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
					.replace(/^.*\) /, '')
					.split(' ');
				return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
			} catch {
				return null;
			}
		})
		.filter((s) => s !== null);
	const mine = new Set([process.pid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const s of stats)
			if (!mine.has(s.pid) && mine.has(s.ppid)) {
				mine.add(s.pid);
				grew = true;
			}
	}
	// Clock ticks of 10 ms (CLK_TCK 100); this node process's own time is left out.
	return stats.filter((s) => mine.has(s.pid) && s.pid !== process.pid).reduce((sum, s) => sum + s.ticks * 10, 0);
}

/** Wraps every drawn chart's ECharts instance to count its calls (containers expose it as `echarts`). */
async function countCalls(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __calls: Record<string, Record<string, number>> };
		w.__calls = {};
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const id = figure.getAttribute('data-chart') ?? '?';
			const instance = (figure.querySelector('.canvas') as unknown as { echarts?: Record<string, unknown> } | null)?.echarts;
			if (!instance || (instance as { __counted?: boolean }).__counted) continue;
			(instance as { __counted?: boolean }).__counted = true;
			const count = (name: string) => {
				const calls = (w.__calls[id] ??= {});
				calls[name] = (calls[name] ?? 0) + 1;
			};
			for (const name of ['setOption', 'resize']) {
				const original = instance[name] as (...args: unknown[]) => unknown;
				instance[name] = function (this: unknown, ...args: unknown[]) {
					count(name);
					return original.apply(this, args);
				};
			}
			(instance.on as (event: string, f: () => void) => void).call(instance, 'rendered', () => count('rendered'));
		}
	});
}

const takeCalls = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __calls: Record<string, Record<string, number>> };
		const calls = w.__calls;
		w.__calls = {};
		return calls;
	});

async function profile(cdp: CDPSession, run: () => Promise<void>): Promise<Map<string, number>> {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await run();
	const { profile } = await cdp.send('Profiler.stop');
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map<string, number>();
	profile.samples?.forEach((id, i) => {
		const frame = byId.get(id)?.callFrame;
		if (!frame) return;
		const file = frame.url.split('/').pop() || frame.functionName || '(native)';
		const key = `${file}\t${frame.functionName || '(anonymous)'}`;
		self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
	});
	return self;
}

/** Which library a chunk is, read from its text once. */
async function chunkNames(page: Page, files: readonly string[]): Promise<Map<string, string>> {
	const names = await page.evaluate(async (files) => {
		const out: [string, string][] = [];
		for (const file of files) {
			if (!file.endsWith('.js')) continue;
			const src =
				[...document.querySelectorAll('script, link[rel="modulepreload"]')].length >= 0
					? await fetch(new URL(`/_app/immutable/chunks/${file}`, location.href)).then((r) => (r.ok ? r.text() : ''))
					: '';
			const text = src || (await fetch(new URL(`/_app/immutable/nodes/${file}`, location.href)).then((r) => (r.ok ? r.text() : '')));
			out.push([file, /zrender|ECharts|echarts/.test(text) && text.length > 200_000 ? 'echarts' : /\$\$props|untrack|effect_update_depth_exceeded/.test(text) ? 'svelte/app' : 'app']);
		}
		return out;
	}, files);
	return new Map(names);
}

const site = await startSite(root);
try {
	const { page, context, errors } = await (async () => {
		const { openWatchedPage } = await import('../../harness/browser');
		const w = await openWatchedPage(site.browser);
		// tsx names the functions it compiles with a helper the page lacks (vitest, which runs the bench, does not).
		await w.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
		await installReadyProbe(w.context);
		return w;
	})();
	await page.goto(`${site.origin}/`);
	const cdp = await context.newCDPSession(page);
	for (const { name, route } of PAGES) {
		if (only && !only.includes(name)) continue;
		await settleOnPage(page, name, route);
		await countCalls(page);
		console.log(`\n## ${name}`);
		for (const kind of FILTER_KINDS) {
			const times: number[] = [];
			await takeCalls(page);
			const cpuBefore = ownCpuMs();
			for (let rep = 0; rep < reps; rep++) times.push(await timeFilterChange(page, kind, rep));
			// Each change ends with the probe's quiet time (300 ms) of idle polling, counted in too: the same for any code.
			const cpuPerChange = (ownCpuMs() - cpuBefore) / reps;
			const calls = await takeCalls(page);
			const self = await profile(cdp, async () => {
				for (let rep = 0; rep < reps; rep++) await timeFilterChange(page, kind, rep);
			});
			const chunks = await chunkNames(page, [...new Set([...self.keys()].map((k) => k.split('\t')[0] ?? ''))]);
			const byLib = new Map<string, number>();
			for (const [key, ms] of self) {
				const [file = '', fn = ''] = key.split('\t');
				const lib = chunks.get(file) ?? (fn === '(idle)' ? 'idle' : fn.startsWith('(') ? fn : file);
				byLib.set(lib, (byLib.get(lib) ?? 0) + ms / reps);
			}
			const perChart = Object.entries(calls)
				.map(([id, c]) => `${id} ${c.setOption ?? 0}/${c.resize ?? 0}/${c.rendered ?? 0}`)
				.join(', ');
			console.log(
				`${kind}: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(' ')}); Chromium CPU ${cpuPerChange.toFixed(0)} ms per change`
			);
			console.log(
				`  per change, CPU self ms: ${[...byLib]
					.filter(([l]) => l !== 'idle' && l !== '(idle)')
					.sort((a, b) => b[1] - a[1])
					.map(([l, ms]) => `${l} ${ms.toFixed(1)}`)
					.join(', ')}`
			);
			console.log(`  calls in ${reps} changes (setOption/resize/rendered): ${perChart || 'none'}`);
			if (process.env.TOP) {
				const top = [...self]
					.filter(([k]) => !k.includes('(idle)'))
					.sort((a, b) => b[1] - a[1])
					.slice(0, Number(process.env.TOP));
				for (const [key, ms] of top) console.log(`    ${(ms / reps).toFixed(1).padStart(6)} ms  ${key.replace('\t', ' ')}`);
			}
		}
	}
	if (errors.length > 0) console.log(`page errors: ${errors.join('\n')}`);
} finally {
	await site.close();
}
