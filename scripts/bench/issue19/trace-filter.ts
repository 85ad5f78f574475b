/**
 * `tsx scripts/bench/issue19/trace-filter.ts <site folder> [changes]` (PAGES=Overview,Root causes,
 * KINDS=site,clinic,date,axis): where a filter change's CPU time goes, from a Chromium performance
 * trace of `changes` toggles per control (as filter-change.ts makes them). Per change, the renderer's
 * main thread from the input to the page's last mutation: JS self time by source (sourcemaps of a
 * `vite build --sourcemap` site: ECharts, Svelte, the page's models, the chart option builders),
 * style/layout/paint, GC; and the CPU the other threads spent on it (raster, compositor, GPU process).
 * The probe's quiet wait after each change is not counted. VISIBLE=1 ends each change when the
 * charts in view are drawn (filter-change.ts), leaving out the charts drawn in the frames after it. CPU time survives a busy machine better
 * than wall time does.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { launchChromium, openWatchedPage } from '../../harness/browser';
import { serveStatic } from '../../harness/static-server';
import { FILTER_KINDS, timeFilterChangeParts, type FilterKind } from './filter-change';
import { PAGES, settleOnPage } from './measure';
import { installReadyProbe } from './page-probe';
import { threadSamples, type TraceEvent } from './trace-profile';

const site = path.resolve(process.argv[2] ?? 'build');
const changes = Number(process.argv[3] ?? 6);
const only = process.env.PAGES?.split(',');
const kinds = (process.env.KINDS?.split(',') ?? FILTER_KINDS) as FilterKind[];

const maps = new Map<string, SourceMapConsumer | null>();
function sourceOf(url: string | undefined, line = 0, column = 0): string {
	const file = url?.split('/_app/')[1];
	if (!file) return url || '(native)';
	if (!maps.has(file)) {
		const map = path.join(site, '_app', `${file}.map`);
		maps.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8')) as RawSourceMap) : null);
	}
	return maps.get(file)?.originalPositionFor({ line: line + 1, column }).source ?? `_app/${file}`;
}

function phaseOf(source: string, fn: string): string {
	if (fn === '(garbage collector)') return 'GC';
	if (fn === '(program)') return 'native, not attributed';
	if (/node_modules\/zrender\//.test(source)) return 'JS: zrender (shapes, canvas calls)';
	if (/node_modules\/echarts\//.test(source)) return 'JS: ECharts (models, layout)';
	if (/node_modules\/(svelte|@sveltejs|esm-env|devalue)\//.test(source)) return 'JS: Svelte';
	if (/src\/lib\/charts\//.test(source)) return 'JS: chart options and Chart.svelte';
	if (/src\/(lib|routes)\//.test(source)) return 'JS: page models, figures, URL state';
	if (source === '(native)' || !source.includes('/')) return `native call ${fn}`;
	return `JS: other (${source.split('/').slice(-2).join('/')})`;
}

const RENDER = new Set(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'RecalculateStyles', 'IntersectionObserverController::computeIntersections']);

type Split = Record<string, number>;

/** Per change (between its marks), ms of CPU by phase. */
function split(events: TraceEvent[], windows: { start: number; end: number }[], top: boolean): Split {
	const mainThread = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'ProfileChunk'));
	if (!mainThread) throw new Error('no renderer main thread with a profile');
	const { pid, tid } = mainThread;
	const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name)]));
	const inWindow = (ts: number) => windows.some((w) => ts >= w.start && ts < w.end);
	const out: Split = {};
	const add = (k: string, us: number) => (out[k] = (out[k] ?? 0) + us / 1000 / windows.length);
	let busyUntil = 0;
	const toplevel = new Map<string, number>();
	for (const e of events.filter((e) => e.ph === 'X' && inWindow(e.ts)).sort((a, b) => a.ts - b.ts)) {
		const key = `${e.pid}:${e.tid}`;
		if (e.pid === pid && e.tid === tid) {
			if (e.ts >= busyUntil) {
				add('main thread busy (top-level tasks)', e.dur ?? 0);
				busyUntil = e.ts + (e.dur ?? 0);
			}
			if (RENDER.has(e.name)) add(`  style/layout/paint: ${e.name}`, e.dur ?? 0);
			continue;
		}
		// Other threads: top-level slices' thread time (raster, compositor, the GPU process's canvas work).
		const until = toplevel.get(key) ?? 0;
		if (e.ts >= until) {
			toplevel.set(key, e.ts + (e.dur ?? 0));
			add(`other thread: ${threadName.get(key) ?? key}`, e.tdur ?? e.dur ?? 0);
		}
	}
	for (const { at, us, frame: f } of threadSamples(events, pid, tid)) {
		if (!inWindow(at) || f.functionName === '(root)') continue;
		const source = sourceOf(f.url, f.lineNumber, f.columnNumber);
		add(`CPU ${phaseOf(source, f.functionName)}`, us);
		if (top) add(`fn ${f.functionName || '(anonymous)'} ${source.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`, us);
	}
	return out;
}

const server = await serveStatic(site);
const browser = await launchChromium();
try {
	const w = await openWatchedPage(browser);
	await w.context.addInitScript('globalThis.__name = (f) => f;');
	await installReadyProbe(w.context);
	const { page } = w;
	await page.goto(`${server.origin}/`);
	for (const { name, route } of PAGES) {
		if ((only && !only.includes(name)) || name === 'Actions') continue;
		await settleOnPage(page, name, route);
		for (const kind of kinds) {
			await browser.startTracing(page, {
				categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'cc', 'gpu', 'viz', 'toplevel']
			});
			const times: number[] = [];
			const windows: { start: number; end: number }[] = [];
			for (let rep = 0; rep < changes; rep++) {
				const t0 = await page.evaluate(() => performance.timeOrigin * 1000 + performance.now() * 1000);
				const parts = await timeFilterChangeParts(page, kind, rep);
				// VISIBLE=1: only until the charts in view are drawn (the input's own work), not the charts drawn after.
				const ms = process.env.VISIBLE ? parts.visible : parts.all;
				times.push(ms);
				windows.push({ start: t0, end: t0 + ms * 1000 + (process.env.VISIBLE ? 0 : 50_000) });
			}
			const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
			const events = trace.traceEvents;
			const clock = await alignClock(page, browser);
			const shifted = windows.map((w) => ({ start: w.start - clock, end: w.end - clock }));
			const s = split(events, shifted, Boolean(process.env.TOP));
			const sorted = [...times].sort((a, b) => a - b);
			console.log(
				`\n## ${name}, ${kind}: ${changes} changes, wall ${sorted.map((t) => t.toFixed(0)).join(' ')} ms; per change, ms of CPU (the change's own work plus 50 ms after its last mutation):`
			);
			const keys = Object.keys(s).sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0));
			for (const k of keys.filter((k) => !k.startsWith('fn ') && (s[k] ?? 0) >= 0.2)) console.log(`  ${k.padEnd(56)} ${(s[k] ?? 0).toFixed(1).padStart(6)}`);
			for (const k of keys.filter((k) => k.startsWith('fn ')).slice(0, Number(process.env.TOP ?? 0))) console.log(`    ${k.padEnd(80)} ${(s[k] ?? 0).toFixed(2).padStart(6)}`);
		}
	}
} finally {
	await browser.close();
	await server.close();
}

/** Microseconds to subtract from the page's epoch clock to get the trace's clock (a mark traced on both). */
async function alignClock(page: import('playwright-core').Page, b: import('playwright-core').Browser): Promise<number> {
	await b.startTracing(page, { categories: ['blink.user_timing'] });
	const at = await page.evaluate(() => {
		performance.mark('hc-align');
		return performance.timeOrigin * 1000 + (performance.getEntriesByName('hc-align').at(-1)?.startTime ?? 0) * 1000;
	});
	const events = (JSON.parse((await b.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
	const mark = events.find((e) => e.name === 'hc-align');
	if (!mark) throw new Error('no clock mark in the trace');
	return at - mark.ts;
}
