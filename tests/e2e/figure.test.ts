/**
 * The figures of the Overview in a browser: the ticket-rate heatmap drawn on a canvas of its own
 * (read on hover and with the keyboard, sharp on a high-DPI screen, printed as SVG), and a chart
 * with no data in scope that says so instead of drawing an empty axis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const CHARTS = ['tickets-by-week', 'backlog', 'time-to-resolve', 'ticket-rate-heatmap'];
const HEATMAP = '[data-chart="ticket-rate-heatmap"]';

let site: SiteUnderTest;
let w: WatchedPage;

async function allRendered() {
	for (const id of CHARTS) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 60_000 });
}

beforeAll(async () => {
	site = await startSite();
	w = await site.open('/');
	await allRendered();
}, 120_000);
afterAll(() => site?.close());

describe('the Overview heatmap on its own canvas', () => {
	it('draws one canvas at the screen’s pixel ratio, with no ECharts instance', async () => {
		const drawn = await w.page.locator(HEATMAP).evaluate((figure) => {
			const canvas = figure.querySelector('canvas')!;
			return {
				canvases: figure.querySelectorAll('canvas').length,
				ratio: canvas.width / canvas.getBoundingClientRect().width,
				echarts: 'echarts' in (figure.querySelector('.canvas') ?? {})
			};
		});
		expect(drawn).toEqual({ canvases: 1, ratio: 1, echarts: false });
		const sharp = await site.browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
		const page = await sharp.newPage();
		await page.goto(`${site.origin}/`);
		await page.waitForSelector(`${HEATMAP}[data-state="rendered"]`, { timeout: 60_000 });
		expect(await page.locator(`${HEATMAP} canvas`).evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width)).toBe(2);
		await sharp.close();
	});

	it('reads a cell on hover and on keyboard focus: its clinic, week and value', async () => {
		const canvas = w.page.locator(`${HEATMAP} canvas`);
		await canvas.scrollIntoViewIfNeeded();
		const box = (await canvas.boundingBox())!;
		// The first clinic's row, a little right of the clinic labels: a week of the sample.
		await w.page.mouse.move(box.x + box.width * 0.5, box.y + 14);
		const tip = w.page.locator(`${HEATMAP} [data-heatmap-tip]`);
		await tip.waitFor();
		expect(await tip.innerText()).toMatch(/^C02 Riverside Family Medicine - Northgate\n2026-\d\d-\d\d( \(\d of 7 days of data: reads low\))? · (no tickets|[\d.]+ tickets per 100 users)$/);
		await w.page.mouse.move(0, 0);
		await w.page.locator(`${HEATMAP} .chart-frame`).focus();
		// The first arrow key reads the first cell; then down a clinic and right a week.
		for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight']) await w.page.keyboard.press(key);
		// The second clinic, the second week (2026-02-23), as the data table says.
		const text = await tip.innerText();
		expect(text.split('\n')[0]).toBe('C08 Riverside Heart & Vascular');
		expect(text).toContain('2026-02-23 · ');
		await w.page.locator(`${HEATMAP} summary`).click();
		await w.page.locator(`${HEATMAP} tbody tr`).first().waitFor();
		const row = await w.page
			.locator(`${HEATMAP} tbody tr`)
			.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')).filter((r) => r[0] === 'C08' && r[1] === '2026-02-23'));
		const value = text.match(/· ([\d.]+) tickets per 100 users/)?.[1];
		if (value) expect(row[0]?.at(-1)).toBe(value);
		else expect(row).toEqual([]);
		await w.page.keyboard.press('Escape');
	});

	it('prints an SVG copy whose labels are text', async () => {
		await w.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
		const svg = await w.page
			.locator(`${HEATMAP} .print-copy svg`)
			.evaluate((s) => ({ rects: s.querySelectorAll('rect').length, texts: [...s.querySelectorAll('text')].map((t) => t.textContent) }));
		expect(svg.rects).toBeGreaterThan(1000);
		expect(svg.texts).toContain('Week (Monday)');
		expect(svg.texts.some((t) => t?.startsWith('C02 Riverside'))).toBe(true);
		await w.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
		expect(await w.page.locator(`${HEATMAP} .print-copy svg`).count()).toBe(0);
	});
});

describe('a chart with no data in scope', () => {
	it('says what is missing instead of an empty frame, and draws again when data comes back', async () => {
		await w.page.getByLabel('From', { exact: true }).fill('2025-01-06');
		await w.page.getByLabel('To', { exact: true }).fill('2025-01-26');
		await w.page.waitForFunction(() => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') === '0', undefined, { timeout: 30_000 });
		await allRendered();
		for (const id of CHARTS) {
			const figure = w.page.locator(`[data-chart="${id}"]`);
			await figure.locator('[data-chart-empty]').waitFor();
			expect(await figure.locator('[data-chart-empty]').innerText()).toBe('No tickets in the chosen dates.');
			expect(await figure.getAttribute('data-empty')).toBe('');
			// No axis, legend or data table that could read as zero.
			expect(await figure.locator('canvas').isVisible()).toBe(false);
			expect(await figure.locator('details').count()).toBe(0);
		}
		await w.page.getByRole('button', { name: 'Clear filters' }).click();
		await w.page.waitForFunction(() => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') !== '0', undefined, { timeout: 30_000 });
		await allRendered();
		for (const id of CHARTS) {
			const figure = w.page.locator(`[data-chart="${id}"]`);
			expect(await figure.locator('[data-chart-empty]').count()).toBe(0);
			expect(await figure.locator('canvas').first().isVisible()).toBe(true);
		}
	});
});
