/**
 * A filter change draws the charts the user can see in the input's task, and the others once that
 * frame is painted (src/lib/charts/draw-queue.ts), without ever showing a chart of the old scope
 * where it can be seen: a chart scrolled into view while it waits is drawn before that frame is
 * painted, printing draws every waiting chart first, and every chart ends drawn once, with the new
 * scope. Counted in Chromium (1280 × 720) on the built site: setOption calls per chart, read in an
 * animation-frame callback of the frame after the input (before it is painted).
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

type Counts = Record<string, number>;

async function openSettled(route: string): Promise<WatchedPage> {
	const w = await site.open(route, 'main figure[data-chart]', 120_000);
	await settled(w.page);
	await w.page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 120_000 });
	await w.page.waitForTimeout(300);
	return w;
}

/** Scrolls so that a chart's top is at the top of the viewport, and lets the page see where its charts are now. */
async function scrollTo(page: Page, chart: string | null): Promise<void> {
	await page.evaluate((id) => window.scrollTo(0, id ? (document.querySelector(`[data-chart="${id}"]`)?.getBoundingClientRect().top ?? 0) + window.scrollY : 0), chart);
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
	await page.waitForTimeout(200);
}

/**
 * Clicks the first site checkbox (through the DOM: the filter bar may be scrolled away), then
 * `between` in the same task once the page has handled the change; returns the setOption calls per
 * ECharts chart as of the next frame's animation-frame callbacks (before that frame is painted),
 * and which charts are then in the viewport.
 */
async function changeSite(page: Page, between: 'nothing' | 'beforeprint' | { scrollTo: string }): Promise<{ beforePaint: Counts; inView: string[] }> {
	return page.evaluate(async (between) => {
		const counts: Counts = {};
		(window as unknown as { __sets: Counts }).__sets = counts;
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const id = figure.getAttribute('data-chart') ?? '';
			const chart = (figure.querySelector('.canvas') as unknown as { echarts?: { setOption: (...a: unknown[]) => unknown } } | null)?.echarts;
			if (!chart) continue;
			counts[id] = 0;
			const setOption = chart.setOption;
			chart.setOption = function (this: unknown, ...args: unknown[]) {
				counts[id] = (counts[id] ?? 0) + 1;
				return setOption.apply(this, args);
			};
		}
		document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
		// The page's effects run in microtasks queued by the click, ahead of these.
		for (let i = 0; i < 10; i++) await Promise.resolve();
		if (between === 'beforeprint') window.dispatchEvent(new Event('beforeprint'));
		else if (between !== 'nothing') {
			const top = document.querySelector(`[data-chart="${between.scrollTo}"]`)?.getBoundingClientRect().top ?? 0;
			window.scrollTo(0, top + window.scrollY);
		}
		const beforePaint = await new Promise<Counts>((resolve) => requestAnimationFrame(() => resolve({ ...counts })));
		const inView = [...document.querySelectorAll('main figure[data-chart]')]
			.filter((f) => {
				const r = f.querySelector('.canvas')?.getBoundingClientRect();
				return r !== undefined && r.bottom > 0 && r.top < innerHeight;
			})
			.map((f) => f.getAttribute('data-chart') ?? '');
		if (between === 'beforeprint') window.dispatchEvent(new Event('afterprint'));
		return { beforePaint, inView };
	}, between);
}

/** Once every chart is drawn: the setOption calls per chart since the change. */
async function settledCounts(page: Page): Promise<Counts> {
	await page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 60_000 });
	await page.waitForTimeout(300);
	return page.evaluate(() => ({ ...(window as unknown as { __sets: Counts }).__sets }));
}

/** Weeks drawn on a weekly chart's x axis, and the rows of its data table (one per week). */
const weeksDrawnAndListed = (page: Page, id: string) =>
	page.evaluate((id) => {
		const figure = document.querySelector(`[data-chart="${id}"]`);
		const instance = (figure?.querySelector('.canvas') as unknown as { echarts: { getOption(): { xAxis?: { data?: unknown[] }[] } } }).echarts;
		const rows = Number(/\((\d+) rows\)/.exec(figure?.querySelector('summary')?.textContent ?? '')?.[1] ?? NaN);
		return { drawn: instance.getOption().xAxis?.[0]?.data?.length ?? -1, listed: rows };
	}, id);

describe('a filter change draws the charts in view first, the others in the frames after', () => {
	it('Overview at the top of the page: no chart below the fold is drawn before the next frame; each is drawn once after it, with the new scope', async () => {
		const w = await openSettled('/');
		const weeksBefore = await weeksDrawnAndListed(w.page, 'tickets-by-week');
		const { beforePaint, inView } = await changeSite(w.page, 'nothing');
		const charts = Object.keys(beforePaint);
		expect(charts).toEqual(expect.arrayContaining(['tickets-by-week', 'backlog', 'time-to-resolve']));
		// At 1280 × 720 the filter bar, the tiles and the watchlist fill the first screen.
		expect(inView.filter((id) => charts.includes(id))).toEqual([]);
		for (const id of charts) expect(beforePaint[id], id).toBe(0);
		const after = await settledCounts(w.page);
		for (const id of charts) expect(after[id], id).toBe(1);
		// Drawn with the scope the table lists (the table follows the model at once).
		for (const id of ['tickets-by-week', 'backlog', 'time-to-resolve']) {
			const weeks = await weeksDrawnAndListed(w.page, id);
			expect(weeks.drawn, id).toBe(weeks.listed);
		}
		expect(weeksBefore.drawn).toBe(weeksBefore.listed);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('Root causes scrolled to the matrix: the charts above, out of view, are drawn after that frame', async () => {
		const w = await openSettled('/attribution');
		await scrollTo(w.page, 'clinic-cause-matrix');
		const { beforePaint, inView } = await changeSite(w.page, 'nothing');
		expect(inView).toContain('clinic-cause-matrix');
		expect(inView).not.toContain('cause-by-week');
		// The matrix, a canvas of its own (not ECharts), is drawn by its component in the input's task: not counted here.
		expect(beforePaint).toEqual({ 'cause-totals': 0, 'cause-by-week': 0 });
		expect(await settledCounts(w.page)).toEqual({ 'cause-totals': 1, 'cause-by-week': 1 });
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('a waiting chart scrolled into view is drawn before that frame is painted; the ones still out of view wait', async () => {
		const w = await openSettled('/');
		await scrollTo(w.page, null);
		const { beforePaint, inView } = await changeSite(w.page, { scrollTo: 'time-to-resolve' });
		expect(inView).toContain('time-to-resolve');
		expect(inView).not.toContain('tickets-by-week');
		expect(beforePaint['time-to-resolve']).toBe(1);
		// Above the viewport now: the scroll drew only what it showed.
		expect(beforePaint['tickets-by-week']).toBe(0);
		expect(beforePaint['backlog']).toBe(0);
		const after = await settledCounts(w.page);
		for (const id of ['tickets-by-week', 'backlog', 'time-to-resolve']) expect(after[id], id).toBe(1);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('printing draws every waiting chart at once', async () => {
		const w = await openSettled('/');
		const { beforePaint } = await changeSite(w.page, 'beforeprint');
		for (const [id, n] of Object.entries(beforePaint)) expect(n, id).toBe(1);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('a full-page screenshot taken right after a change shows every chart of the new scope', async () => {
		const w = await openSettled('/');
		await w.page.evaluate(() => document.querySelector<HTMLInputElement>('main input[name="site"]')?.click());
		const atOnce = await w.page.screenshot({ fullPage: true });
		await w.page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'));
		const settledShot = await w.page.screenshot({ fullPage: true });
		expect(Buffer.compare(atOnce, settledShot)).toBe(0);
		await w.context.close();
	});

	it('a chart whose box is resized while it waits is drawn at its new size', async () => {
		const w = await openSettled('/');
		await w.page.evaluate(() => {
			document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
			// In the same task: the page narrows, so every chart's box is resized before the waiting draws run.
			document.querySelector<HTMLElement>('main')?.style.setProperty('max-width', '900px');
		});
		await w.page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 60_000 });
		await w.page.waitForTimeout(300);
		const sizes = await w.page.evaluate(() =>
			[...document.querySelectorAll('main figure[data-chart] .canvas')]
				.map((c) => ({ c: c as HTMLElement & { echarts?: { getWidth(): number } } }))
				.filter(({ c }) => c.echarts)
				.map(({ c }) => ({ id: c.closest('figure')?.getAttribute('data-chart'), drawn: c.echarts?.getWidth(), box: c.clientWidth }))
		);
		expect(sizes.length).toBeGreaterThan(2);
		for (const s of sizes) expect(s.drawn, s.id ?? '').toBe(s.box);
		await w.context.close();
	});
});
