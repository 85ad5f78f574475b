/**
 * Recovery's small multiples (SmallMultiples.svelte, one canvas of every clinic's panel) follow a
 * filter change in the input's task, as every chart does, and on the same canvas: a change to fewer
 * panels (a site taken out) shows fewer rows of it, a change back draws on it again, a change of
 * dates clears and redraws it, where a canvas given a new size gets a new backing store and layer
 * texture each time. Chromium, 1280 × 720, the built site with the bundled sample.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const PANELS = ['productivity-by-clinic', 'billing-lag-by-clinic'];

let site: SiteUnderTest;
beforeAll(async () => {
	site = await startSite();
});
afterAll(async () => {
	await site?.close();
});

async function openRecovery(): Promise<WatchedPage> {
	const w = await site.open('/recovery', 'main figure[data-chart="productivity-by-clinic"]', 120_000);
	await settled(w.page);
	await w.page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 120_000 });
	await w.page.waitForTimeout(300);
	return w;
}

/**
 * Changes the filters through the DOM (`site`: the first site box; `date`: the from-date), counting
 * each small multiples canvas's size sets from then on; returns each one's state as of the next
 * frame's animation-frame callbacks (before it is painted) and whether it is then in the viewport.
 */
async function change(page: Page, kind: 'site' | 'date'): Promise<Record<string, { state: string | null; inView: boolean }>> {
	return page.evaluate(
		async ([kind, ids]) => {
			const sets: Record<string, number> = {};
			(window as unknown as { __sizeSets: Record<string, number> }).__sizeSets = sets;
			for (const id of ids) {
				const canvas = document.querySelector<HTMLCanvasElement>(`[data-chart="${id}"] canvas`);
				if (!canvas) continue;
				sets[id] = 0;
				for (const prop of ['width', 'height'] as const) {
					const own = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, prop);
					Object.defineProperty(canvas, prop, {
						configurable: true,
						get: () => own?.get?.call(canvas) as number,
						set: (v: number) => {
							sets[id] = (sets[id] ?? 0) + 1;
							own?.set?.call(canvas, v);
						}
					});
				}
			}
			if (kind === 'site') document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
			else {
				const from = document.querySelector<HTMLInputElement>('main input[name="from"]');
				if (from) {
					from.value = from.min ? new Date(Date.parse(from.min) + 28 * 86_400_000).toISOString().slice(0, 10) : '';
					from.dispatchEvent(new Event('change', { bubbles: true }));
				}
			}
			return new Promise((resolve) =>
				requestAnimationFrame(() =>
					resolve(
						Object.fromEntries(
							ids.map((id) => {
								const figure = document.querySelector(`[data-chart="${id}"]`);
								const r = figure?.querySelector('canvas')?.getBoundingClientRect();
								return [id, { state: figure?.getAttribute('data-state') ?? null, inView: r !== undefined && r.bottom > 0 && r.top < innerHeight }];
							})
						)
					)
				)
			);
		},
		[kind, PANELS] as const
	);
}

const settledSizeSets = async (page: Page) => {
	await page.waitForFunction(() => !document.querySelector('main figure[data-chart]:not([data-state="rendered"])'), null, { timeout: 60_000 });
	await page.waitForTimeout(300);
	return page.evaluate(() => ({ ...(window as unknown as { __sizeSets: Record<string, number> }).__sizeSets }));
};

/** What the canvas shows, as a PNG data URL (to tell a drawing from the one before). */
const pixels = (page: Page, id: string) => page.evaluate((id) => document.querySelector<HTMLCanvasElement>(`[data-chart="${id}"] canvas`)?.toDataURL() ?? '', id);

describe('Recovery’s small multiples follow a filter change', () => {
	it('drawn with the new scope before the input’s frame is painted, on the same canvas when a site is taken out and brought back', async () => {
		const w = await openRecovery();
		const before = await pixels(w.page, 'productivity-by-clinic');
		const height = () => w.page.evaluate(() => document.querySelector<HTMLElement>('[data-chart="productivity-by-clinic"] .clip')?.clientHeight ?? 0);
		const full = await height();
		const at = await change(w.page, 'site');
		for (const id of PANELS) expect(at[id]?.state, id).toBe('rendered');
		expect(await settledSizeSets(w.page)).toEqual({ 'productivity-by-clinic': 0, 'billing-lag-by-clinic': 0 });
		// Fewer clinics: fewer rows of panels shown, the canvas drawn again.
		expect(await height()).toBeLessThan(full);
		expect(await pixels(w.page, 'productivity-by-clinic')).not.toBe(before);
		await change(w.page, 'site');
		expect(await settledSizeSets(w.page)).toEqual({ 'productivity-by-clinic': 0, 'billing-lag-by-clinic': 0 });
		expect(await height()).toBe(full);
		expect(await pixels(w.page, 'productivity-by-clinic')).toBe(before);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('a change that keeps every clinic’s panel (a date) redraws on the same canvas: no new size', async () => {
		const w = await openRecovery();
		const before = await pixels(w.page, 'billing-lag-by-clinic');
		await change(w.page, 'date');
		expect(await settledSizeSets(w.page)).toEqual({ 'productivity-by-clinic': 0, 'billing-lag-by-clinic': 0 });
		// Drawn again all the same: the panels start four weeks later.
		expect(await pixels(w.page, 'billing-lag-by-clinic')).not.toBe(before);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});
