/**
 * Issue 19 item 3: the Overview's own work per filter change, in Chromium on the built site. The
 * watchlist builds the rows it shows (the other clinics' rows only while their list is open) and
 * encodes each clinic's links once, not on every change; the link of the view and the nav links are
 * encoded once the change is painted, not in the input's task, and still record the new scope.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLink } from '$lib/url-state/codec';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	site = await startSite();
	w = await site.open('/', '[data-watch-clinic]', 120_000);
	await settled(w.page);
	// Every link payload goes through btoa (a deflated one through a CompressionStream first): count both.
	await w.page.evaluate(() => {
		const counts = { btoa: 0, deflate: 0 };
		(window as unknown as { __encodes: typeof counts }).__encodes = counts;
		const btoa = window.btoa.bind(window);
		window.btoa = (text: string) => (counts.btoa++, btoa(text));
		const Original = window.CompressionStream;
		window.CompressionStream = class extends Original {
			constructor(format: CompressionFormat) {
				super(format);
				counts.deflate++;
			}
		};
	});
}, 180_000);

afterAll(async () => {
	await site?.close();
});

const encodes = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __encodes: { btoa: number; deflate: number } }).__encodes }));
const watchRows = (page: Page) =>
	page.locator('[data-watch-clinic]').evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-watch-clinic') ?? '', rank: Number(tr.querySelector('td')?.textContent) })));
const viewOf = async (href: string | null) => (await decodeLink((href ?? '').split('#view=')[1] ?? '')).state;

/** Clicks the first site box and reports what was encoded in the input's task (read in the next frame's animation-frame callbacks, before it is painted). */
async function toggleSite(page: Page): Promise<{ inTask: { btoa: number; deflate: number }; site: string }> {
	return page.evaluate(async () => {
		const counts = (window as unknown as { __encodes: { btoa: number; deflate: number } }).__encodes;
		const before = { ...counts };
		const box = document.querySelector<HTMLInputElement>('main input[name="site"]');
		if (!box) throw new Error('no site box');
		box.click();
		return new Promise((resolve) =>
			requestAnimationFrame(() => resolve({ inTask: { btoa: counts.btoa - before.btoa, deflate: counts.deflate - before.deflate }, site: box.checked ? box.value : '' }))
		);
	});
}

describe('a site change on the Overview', () => {
	it('builds the watchlist rows it shows, the other clinics’ only while their list is open', async () => {
		const summary = w.page.locator('[data-watchlist] summary');
		const others = Number(/The other (\d+) clinics/.exec((await summary.textContent()) ?? '')?.[1]);
		expect(others).toBeGreaterThan(10);
		expect(await watchRows(w.page)).toHaveLength(10);
		await summary.click();
		// The other clinics' rows are built from the details' toggle event, a task after the click.
		await w.page.waitForFunction((n) => document.querySelectorAll('[data-watch-clinic]').length === n, 10 + others);
		const all = await watchRows(w.page);
		expect(all.map((r) => r.rank)).toEqual(all.map((_, i) => i + 1));
		expect(all).toHaveLength(10 + others);
		await summary.click();
		await w.page.waitForFunction(() => document.querySelectorAll('[data-watch-clinic]').length === 10);
	});

	it('encodes no link in the input’s task, the watchlist’s not again, and records the new scope once painted', async () => {
		await w.page.waitForFunction(() => document.querySelectorAll('[data-watch-link="causes"]').length === 10);
		const before = await encodes(w.page);
		const { inTask, site: chosen } = await toggleSite(w.page);
		expect(chosen).not.toBe('');
		expect(inTask).toEqual({ btoa: 0, deflate: 0 });
		await expect.poll(async () => (await viewOf(w.page.url())).scope?.sites).toEqual([chosen]);
		await expect.poll(async () => (await viewOf(await w.page.locator('nav a', { hasText: 'Root causes' }).getAttribute('href'))).scope?.sites).toEqual([chosen]);
		// The rows of the site, ranked from 1, each linking to its own clinic's views.
		await settled(w.page);
		const rows = await watchRows(w.page);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
		for (const { id } of rows) {
			const link = w.page.locator(`[data-watch-clinic="${id}"] [data-watch-link="causes"]`);
			await link.waitFor();
			expect((await viewOf(await link.getAttribute('href'))).scope?.clinics).toEqual([id]);
		}
		// The page's link and the nav links: one encode each; every clinic's links were encoded when the page opened.
		const after = await encodes(w.page);
		expect(after.btoa - before.btoa).toBeLessThanOrEqual(2);
		await toggleSite(w.page);
		await expect.poll(async () => (await viewOf(w.page.url())).scope?.sites ?? []).toEqual([]);
		await settled(w.page);
		expect(await watchRows(w.page)).toHaveLength(10);
		expect((await encodes(w.page)).btoa - after.btoa).toBeLessThanOrEqual(2);
	}, 120_000);
});
