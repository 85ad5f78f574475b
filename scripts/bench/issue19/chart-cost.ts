/**
 * What one ECharts update of each chart costs, and which part of its option the cost comes from:
 * `npx tsx scripts/bench/issue19/chart-cost.ts <site folder> [reps]` (PAGES=Overview,Root causes).
 * On each page, once drawn, every chart's option as Chart.svelte last set it is set again `reps`
 * times as it is and as variants that each leave one part out (go-live mark lines, bands, tooltip,
 * legend, aria, label truncation, hover states...), interleaved so that a busy machine slows every
 * variant alike. Each update is timed synchronously (ECharts lays out and paints the canvas inside
 * `setOption`); the median is printed with the count of shapes drawn. A variant that changes what the
 * chart shows is a measurement only: it says where the time goes, not what may be cut.
 */
import type { Page } from 'playwright-core';
import { startSite } from '../../harness/site';
import { timeFilterChange } from './filter-change';
import { installReadyProbe } from './page-probe';
import { PAGES, settleOnPage } from './measure';

const root = process.argv[2] ?? 'build';
const reps = Number(process.argv[3] ?? 15);
const only = process.env.PAGES?.split(',');

/** Runs in the page: wraps each chart's setOption to keep the last option it was given. */
async function captureOptions(page: Page): Promise<void> {
	await page.evaluate(() => {
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const instance = (figure.querySelector('.canvas') as unknown as { echarts?: Record<string, unknown> } | null)?.echarts;
			if (!instance || instance.__kept !== undefined) continue;
			instance.__kept = null;
			const original = instance.setOption as (...args: unknown[]) => unknown;
			instance.setOption = function (this: unknown, ...args: unknown[]) {
				if (!(window as unknown as { __costing?: boolean }).__costing) instance.__kept = args[0];
				return original.apply(this, args);
			};
		}
	});
}

/** Runs in the page: times each variant of each chart's kept option. Self-contained (serialized by Playwright). */
function costVariants(reps: number): Record<string, Record<string, { ms: number; min: number; shapes: number }>> {
	type O = Record<string, unknown>;
	const list = (v: unknown): O[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v as O] : []) as O[];
	const mapSeries = (o: O, f: (s: O) => O): O => ({ ...o, series: list(o.series).map(f) });
	const mapAxes = (o: O, f: (a: O) => O): O => ({ ...o, xAxis: list(o.xAxis).map(f), yAxis: list(o.yAxis).map(f) });
	const variants: Record<string, (o: O) => O> = {
		'as drawn': (o) => o,
		'no go-live mark lines': (o) => mapSeries(o, (s) => ({ ...s, markLine: undefined })),
		'no bands (markArea)': (o) => mapSeries(o, (s) => ({ ...s, markArea: undefined })),
		'no tooltip / axisPointer': (o) => ({ ...o, tooltip: { show: false }, axisPointer: undefined }),
		'no legend': (o) => ({ ...o, legend: { show: false } }),
		'no aria': (o) => ({ ...o, aria: { enabled: false } }),
		'no label truncation': (o) =>
			mapAxes(o, (a) => {
				const label = { ...(a.axisLabel as O | undefined) };
				delete label.width;
				delete label.overflow;
				return { ...a, axisLabel: label };
			}),
		'no hideOverlap': (o) => mapAxes(o, (a) => ({ ...a, axisLabel: { ...(a.axisLabel as O | undefined), hideOverlap: false } })),
		'x labels interval 0 (every label)': (o) => ({ ...o, xAxis: list(o.xAxis).map((a) => ({ ...a, axisLabel: { ...(a.axisLabel as O | undefined), interval: 0 } })) }),
		'x labels interval 3': (o) => ({ ...o, xAxis: list(o.xAxis).map((a) => ({ ...a, axisLabel: { ...(a.axisLabel as O | undefined), interval: 3 } })) }),
		'silent series': (o) => mapSeries(o, (s) => ({ ...s, silent: true })),
		'emphasis disabled': (o) => mapSeries(o, (s) => ({ ...s, emphasis: { disabled: true }, blur: undefined })),
		'data as plain numbers': (o) =>
			mapSeries(o, (s) => ({ ...s, data: list(s.data).length ? (s.data as unknown[]).map((d) => (d && typeof d === 'object' && !Array.isArray(d) ? (d as O).value : d)) : s.data })),
		'large bars': (o) => mapSeries(o, (s) => (s.type === 'bar' ? { ...s, large: true, largeThreshold: 0 } : s)),
		'no series data': (o) => mapSeries(o, (s) => ({ ...s, data: [], markLine: undefined, markArea: undefined })),
		'no series': (o) => ({ ...o, series: [] })
	};
	const out: Record<string, Record<string, { ms: number; min: number; shapes: number }>> = {};
	const charts = [...document.querySelectorAll('main figure[data-chart]')]
		.map((f) => ({ id: f.getAttribute('data-chart') ?? '?', instance: (f.querySelector('.canvas') as unknown as { echarts?: Record<string, unknown> } | null)?.echarts }))
		.filter((c) => c.instance?.__kept);
	(window as unknown as { __costing?: boolean }).__costing = true;
	for (const { id, instance } of charts) {
		const chart = instance as unknown as {
			__kept: O;
			setOption(o: O, opts: O): void;
			getZr(): { storage: { getDisplayList(update: boolean): unknown[] } };
		};
		const times: Record<string, number[]> = {};
		const shapes: Record<string, number> = {};
		for (let rep = 0; rep < reps; rep++)
			for (const [name, f] of Object.entries(variants)) {
				const option = f(chart.__kept);
				const t0 = performance.now();
				chart.setOption(option, { notMerge: true });
				(times[name] ??= []).push(performance.now() - t0);
				shapes[name] = chart.getZr().storage.getDisplayList(true).length;
			}
		chart.setOption(chart.__kept, { notMerge: true });
		out[id] = {};
		for (const [name, t] of Object.entries(times)) {
			const sorted = [...t].sort((a, b) => a - b);
			out[id][name] = { ms: sorted[Math.floor(sorted.length / 2)] ?? NaN, min: sorted[0] ?? NaN, shapes: shapes[name] ?? 0 };
		}
	}
	(window as unknown as { __costing?: boolean }).__costing = false;
	return out;
}

const site = await startSite(root);
try {
	const { openWatchedPage } = await import('../../harness/browser');
	const w = await openWatchedPage(site.browser);
	await w.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
	await installReadyProbe(w.context);
	const { page } = w;
	await page.goto(`${site.origin}/`);
	for (const { name, route } of PAGES) {
		if (only && !only.includes(name)) continue;
		if (name === 'Actions') continue;
		await settleOnPage(page, name, route);
		await captureOptions(page);
		// A site change and back: every chart of the page is set again, so its option is kept.
		for (const rep of [0, 1]) await timeFilterChange(page, 'site', rep);
		const costs = await page.evaluate(costVariants, reps);
		// The least of the updates is what one costs undisturbed (a busy machine only adds to it); the median beside it.
		console.log(`\n## ${name} (least and median of ${reps} updates each, ms; the least's difference from the chart as drawn; shapes drawn)`);
		for (const [id, variants] of Object.entries(costs)) {
			const base = variants['as drawn'];
			console.log(`${id}: least ${base?.min.toFixed(1)} ms, median ${base?.ms.toFixed(1)} ms, ${base?.shapes} shapes`);
			for (const [variant, { ms, min, shapes }] of Object.entries(variants)) {
				if (variant === 'as drawn') continue;
				console.log(`  ${variant.padEnd(36)} ${min.toFixed(1).padStart(6)} (${(min - (base?.min ?? 0)).toFixed(1).padStart(6)}) ${ms.toFixed(1).padStart(6)} ms  ${shapes} shapes`);
			}
		}
	}
	if (w.errors.length > 0) console.log(`page errors: ${w.errors.slice(0, 5).join('\n')}`);
} finally {
	await site.close();
}
