import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;

beforeAll(async () => {
	site = await startSite();
});

afterAll(() => site?.close());

const chip = (w: WatchedPage) => w.page.locator('[data-testid="scope-chip"]');
const checkedSites = (w: WatchedPage) => w.page.locator('input[name="site"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

async function recoveryReady(w: WatchedPage) {
	await w.page.waitForSelector('[data-chart="productivity-by-clinic"][data-state="rendered"]', { timeout: 90_000 });
	await w.page.waitForSelector('[data-scorecard] tbody tr', { timeout: 90_000 });
	await w.page.waitForSelector('.results[data-busy="false"]', { timeout: 60_000 });
}

describe('one scope across the pages', () => {
	it('follows the nav from Overview to Recovery, shows as a chip, and clears in one action', async () => {
		const w = await site.open('/', '[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		expect(await chip(w).count()).toBe(0);
		const sites = w.page.locator('input[name="site"]');
		const chosen = [await sites.nth(0).inputValue(), await sites.nth(1).inputValue()].sort();
		await sites.nth(0).check();
		await w.page.waitForSelector('.results[data-busy="false"]');
		await sites.nth(1).check();
		await w.page.waitForSelector('.results[data-busy="false"]');
		await expect.poll(() => chip(w).textContent()).toMatch(/2 sites · [1-9]\d* clinics/);
		const words = (await chip(w).textContent()) ?? '';
		const clinics = Number(/(\d+) clinics/.exec(words)?.[1]);

		// The nav link carries the scope: Recovery opens with the same sites.
		await expect.poll(() => w.page.getByRole('navigation').getByRole('link', { name: 'Recovery' }).getAttribute('href')).toMatch(/#view=2\./);
		await w.page.getByRole('navigation').getByRole('link', { name: 'Recovery' }).click();
		await w.page.waitForURL(/\/recovery#view=2\./);
		await recoveryReady(w);
		expect(await checkedSites(w)).toEqual(chosen);
		expect(await chip(w).textContent()).toBe(words);
		expect(await w.page.locator('[data-scorecard] tbody tr').count()).toBe(clinics);
		// ...and so does Recovery's own link.
		const shared = w.page.url();

		// One action clears it, on this page and for the next.
		await chip(w).getByRole('button', { name: 'Clear scope' }).click();
		await expect.poll(() => chip(w).count()).toBe(0);
		await expect.poll(() => checkedSites(w)).toEqual([]);
		await recoveryReady(w);
		await expect.poll(() => w.page.locator('[data-scorecard] tbody tr').count()).toBeGreaterThan(clinics);
		expect(await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).getAttribute('href')).not.toContain('#view=');
		await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
		await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		expect(await checkedSites(w)).toEqual([]);
		expect(w.errors).toEqual([]);
		await w.context.close();

		// The shared link opens with the scope in a fresh context.
		const b = await site.open(shared.replace(site.origin, ''));
		await recoveryReady(b);
		expect(await checkedSites(b)).toEqual(chosen);
		expect(await chip(b).textContent()).toBe(words);
		await b.context.close();
	});

	it('opens an old (version 1) link, its filters becoming the scope of every page', async () => {
		const probe = await site.open('/', '[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		const first = await probe.page.locator('input[name="site"]').first().inputValue();
		await probe.context.close();
		const old = `1.j${Buffer.from(JSON.stringify({ v: 1, filters: { sites: [first], clinics: [], from: null, to: null, axis: 'calendar' } })).toString('base64url')}`;
		const w = await site.open(`/recovery#view=${old}`);
		await recoveryReady(w);
		expect(await checkedSites(w)).toEqual([first]);
		expect(await w.page.locator('[data-link-problem]').count()).toBe(0);
		await expect.poll(() => chip(w).textContent()).toMatch(/1 site · [1-9]\d* clinics/);
		await w.page.getByRole('link', { name: 'Root causes' }).click();
		await w.page.waitForSelector('[data-chart="clinic-cause-matrix"][data-state="rendered"]', { timeout: 120_000 });
		expect(await checkedSites(w)).toEqual([first]);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});
