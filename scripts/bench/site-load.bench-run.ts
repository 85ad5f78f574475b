/**
 * Page-load and interaction figures of the built site in Debian Chromium (issue 8):
 * `npm run bench` (builds first). Each run is a fresh browser context on the bundled data.
 * Prints medians with min and max; never fails on a missed target.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openWatchedPage } from '../../tests/e2e/support/browser';
import { serveStatic, type StaticServer } from '../../tests/e2e/support/static-server';
import { peakDuring } from './renderer-memory';
import { HEADER, row, spread } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHARTS = ['tickets-by-week', 'backlog', 'time-to-resolve', 'ticket-rate-heatmap'];

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
	if (!existsSync('build/index.html')) throw new Error('No build/: `npm run bench` builds first.');
	[server, browser] = await Promise.all([serveStatic('build'), launchChromium()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** JavaScript the overview loads before anything else (its modulepreload list), gzipped. */
function initialJsKb(): number {
	const html = readFileSync('build/index.html', 'utf8');
	const files = [...new Set(html.match(/_app\/immutable\/[^"']+\.js/g) ?? [])];
	return files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join('build', f)), { level: 9 }).length, 0) / 1024;
}

interface Run {
	firstChart: number;
	duckdbReady: number;
	dataLoaded: number;
	transferMb: number;
	peakMb: number;
	filterMs: number;
}

async function oneRun(): Promise<Run> {
	const w = await openWatchedPage(browser);
	let bytes = 0;
	w.page.on('response', (response) => {
		void response.body().then((b) => (bytes += b.length)).catch(() => undefined);
	});
	const { peakMb } = await peakDuring(async () => {
		await w.page.goto(`${server.origin}/`);
		await w.page.waitForFunction(() => performance.getEntriesByName('hypercare:data-loaded').length > 0, undefined, { timeout: 120_000 });
		for (const id of CHARTS) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`);
	});
	const [firstChart, duckdbReady, dataLoaded] = await w.page.evaluate(() =>
		['hypercare:first-chart', 'hypercare:duckdb-ready', 'hypercare:data-loaded'].map((n) => performance.getEntriesByName(n)[0]?.duration ?? NaN)
	);
	// From the input event to every chart redrawn with the filtered figures.
	const filterMs = await w.page.evaluate(async () => {
		const before = document.querySelector('[data-total="tickets"]')?.getAttribute('data-value');
		const box = document.querySelector<HTMLInputElement>('input[name="site"]');
		if (!box) return NaN;
		const start = performance.now();
		box.click();
		await new Promise<void>((resolve) => {
			const done = () =>
				document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') !== before &&
				[...document.querySelectorAll('[data-chart]')].every((c) => c.getAttribute('data-state') === 'rendered');
			const check = () => (done() ? resolve() : requestAnimationFrame(check));
			check();
		});
		return performance.now() - start;
	});
	await w.context.close();
	return { firstChart: firstChart ?? NaN, duckdbReady: duckdbReady ?? NaN, dataLoaded: dataLoaded ?? NaN, transferMb: bytes / 1024 / 1024, peakMb, filterMs };
}

describe.sequential('site load and interaction', () => {
	it(`${RUNS} cold runs`, async () => {
		const runs: Run[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
		const pick = (key: keyof Run) => spread(runs.map((r) => r[key]));
		console.log(
			[
				'',
				`Site load, bundled sample (Debian Chromium, headless, ${RUNS} fresh contexts, 127.0.0.1)`,
				HEADER,
				row('navigation -> first chart', pick('firstChart'), 'ms', '<= 1000'),
				row('navigation -> DuckDB ready', pick('duckdbReady'), 'ms'),
				row('navigation -> data loaded (six tables)', pick('dataLoaded'), 'ms'),
				row('overview filter change -> all charts updated', pick('filterMs'), 'ms', '<= 100 (at 1M tickets)'),
				row('initial JS (gzip)', spread([initialJsKb()]), 'KB', '<= 250'),
				row('total transfer to data loaded', pick('transferMb'), 'MB'),
				row('peak renderer memory (RSS)', pick('peakMb'), 'MB'),
				''
			].join('\n')
		);
	});
});
