/**
 * `tsx scripts/bench/issue19/trace-cold.ts <site folder> [route…]`: where a page's cold load spends
 * its time until its complete default view (page-probe.ts's "ready"), from a Chromium performance
 * trace. CPU time survives a busy machine better than wall time, so each phase is given as the main
 * thread's CPU time: JS by the source file of the running function (sourcemaps of a `--sourcemap`
 * build: TRACE_MAPS=<site built with maps>, else the site itself), rendering, GC, script compile.
 * Network: when kept.bin and the chunks arrived. TRACE_RUNS cold loads per route (default 3), medians.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { launchChromium, openWatchedPage } from '../../harness/browser';
import { serveStatic } from '../../harness/static-server';
import { installReadyProbe, readyAt } from './page-probe';
import { threadSamples, type TraceEvent } from './trace-profile';

const site = path.resolve(process.argv[2] ?? 'build');
const routes = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['/', '/attribution', '/recovery'];
const RUNS = Number(process.env.TRACE_RUNS ?? 3);
const mapsRoot = path.resolve(process.env.TRACE_MAPS ?? site);

const maps = new Map<string, SourceMapConsumer | null>();
function sourceOf(url: string | undefined, line = 0, column = 0): string {
	const file = url?.split('/_app/')[1];
	if (!file) return url ? url : '(native)';
	if (!maps.has(file)) {
		const map = path.join(mapsRoot, '_app', `${file}.map`);
		maps.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8')) as RawSourceMap) : null);
	}
	const consumer = maps.get(file);
	if (!consumer) return `_app/${file}`;
	return consumer.originalPositionFor({ line: line + 1, column }).source ?? `_app/${file}`;
}

/** The phase a JS function's own time counts for, by its source file. */
function phaseOf(source: string, fn: string): string {
	if (fn === '(garbage collector)') return 'GC';
	if (fn === '(program)' || fn === '(idle)' || fn === '(root)') return 'engine/other';
	if (/node_modules\/(echarts|zrender)\//.test(source)) return 'ECharts (init/draw)';
	if (/node_modules\/apache-arrow\/|node_modules\/flatbuffers\/|node_modules\/tslib/.test(source)) return 'Arrow IPC decode';
	if (/src\/lib\/kept\/|kept-data/.test(source)) return 'kept file (read/inflate/parse)';
	if (/node_modules\/zod\//.test(source)) return 'zod';
	if (/node_modules\/(svelte|@sveltejs|esm-env|devalue)\//.test(source)) return 'Svelte runtime/mount';
	if (/src\/lib\/charts\//.test(source)) return 'chart models';
	if (/src\/(lib|routes)\//.test(source)) return 'page models/state';
	return `other JS (${source.split('/').slice(-2).join('/')})`;
}

const RENDER = new Set(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'RecalculateStyles', 'ParseAuthorStyleSheet', 'PaintImage', 'Decode Image']);
const COMPILE = new Set(['v8.compile', 'v8.compileModule', 'V8.CompileCode', 'v8.produceModuleCache', 'v8.produceCache', 'CacheScript']);

interface Breakdown {
	ready: number;
	phases: Record<string, number>;
	network: Record<string, string>;
}

async function traceOnce(origin: string, route: string): Promise<Breakdown> {
	const browser = await launchChromium();
	try {
		const w = await openWatchedPage(browser);
		// tsx (esbuild) names functions with a `__name` helper that the serialized probe does not carry.
		await w.context.addInitScript('globalThis.__name = (f) => f;');
		await installReadyProbe(w.context);
		await browser.startTracing(w.page, {
			categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading']
		});
		await w.page.goto(`${origin}${route}`);
		const ready = await readyAt(w.page, 120_000);
		const resources = await w.page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((r) => ({ name: r.name, start: r.startTime, end: (r as PerformanceResourceTiming).responseEnd, size: (r as PerformanceResourceTiming).encodedBodySize }))
		);
		const nav = await w.page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
		const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
		await w.context.close();
		return { ready, phases: phases(trace.traceEvents, ready), network: network(resources, nav) };
	} finally {
		await browser.close();
	}
}

function network(resources: { name: string; start: number; end: number; size: number }[], html: number): Record<string, string> {
	const out: Record<string, string> = { 'HTML received': `${Math.round(html)}` };
	const js = resources.filter((r) => r.name.endsWith('.js'));
	const lastJs = js.reduce((m, r) => Math.max(m, r.end), 0);
	out[`JS chunks (${js.length}, ${Math.round(js.reduce((n, r) => n + r.size, 0) / 1024)} KB)`] = `${Math.round(Math.min(...js.map((r) => r.start)))}–${Math.round(lastJs)}`;
	if (process.env.TRACE_WATERFALL) for (const r of js) out[`  ${r.name.split('/').slice(-2).join('/')} (${Math.round(r.size / 1024)} KB)`] = `${Math.round(r.start)}–${Math.round(r.end)}`;
	for (const r of resources.filter((r) => /\/data\/|\.bin/.test(r.name)))
		out[`${r.name.split('/').slice(-2).join('/')} (${Math.round(r.size / 1024)} KB)`] = `${Math.round(r.start)}–${Math.round(r.end)}`;
	return out;
}

/** Main-thread CPU time per phase from navigation start to ready, in ms. */
function phases(events: TraceEvent[], ready: number): Record<string, number> {
	const threadNames = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	// The page's own navigation (the renderer logs others with no URL, for frames it creates).
	const navStart = events.find(
		(e) => e.name === 'navigationStart' && threadNames.some((t) => t.pid === e.pid && t.tid === e.tid) && String(e.args?.data?.documentLoaderURL ?? '').startsWith('http')
	);
	if (!navStart) throw new Error('no navigationStart in the trace');
	const { pid, tid } = navStart;
	const t0 = navStart.ts;
	const end = t0 + ready * 1000;
	const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t0 && e.ts < end);
	const out: Record<string, number> = {};
	const add = (k: string, us: number) => (out[k] = (out[k] ?? 0) + us / 1000);
	/** When a phase first and last ran (ms since navigation start), for the timeline. */
	const span = (k: string, at: number) => {
		const ms = (at - t0) / 1000;
		out[`first ${k}`] = Math.min(out[`first ${k}`] ?? Infinity, ms);
		out[`last ${k}`] = Math.max(out[`last ${k}`] ?? 0, ms);
	};
	let busyUntil = 0;
	for (const e of main.sort((a, b) => a.ts - b.ts)) {
		const until = e.ts + (e.dur ?? 0);
		// Top-level tasks only (nested events are inside the task that ran them).
		if (e.ts >= busyUntil) {
			add('main thread busy (top-level tasks)', e.dur ?? 0);
			busyUntil = until;
		}
		if (RENDER.has(e.name)) add('  of which style/layout/paint', e.dur ?? 0);
		else if (COMPILE.has(e.name)) add('  of which script compile', e.dur ?? 0);
		else if (e.name === 'ParseHTML') add('  of which HTML parse', e.dur ?? 0);
	}
	// JS self time by source, from the sampling profiler (its samples carry their own timestamps).
	for (const { at, us, frame: f } of threadSamples(events, pid, tid)) {
		if (at < t0 || at >= end) continue;
		const source = sourceOf(f.url, f.lineNumber, f.columnNumber);
		const phase = phaseOf(source, f.functionName);
		add(`CPU: ${phase}`, us);
		// TRACE_TOP: the functions (by source file) that took the most time, besides the phases.
		if (process.env.TRACE_TOP) add(`fn ${f.functionName || '(anonymous)'} ${source.split('/').slice(-2).join('/')}`, us);
		span(phase, at);
	}
	return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const server = await serveStatic(site);
try {
	for (const route of routes) {
		const runs: Breakdown[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await traceOnce(server.origin, route));
		console.log(`\n${route}  ready ${runs.map((r) => Math.round(r.ready)).join(', ')} ms (median ${Math.round(median(runs.map((r) => r.ready)))})`);
		const keys = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))].sort((a, b) => median(runs.map((r) => r.phases[b] ?? 0)) - median(runs.map((r) => r.phases[a] ?? 0)));
		const shown = (k: string) => Math.round(median(runs.map((r) => r.phases[k] ?? 0)));
		const top = keys.filter((k) => k.startsWith('fn ')).slice(0, Number(process.env.TRACE_TOP ?? 0));
		for (const k of keys.filter((k) => !/^(first|last|fn) /.test(k) && shown(k) > 0)) console.log(`  ${k.padEnd(48)} ${String(shown(k)).padStart(5)} ms`);
		for (const k of top) console.log(`  ${k.padEnd(60)} ${String(shown(k)).padStart(5)} ms`);
		const when = keys.filter((k) => k.startsWith('first ')).sort((a, b) => shown(a) - shown(b));
		for (const k of when) console.log(`  at ${k.slice(6).padEnd(45)} ${shown(k)}–${shown(`last ${k.slice(6)}`)} ms`);
		const last = runs.at(-1);
		for (const [k, v] of Object.entries(last?.network ?? {})) console.log(`  net ${k.padEnd(44)} ${v} ms`);
	}
} finally {
	await server.close();
}
