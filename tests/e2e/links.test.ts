import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLink } from '$lib/url-state/codec';
import { BAD_LINKS } from '../fixtures/bad-links';
import { foreignRequests, launchChromium, openWatchedPage, type WatchedPage } from './support/browser';
import { serveStatic, type StaticServer } from './support/static-server';

let server: StaticServer;
let browser: Browser;

async function openAt(path: string, chart: string): Promise<WatchedPage> {
	const w = await openWatchedPage(browser);
	await w.page.goto(`${server.origin}${path}`);
	await w.page.waitForSelector(`[data-chart="${chart}"][data-state="rendered"]`, { timeout: 90_000 });
	return w;
}

const tickets = (w: WatchedPage) => w.page.getAttribute('[data-total="tickets"]', 'data-value');

async function heatmapRows(w: WatchedPage): Promise<string[]> {
	const details = w.page.locator('[data-chart="ticket-rate-heatmap"] details');
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
}

async function waitForTicketsChange(w: WatchedPage, before: string | null) {
	await w.page.waitForFunction((b) => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') !== b, before);
	await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
}

beforeAll(async () => {
	if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first (npm test does).');
	[server, browser] = await Promise.all([serveStatic('build'), launchChromium()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('links to a view', () => {
	it('reopen exactly the same view in a fresh browser context', async () => {
		const a = await openAt('/', 'ticket-rate-heatmap');
		const all = await tickets(a);
		await a.page.getByRole('radio', { name: 'Weeks since go-live' }).check();
		await a.page.locator('input[name="site"]').first().check();
		await waitForTicketsChange(a, all);
		await a.page.waitForFunction(() => location.hash.startsWith('#view=1.'));
		const url = a.page.url();
		const expectedTickets = await tickets(a);
		const expectedRows = await heatmapRows(a);

		const b = await openAt(url.replace(server.origin, ''), 'ticket-rate-heatmap');
		await b.page.waitForFunction((n) => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') === n, expectedTickets);
		expect(await heatmapRows(b)).toEqual(expectedRows);
		expect(await b.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		expect(await b.page.locator('[data-link-problem], [data-link-mismatch]').count()).toBe(0);
		expect(b.errors).toEqual([]);
		expect(foreignRequests(b.requests, server.origin)).toEqual([]);
		await a.context.close();
		await b.context.close();
	});

	it('go back and forward between views', async () => {
		const w = await openAt('/', 'ticket-rate-heatmap');
		const all = await tickets(w);
		await w.page.locator('input[name="site"]').first().check();
		await waitForTicketsChange(w, all);
		const filtered = await tickets(w);
		await w.page.waitForFunction(() => location.hash.startsWith('#view=1.'));
		await w.page.goBack();
		await waitForTicketsChange(w, filtered);
		expect(await tickets(w)).toBe(all);
		await w.page.goForward();
		await waitForTicketsChange(w, all);
		expect(await tickets(w)).toBe(filtered);
		await w.context.close();
	});

	it('reopen a root-cause drill-down', async () => {
		const a = await openAt('/attribution', 'clinic-cause-matrix');
		await a.page.locator('[data-effect="variance"] button').first().click();
		await a.page.waitForSelector('[data-drill] tbody tr');
		const title = await a.page.locator('[data-drill] h3').textContent();
		await a.page.waitForFunction(() => location.hash.startsWith('#view=1.'));
		const b = await openAt(a.page.url().replace(server.origin, ''), 'clinic-cause-matrix');
		await b.page.waitForSelector('[data-drill] tbody tr');
		expect(await b.page.locator('[data-drill] h3').textContent()).toBe(title);
		await a.context.close();
		await b.context.close();
	});

	it('say so when the link was made on other data', async () => {
		const payload = await encodeLink({ v: 1, filters: { sites: [], clinics: [], from: null, to: null, axis: 'go_live' }, data: { digest: 'ffffffffffffffff', rows: { tickets: 12 } } });
		const w = await openAt(`/#view=${payload}`, 'ticket-rate-heatmap');
		const notice = await w.page.locator('[data-link-mismatch]').textContent();
		expect(notice).toMatch(/made on different data than is loaded here \(.*tickets: 12 rows there, [\d,]+ here/);
		expect(await w.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		await w.context.close();
	});

	// The whole corpus runs against the decoder in tests/unit/url-state; here a few kinds go through the page.
	const throughThePage = ['not base64url', 'truncated deflate', 'future version', 'script in payload'];
	it.each(BAD_LINKS.filter((l) => throughThePage.includes(l.name)))('open the default view with a message for a bad link: $name', async ({ payload }) => {
		const w = await openAt(`/#view=${encodeURIComponent(payload)}`, 'ticket-rate-heatmap');
		expect(await w.page.locator('[data-link-problem]').textContent()).toMatch(/default view is shown/);
		expect(await w.page.locator('input[name="axis"][value="calendar"]').isChecked()).toBe(true);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('print', () => {
	it('prints the report without its controls, with the filters in words and charts within the page', async () => {
		const w = await openAt('/', 'ticket-rate-heatmap');
		for (const id of ['tickets-by-week', 'backlog', 'time-to-resolve']) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`);
		await w.page.emulateMedia({ media: 'print' });
		expect(await w.page.locator('form.filters').isVisible()).toBe(false);
		expect(await w.page.locator('[data-filter-summary]').textContent()).toBe('Filters: all sites · all clinics · all dates · calendar weeks');
		const overflow = await w.page.evaluate(() => {
			const width = document.querySelector('main')?.getBoundingClientRect().right ?? 0;
			return [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().right > width + 1).length;
		});
		expect(overflow).toBe(0);
		const pdf = await w.page.pdf({ format: 'A4', landscape: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await w.context.close();
	});
});
