/**
 * A filter change draws every chart of the page in the input's task, before its frame is painted: the
 * pages' bar and line charts are laid out and filled on a canvas of their own (src/lib/charts/xy/),
 * well under a millisecond each, so no chart waits for a later frame and none ever shows the old scope.
 * Counted in Chromium (1280 × 720) on the built site: each chart's draws, read in an animation-frame
 * callback of the frame after the input (before it is painted).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { freshPages } from './support/fresh-pages';

const pages = freshPages();

type Counts = Record<string, number>;

async function openSettled(route: string): Promise<WatchedPage> {
	const w = await pages.open(route, 'main figure[data-chart]');
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

type Xy = { xy?: { draws(): number; drawn(): { categories: string[] } | null } };

/**
 * Clicks the first site checkbox (through the DOM: the filter bar may be scrolled away); returns each
 * bar and line chart's draws since, as of the next frame's animation-frame callbacks (before that
 * frame is painted), and which charts are then in the viewport.
 */
async function changeSite(page: Page): Promise<{ beforePaint: Counts; inView: string[] }> {
	return page.evaluate(async () => {
		const from: Record<string, () => number> = {};
		for (const figure of document.querySelectorAll('main figure[data-chart]')) {
			const xy = (figure.querySelector('.canvas') as unknown as Xy | null)?.xy;
			if (!xy) continue;
			const start = xy.draws();
			from[figure.getAttribute('data-chart') ?? ''] = () => xy.draws() - start;
		}
		(window as unknown as { __draws: typeof from }).__draws = from;
		document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
		const beforePaint = await new Promise<Counts>((resolve) => requestAnimationFrame(() => resolve(Object.fromEntries(Object.entries(from).map(([id, n]) => [id, n()])))));
		const inView = [...document.querySelectorAll('main figure[data-chart]')]
			.filter((f) => {
				const r = f.querySelector('.canvas')?.getBoundingClientRect();
				return r !== undefined && r.bottom > 0 && r.top < innerHeight;
			})
			.map((f) => f.getAttribute('data-chart') ?? '');
		return { beforePaint, inView };
	});
}

/** Once every chart is drawn: each bar and line chart's draws since the change. */
async function settledCounts(page: Page): Promise<Counts> {
	await page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 60_000 });
	await page.waitForTimeout(300);
	return page.evaluate(() => Object.fromEntries(Object.entries((window as unknown as { __draws: Record<string, () => number> }).__draws).map(([id, n]) => [id, n()])));
}

/** Weeks drawn on a weekly chart's x axis, and the rows of its data table (one per week). */
const weeksDrawnAndListed = (page: Page, id: string) =>
	page.evaluate((id) => {
		const figure = document.querySelector(`[data-chart="${id}"]`);
		const xy = (figure?.querySelector('.canvas') as unknown as Xy | null)?.xy;
		const rows = Number(/\((\d+) rows?\)/.exec(figure?.querySelector('summary')?.textContent ?? '')?.[1] ?? NaN);
		return { drawn: xy?.drawn()?.categories.length ?? -1, listed: rows };
	}, id);

describe('a filter change draws every chart in the input’s task', () => {
	it('Overview at the top of the page: every chart, in view or not, is drawn once before the next frame, with the new scope', async () => {
		const w = await openSettled('/');
		const weeksBefore = await weeksDrawnAndListed(w.page, 'tickets-by-week');
		const { beforePaint, inView } = await changeSite(w.page);
		const charts = Object.keys(beforePaint);
		expect(charts).toEqual(expect.arrayContaining(['tickets-by-week', 'backlog', 'time-to-resolve']));
		// At 1280 × 720 the filter bar, the tiles and the watchlist fill the first screen: the charts are below it, and drawn all the same.
		expect(inView.filter((id) => charts.includes(id))).toEqual([]);
		for (const id of charts) expect(beforePaint[id], id).toBe(1);
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

	it('Root causes scrolled to the matrix: the charts above it, out of view, are drawn before the next frame too', async () => {
		const w = await openSettled('/attribution');
		await scrollTo(w.page, 'clinic-cause-matrix');
		const { beforePaint, inView } = await changeSite(w.page);
		expect(inView).not.toContain('cause-by-week');
		expect(beforePaint['cause-totals']).toBe(1);
		expect(beforePaint['cause-by-week']).toBe(1);
		const after = await settledCounts(w.page);
		expect([after['cause-totals'], after['cause-by-week']]).toEqual([1, 1]);
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

	it('a chart whose box is resized with the change is drawn at its new size', async () => {
		const w = await openSettled('/');
		await w.page.evaluate(() => {
			document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
			// In the same task: the page narrows, so every chart's box is resized.
			document.querySelector<HTMLElement>('main')?.style.setProperty('max-width', '900px');
		});
		await w.page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 60_000 });
		await w.page.waitForTimeout(300);
		const sizes = await w.page.evaluate(() =>
			[...document.querySelectorAll('main figure[data-chart] .canvas')]
				.filter((c) => (c as unknown as Xy).xy)
				.map((c) => ({ id: c.closest('figure')?.getAttribute('data-chart'), drawn: c.querySelector('canvas')?.getBoundingClientRect().width, box: c.clientWidth }))
		);
		expect(sizes.length).toBeGreaterThan(2);
		for (const s of sizes) expect(s.drawn, s.id ?? '').toBe(s.box);
		await w.context.close();
	});
});
