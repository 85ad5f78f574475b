/**
 * The pages' bar and line charts drawn on a canvas of their own (src/lib/charts/xy/), in Chromium on
 * the built site: no ECharts instance on the Overview or Recovery, a week read on hover and with the
 * arrow keys (the same words as the data table's row), and a click on a bar segment opening that
 * cause's tickets of that week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	site = await startSite();
}, 120_000);
afterAll(async () => {
	await w?.context.close();
	await site?.close();
});

type Xy = { xy?: { layout(): { plot: { left: number; top: number; width: number; height: number; count: number } } | null } };

const allRendered = () =>
	w.page.waitForFunction(() => document.querySelectorAll('main figure[data-chart]').length > 0 && !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, {
		timeout: 120_000
	});

describe('bar and line charts on their own canvas', () => {
	it('draws the Overview’s and Recovery’s charts without ECharts', async () => {
		for (const route of ['/', '/recovery']) {
			w = await site.open(route, 'main figure[data-chart]', 120_000);
			await allRendered();
			const kinds = await w.page.$$eval('main figure[data-chart] .canvas', (boxes) => boxes.map((b) => ('echarts' in b ? 'echarts' : 'xy' in b ? 'xy' : 'own')));
			expect(kinds, route).not.toContain('echarts');
			expect(kinds.filter((k) => k === 'xy').length, route).toBeGreaterThanOrEqual(3);
			expect(w.errors).toEqual([]);
			await w.context.close();
		}
	});

	it('reads a week on hover and with the arrow keys, as its data table row says', async () => {
		w = await site.open('/', '[data-chart="tickets-by-week"][data-state="rendered"]', 120_000);
		await settled(w.page);
		const chart = w.page.locator('[data-chart="tickets-by-week"]');
		await chart.scrollIntoViewIfNeeded();
		const plot = await chart.locator('.canvas').evaluate((c) => (c as unknown as Xy).xy?.layout()?.plot);
		if (!plot) throw new Error('no layout');
		// The third week, half way up the plot.
		await chart.locator('canvas').hover({ position: { x: plot.left + (2.5 * plot.width) / plot.count, y: plot.top + plot.height - 4 } });
		const tip = await chart.locator('[data-xy-tip]').innerText();
		await chart.locator('summary').click();
		await chart.locator('tbody tr').nth(2).waitFor();
		// As written (textContent): the table's header is styled in capitals.
		const header = await chart.locator('thead th').evaluateAll((ths) => ths.map((th) => th.textContent ?? ''));
		const row = await chart
			.locator('tbody tr')
			.nth(2)
			.locator('td')
			.evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));
		const lines = tip.split('\n');
		expect(lines[0]).toBe(row[0]);
		// Each category's count, as in the table (the table adds a total, and on a partial week the days).
		for (const line of lines.slice(1)) {
			const [name, value] = line.split(': ');
			expect(row[header.indexOf(name ?? '')], line).toBe(value);
		}
		expect(lines.length).toBeGreaterThan(3);
		// The keyboard: focus the chart, the first arrow reads the first week.
		await chart.locator('.chart-frame').focus();
		await w.page.keyboard.press('ArrowRight');
		await expect.poll(() => chart.locator('[aria-live]').innerText()).toContain((await chart.locator('tbody tr').first().locator('td').first().innerText()).trim());
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('opens a cause’s tickets of a week from a click on its bar segment', async () => {
		w = await site.open('/attribution', '[data-chart="cause-by-week"][data-state="rendered"]', 120_000);
		await settled(w.page);
		const chart = w.page.locator('[data-chart="cause-by-week"]');
		await chart.scrollIntoViewIfNeeded();
		// The lowest segment of the busiest week: the first cause in order with tickets that week.
		const bar = await chart.locator('.canvas').evaluate((c) => {
			type Bar = { x: number; y: number; w: number; h: number; series: number; category: number };
			const xy = (c as unknown as { xy: { layout(): { bars: Bar[] }; drawn(): { series: { name: string }[]; categories: string[] } } }).xy;
			const tallest = xy.layout().bars.reduce((a, b) => (b.h > a.h ? b : a));
			const spec = xy.drawn();
			return { ...tallest, name: spec.series[tallest.series]?.name ?? '', week: spec.categories[tallest.category] ?? '' };
		});
		await chart.locator('canvas').click({ position: { x: bar.x + bar.w / 2, y: bar.y + bar.h / 2 } });
		await w.page.waitForFunction((name) => document.querySelector('[data-drill] h3')?.textContent?.startsWith(`${name} tickets`) === true, bar.name, { timeout: 30_000 });
		expect(await w.page.locator('[data-drill] h3').innerText()).toContain(bar.week);
		expect(w.errors).toEqual([]);
	});
});
