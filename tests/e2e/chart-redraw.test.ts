/**
 * What a filter change costs the charts, counted in Chromium on the built site: a chart whose
 * model says the same thing after the change is not drawn again, a changed chart is drawn once
 * (not a second time for a resize), and what is drawn is the new model whole, so that a series a
 * filter removes is no longer drawn. The pages' bar and line charts are drawn by the canvas
 * renderer (src/lib/charts/xy/); the matrix, while ECharts draws it, is counted by ECharts updates.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { freshPages } from './support/fresh-pages';

const pages = freshPages();

type Counts = Record<string, number>;
type Xy = { xy?: { draws(): number; drawn(): { series: { name: string }[] } | null } };
type ECharts = { echarts?: { on: (e: string, f: () => void) => void } };

/**
 * Counts, per chart of the page, its draws from now on: the canvas renderer's, or ECharts' updates
 * (one per full layout and draw). The small multiples and the heatmap are canvases of their own, not counted.
 */
async function startCounting(page: Page): Promise<void> {
	await page.evaluate(() => {
		const counts: Record<string, () => number> = {};
		(window as unknown as { __redraws: typeof counts }).__redraws = counts;
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const id = figure.getAttribute('data-chart') ?? '';
			const box = figure.querySelector('.canvas') as unknown as (Xy & ECharts) | null;
			if (box?.xy) {
				const xy = box.xy;
				const from = xy.draws();
				counts[id] = () => xy.draws() - from;
			} else if (box?.echarts) {
				let updated = 0;
				box.echarts.on('updated', () => (updated += 1));
				counts[id] = () => updated;
			}
		}
	});
}

/** The counts once every chart is drawn and nothing has been updated for a while. */
async function settledCounts(page: Page): Promise<Counts> {
	let last = '';
	for (let i = 0; i < 100; i++) {
		await page.waitForTimeout(150);
		const now = await page.evaluate(() =>
			document.querySelector('main figure[data-chart]:not([data-state="rendered"])')
				? 'pending'
				: JSON.stringify(Object.fromEntries(Object.entries((window as unknown as { __redraws: Record<string, () => number> }).__redraws).map(([id, count]) => [id, count()])))
		);
		if (now !== 'pending' && now === last) return JSON.parse(now) as Counts;
		last = now;
	}
	throw new Error('the charts never settled');
}

/** The series the chart last drew. */
const seriesNames = (page: Page, chart: string) =>
	page.evaluate((id) => {
		const box = document.querySelector(`[data-chart="${id}"] .canvas`) as unknown as Xy;
		return (box.xy?.drawn()?.series ?? []).map((s) => s.name);
	}, chart);

async function openSettled(route: string, ready: string): Promise<WatchedPage> {
	const w = await pages.open(route, ready);
	await w.page.waitForTimeout(500);
	return w;
}

describe('a filter change redraws only what changed, once', () => {
	it('Recovery, axis: the by-wave charts (always on weeks since go-live) are not drawn again; each other chart is drawn once', async () => {
		const w = await openSettled('/recovery', '[data-chart="billing-lag-by-clinic"][data-state="rendered"]');
		await startCounting(w.page);
		await w.page.locator('main input[name="axis"][value="go_live"]').click();
		const counts = await settledCounts(w.page);
		expect(counts['productivity-by-wave']).toBe(0);
		expect(counts['billing-lag-by-wave']).toBe(0);
		for (const id of ['productivity-by-site', 'billing-lag', 'claims-late-denied', 'unbilled']) expect(counts[id], id).toBe(1);
		// The small multiples are a canvas of their own: drawn again on the new axis.
		for (const id of ['productivity-by-clinic', 'billing-lag-by-clinic']) expect(counts[id], id).toBeUndefined();
		await w.page.waitForSelector('[data-chart="productivity-by-clinic"][data-state="rendered"]');
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('Root causes, site: each chart is drawn once (no second draw for a resize)', async () => {
		const w = await openSettled('/attribution', '[data-chart="clinic-cause-matrix"][data-state="rendered"]');
		await startCounting(w.page);
		await w.page.locator('main input[name="site"]').first().click();
		const counts = await settledCounts(w.page);
		for (const id of ['cause-by-week', 'cause-totals']) expect(counts[id], id).toBe(1);
		for (const [id, count] of Object.entries(counts)) expect(count, id).toBe(1);
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
				const box = document.querySelector('[data-chart="productivity-by-site"] .canvas') as unknown as Xy;
				return (box.xy?.drawn()?.series ?? []).every((s) => s.name === chosen || s.name.startsWith('all in scope'));
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
				const box = document.querySelector('[data-chart="productivity-by-site"] .canvas') as unknown as Xy;
				return (box.xy?.drawn()?.series ?? []).length === count;
			},
			before.length,
			{ timeout: 30_000 }
		);
		expect(await seriesNames(w.page, 'productivity-by-site')).toEqual(before);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});
