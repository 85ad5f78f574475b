/**
 * The issue-19 measures in Chromium, each from a fresh browser context: a cold load of a page
 * until its complete default view, the pages after an import, and filter changes on every page.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from '../../harness/browser';
import { FILTER_KINDS, timeFilterChangeParts, type FilterKind } from './filter-change';
import { installReadyProbe, pageNow, readyAt, watchRoute } from './page-probe';

export const PAGES = [
	{ name: 'Overview', route: '/' },
	{ name: 'Actions', route: '/actions' },
	{ name: 'Root causes', route: '/attribution' },
	{ name: 'Recovery', route: '/recovery' }
] as const;
export type PageName = (typeof PAGES)[number]['name'];

async function probedPage(browser: Browser): Promise<WatchedPage> {
	const watched = await openWatchedPage(browser);
	await installReadyProbe(watched.context);
	return watched;
}

const failIfErrors = (w: WatchedPage) => {
	if (w.errors.length > 0) throw new Error(`the page logged ${w.errors.length} error(s): ${w.errors.slice(0, 3).join('; ')}`);
};

/** Navigation in a fresh context → the page's complete default view, in ms of the page's clock (navigation start = 0). */
export async function coldReady(browser: Browser, origin: string, route: string, timeout: number): Promise<number> {
	const w = await probedPage(browser);
	try {
		await w.page.goto(`${origin}${route}`);
		const at = await readyAt(w.page, timeout);
		failIfErrors(w);
		return at;
	} finally {
		await w.context.close();
	}
}

/** The link to a page in the site's menu (the page's own text may link to it too). */
export const navLink = (page: Page, name: string) => page.locator('nav[aria-label="Pages"]').getByRole('link', { name, exact: true });

/**
 * For the bench's probes (filter-profile.ts, trace-filter.ts, chart-cost.ts): opens a page of the tab
 * from the nav (the tab starts on the Overview), waits for its complete view once its data has loaded,
 * then a second more.
 */
export async function settleOnPage(page: Page, name: PageName, route: string): Promise<void> {
	await watchRoute(page, route);
	if (route !== '/') await navLink(page, name).click();
	await readyAt(page, 600_000);
	await page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 600_000 });
	await readyAt(page, 600_000);
	await page.waitForTimeout(1000);
}

/** Follows the nav link to a page of the same tab; returns the page clock when its complete view shows. */
async function follow(page: Page, name: PageName, timeout: number): Promise<number> {
	const route = PAGES.find((p) => p.name === name)?.route ?? '/';
	await watchRoute(page, route);
	await navLink(page, name).click();
	return readyAt(page, timeout);
}

/**
 * Imports the given export files on the Import page (after the bundled data has loaded, as a user
 * picks files while it does), then opens Root causes and then Recovery from the nav: ms from the
 * import's summary to each page's complete view (Recovery's includes the visit to Root causes).
 */
export async function afterImport(browser: Browser, origin: string, files: readonly string[], timeout: number): Promise<{ importMs: number; rootCauses: number; recovery: number }> {
	const w = await probedPage(browser);
	const { page } = w;
	try {
		await page.goto(`${origin}/import`);
		await page.waitForSelector('[data-dataset-phase="ready"]', { timeout });
		await page.locator('input[type="file"]').setInputFiles([...files]);
		for (const file of files)
			await page
				.locator(`[data-file="${path.basename(file)}"] select[name="preset"], [data-file="${path.basename(file)}"] [data-file-error]`)
				.first()
				.waitFor({ timeout });
		const done = () =>
			page.waitForFunction(
				() => document.querySelector('[data-import-summary], [data-confirm-shrink], [data-import-cancelled], .error[role="alert"]') && !document.querySelector('progress'),
				null,
				{
					timeout,
					polling: 'raf'
				}
			);
		const clicked = await pageNow(page);
		await page.getByRole('button', { name: /^Load \d+ files?$/ }).click();
		await done();
		if ((await page.locator('[data-confirm-shrink]').count()) > 0) {
			await page.getByRole('button', { name: 'Replace with fewer rows' }).click();
			await done();
		}
		if ((await page.locator('[data-import-summary]').count()) === 0) throw new Error('the import did not finish with a summary');
		const imported = await pageNow(page);
		const rootCauses = (await follow(page, 'Root causes', timeout)) - imported;
		const recovery = (await follow(page, 'Recovery', timeout)) - imported;
		failIfErrors(w);
		return { importMs: imported - clicked, rootCauses, recovery };
	} finally {
		await w.context.close();
	}
}

export type KindTimes = Record<FilterKind, number[]>;
/** Per page and control: ms until every chart is drawn (`all`) and until the charts in view are (`visible`). */
export type FilterTimes = Record<PageName, { all: KindTimes; visible: KindTimes }>;

/**
 * One tab through the four pages (Overview cold, then the nav): on each, once its data has loaded
 * and it has drawn its complete view, `reps` toggles of each filter control (an even number, so
 * each control ends as it started). Each page's times are handed to `onPage` as soon as they are
 * measured, so that a session cut short keeps what it has.
 */
export async function filterSession(
	browser: Browser,
	origin: string,
	reps: number,
	timeout: number,
	onPage: (name: PageName, times: { all: KindTimes; visible: KindTimes }) => void
): Promise<FilterTimes> {
	const w = await probedPage(browser);
	const { page } = w;
	const times = {} as FilterTimes;
	try {
		await page.goto(`${origin}/`);
		for (const { name } of PAGES) {
			if (name === 'Overview') await readyAt(page, timeout);
			else await follow(page, name, timeout);
			// Changes are timed on the page as it stays: its tables loaded, nothing left to arrive.
			await page.waitForSelector('[data-dataset-phase="ready"]', { timeout });
			await watchRoute(page, PAGES.find((p) => p.name === name)?.route ?? '/');
			await readyAt(page, timeout);
			await page.waitForTimeout(500);
			const all: KindTimes = { site: [], clinic: [], date: [], axis: [] };
			const visible: KindTimes = { site: [], clinic: [], date: [], axis: [] };
			for (const kind of FILTER_KINDS)
				for (let rep = 0; rep < reps; rep++) {
					const t = await timeFilterChangeParts(page, kind, rep);
					all[kind].push(t.all);
					visible[kind].push(t.visible);
				}
			times[name] = { all, visible };
			onPage(name, times[name]);
		}
		failIfErrors(w);
		return times;
	} finally {
		await w.context.close();
	}
}
