/**
 * What a filter change costs the charts, counted in Chromium on the built site: a chart whose
 * model says the same thing after the change is not set again, a changed chart is drawn by one
 * ECharts update (not a second one for a resize), and the new option replaces the old one whole,
 * so that a series a filter removes is no longer drawn.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;

beforeAll(async () => {
	site = await startSite();
});

afterAll(async () => {
	await site?.close();
});

type Counts = Record<string, { setOption: number; updated: number }>;

/** Counts, per chart of the page, setOption calls and ECharts updates (one per full layout and draw) from now on. */
async function startCounting(page: Page): Promise<void> {
	await page.evaluate(() => {
		const counts: Counts = {};
		(window as unknown as { __redraws: Counts }).__redraws = counts;
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const id = figure.getAttribute('data-chart') ?? '';
			const chart = (figure.querySelector('.canvas') as unknown as { echarts?: { setOption: (...a: unknown[]) => unknown; on: (e: string, f: () => void) => void } }).echarts;
			// Recovery's small multiples are drawn on a canvas of their own, without ECharts.
			if (!chart) continue;
			const count = (counts[id] = { setOption: 0, updated: 0 });
			const setOption = chart.setOption;
			chart.setOption = function (this: unknown, ...args: unknown[]) {
				count.setOption += 1;
				return setOption.apply(this, args);
			};
			chart.on('updated', () => (count.updated += 1));
		}
	});
}

/** The counts once every chart is drawn and nothing has been updated for a while. */
async function settledCounts(page: Page): Promise<Counts> {
	let last = '';
	for (let i = 0; i < 100; i++) {
		await page.waitForTimeout(150);
		const now = await page.evaluate(() =>
			document.querySelector('main figure[data-chart]:not([data-state="rendered"])') ? 'pending' : JSON.stringify((window as unknown as { __redraws: Counts }).__redraws)
		);
		if (now !== 'pending' && now === last) return JSON.parse(now) as Counts;
		last = now;
	}
	throw new Error('the charts never settled');
}

const seriesNames = (page: Page, chart: string) =>
	page.evaluate((id) => {
		const instance = (document.querySelector(`[data-chart="${id}"] .canvas`) as unknown as { echarts: { getOption(): { series?: { name?: string }[] } } }).echarts;
		return (instance.getOption().series ?? []).map((s) => s.name ?? '');
	}, chart);

async function openSettled(route: string, ready: string): Promise<WatchedPage> {
	const w = await site.open(route, ready, 120_000);
	await settled(w.page);
	await w.page.waitForTimeout(500);
	return w;
}

describe('a filter change redraws only what changed, once', () => {
	it('Recovery, axis: the by-wave charts (always on weeks since go-live) are not set again; each other chart is updated once', async () => {
		const w = await openSettled('/recovery', '[data-chart="billing-lag-by-clinic"][data-state="rendered"]');
		await startCounting(w.page);
		await w.page.locator('main input[name="axis"][value="go_live"]').click();
		const counts = await settledCounts(w.page);
		expect(counts['productivity-by-wave']).toEqual({ setOption: 0, updated: 0 });
		expect(counts['billing-lag-by-wave']).toEqual({ setOption: 0, updated: 0 });
		for (const id of ['productivity-by-site', 'billing-lag']) expect(counts[id], id).toEqual({ setOption: 1, updated: 1 });
		// The small multiples are a canvas of their own (not ECharts): drawn again on the new axis.
		for (const id of ['productivity-by-clinic', 'billing-lag-by-clinic']) expect(counts[id], id).toBeUndefined();
		await w.page.waitForSelector('[data-chart="productivity-by-clinic"][data-state="rendered"]');
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('Root causes, site: each chart is set and updated once (no second update for a resize)', async () => {
		const w = await openSettled('/attribution', '[data-chart="clinic-cause-matrix"][data-state="rendered"]');
		await startCounting(w.page);
		await w.page.locator('main input[name="site"]').first().click();
		const counts = await settledCounts(w.page);
		// The clinic × cause matrix is a canvas of its own (not ECharts): its draws are counted in attribution.test.ts.
		expect(Object.keys(counts).sort()).toEqual(['cause-by-week', 'cause-totals']);
		for (const [id, count] of Object.entries(counts)) expect(count, id).toEqual({ setOption: 1, updated: 1 });
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('Recovery, site: the series of the sites filtered out are no longer drawn, and come back with them', async () => {
		const w = await openSettled('/recovery', '[data-chart="productivity-by-site"][data-state="rendered"]');
		const before = await seriesNames(w.page, 'productivity-by-site');
		const box = w.page.locator('main input[name="site"]').first();
		const chosen = await box.getAttribute('value');
		expect(before).toContain(chosen);
		expect(before.filter((name) => name !== chosen && !name.startsWith('all in scope')).length).toBeGreaterThan(0);
		await box.click();
		await w.page.waitForFunction(
			(chosen) => {
				const instance = (document.querySelector('[data-chart="productivity-by-site"] .canvas') as unknown as { echarts: { getOption(): { series?: { name?: string }[] } } }).echarts;
				return (instance.getOption().series ?? []).every((s) => s.name === chosen || s.name?.startsWith('all in scope'));
			},
			chosen,
			{ timeout: 30_000 }
		);
		await settledCounts(w.page).catch(() => undefined);
		const narrowed = await seriesNames(w.page, 'productivity-by-site');
		expect(narrowed.filter((name) => !name.startsWith('all in scope'))).toEqual([chosen]);
		await box.click();
		await w.page.waitForFunction((n) => document.querySelectorAll('main input[name="site"]:checked').length === n, 0);
		await w.page.waitForFunction(
			(count) => {
				const instance = (document.querySelector('[data-chart="productivity-by-site"] .canvas') as unknown as { echarts: { getOption(): { series?: unknown[] } } }).echarts;
				return (instance.getOption().series ?? []).length === count;
			},
			before.length,
			{ timeout: 30_000 }
		);
		expect(await seriesNames(w.page, 'productivity-by-site')).toEqual(before);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});
