/**
 * What the site benchmarks measure in a page, shared by the bundled-sample and at-scale runs:
 * the User Timing measures of a cold load, transfer and renderer memory, and the latency of a
 * filter change from the input event to every chart redrawn.
 */
import type { Page, Response } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from '../harness/browser';
import type { SiteUnderTest } from '../harness/site';
import { timeFilterChange } from './issue19/filter-change';
import { navLink } from './issue19/measure';
import { installReadyProbe } from './issue19/page-probe';
import { peakDuring } from './renderer-memory';
import { row, spread } from './stats';

export const OVERVIEW_CHARTS = ['tickets-by-week', 'backlog', 'time-to-resolve', 'ticket-rate-heatmap'];

export interface LoadFigures {
	firstChart: number;
	duckdbReady: number;
	dataLoaded: number;
	/** The overview's figures recomputed by DuckDB (they replace the build-time first view). */
	overviewLive: number;
	transferMb: number;
	peakMb: number;
}

/** A fresh context opening the overview, until DuckDB has recomputed it and every chart is drawn. */
export async function openOverview(site: SiteUnderTest, timeout: number): Promise<{ watched: WatchedPage; figures: LoadFigures }> {
	const watched = await openWatchedPage(site.browser);
	await installReadyProbe(watched.context);
	const responses: Response[] = [];
	watched.context.on('response', (response) => responses.push(response));
	const { peakMb } = await peakDuring(async () => {
		await watched.page.goto(`${site.origin}/`);
		await watched.page.waitForFunction(() => performance.getEntriesByName('hypercare:overview-live').length > 0, undefined, { timeout });
		for (const id of OVERVIEW_CHARTS) await watched.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout });
	});
	const [firstChart, duckdbReady, dataLoaded, overviewLive] = await watched.page.evaluate(() =>
		['hypercare:first-chart', 'hypercare:duckdb-ready', 'hypercare:data-loaded', 'hypercare:overview-live'].map((n) => performance.getEntriesByName(n)[0]?.duration ?? NaN)
	);
	// Bytes on the wire (compressed where the server compressed), workers' fetches included.
	const sizes = await Promise.all(
		responses.map((r) =>
			r
				.request()
				.sizes()
				.catch(() => null)
		)
	);
	const bytes = sizes.reduce((sum, size) => sum + (size ? size.responseBodySize + size.responseHeadersSize : 0), 0);
	const figures = {
		firstChart: firstChart ?? NaN,
		duckdbReady: duckdbReady ?? NaN,
		dataLoaded: dataLoaded ?? NaN,
		overviewLive: overviewLive ?? NaN,
		transferMb: bytes / 1024 / 1024,
		peakMb
	};
	return { watched, figures };
}

/** The report rows of the cold loads, as every site benchmark prints them. */
export function loadRows(runs: readonly LoadFigures[]): string[] {
	const pick = (key: keyof LoadFigures) => spread(runs.map((r) => r[key]));
	return [
		row('navigation -> first chart', pick('firstChart'), 'ms', '<= 1000'),
		row('navigation -> DuckDB ready', pick('duckdbReady'), 'ms'),
		row('navigation -> data loaded (six tables)', pick('dataLoaded'), 'ms'),
		row('navigation -> overview recomputed by DuckDB', pick('overviewLive'), 'ms')
	];
}

/** Every chart of the page drawn with its current data. */
export async function chartsDrawn(page: Page, timeout: number): Promise<void> {
	await page.waitForFunction(
		() => {
			const charts = [...document.querySelectorAll('[data-chart]')];
			return charts.length > 0 && document.querySelector('.results')?.getAttribute('data-busy') === 'false' && charts.every((c) => c.getAttribute('data-state') === 'rendered');
		},
		undefined,
		{ timeout, polling: 50 }
	);
}

/** Follows the menu link to another page (the tab keeps its data), until its charts are drawn. */
export async function goTo(page: Page, label: string, timeout: number): Promise<number> {
	const start = Date.now();
	await navLink(page, label).click();
	await page.waitForFunction((title) => document.title.startsWith(title), label, { timeout });
	await chartsDrawn(page, timeout);
	return Date.now() - start;
}

/**
 * Ticks the first site in the filter bar and returns the milliseconds from that input event until
 * the page is complete and idle again (issue19/filter-change.ts: it no longer needs the page to
 * have gone busy, which a change computed in the page never does).
 */
export const filterLatency = (page: Page): Promise<number> => timeFilterChange(page, 'site', 0);
