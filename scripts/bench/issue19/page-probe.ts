/**
 * What "ready" and "a filter change is done" mean, read from the page's DOM contract only
 * (figure[data-chart] with data-state, data-busy, .loading, the pages' tables), so that the bench
 * keeps working while the pages change how they compute. Installed in every document of a bench
 * context before the page's own scripts (`addInitScript`), it notes the first moment the page it
 * watches shows its complete default view, timed from navigation start by the page's own clock.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ProbeState {
	/** The route watched (path without trailing slash or .html; '' is the Overview). */
	route: string;
	/** performance.now() when the complete view was first seen since `route` was set; null until then. */
	at: number | null;
	/** Why the page is not complete yet, as of the last check (for a timeout's message). */
	missing: string;
}

/** Runs inside the page: defines `window.__hcBench` and watches the DOM. Self-contained (serialized by Playwright). */
function installProbe(): void {
	const norm = (p: string) => p.replace(/\.html$/, '').replace(/\/+$/, '');
	const why = (route: string): string => {
		if (norm(location.pathname) !== route) return `on ${location.pathname}`;
		const main = document.querySelector('main');
		if (!main) return 'no main';
		if (main.querySelector('.loading')) return 'a loading message';
		if (main.querySelector('[data-busy="true"], [data-phase="starting"]')) return 'busy';
		const figures = [...main.querySelectorAll('figure[data-chart]')];
		const pending = figures.filter((f) => f.getAttribute('data-state') !== 'rendered').map((f) => f.getAttribute('data-chart'));
		if (pending.length > 0) return `charts pending: ${pending.join(', ')}`;
		if (route === '/actions') {
			if (!main.querySelector('ol.actions > li, [data-no-actions]')) return 'no actions listed';
		} else if (figures.length === 0) return 'no charts';
		// Tables filled: a table shown with an empty body, or a cell still measuring, is not the complete view.
		if ([...main.querySelectorAll('table > tbody')].some((b) => b.children.length === 0)) return 'an empty table';
		if ([...main.querySelectorAll('td small')].some((s) => s.textContent?.trim() === 'measuring…')) return 'cells measuring';
		return '';
	};
	const state: ProbeState = { route: norm(location.pathname), at: null, missing: 'not checked' };
	const check = () => {
		if (state.at !== null) return;
		state.missing = why(state.route);
		if (state.missing === '') state.at = performance.now();
	};
	const bench = { state, check, why, norm, watch: (route: string) => ((state.route = norm(route)), (state.at = null), check()) };
	(window as unknown as { __hcBench: typeof bench }).__hcBench = bench;
	const observe = () =>
		new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-busy', 'data-phase', 'class'] });
	if (document.documentElement) observe();
	else document.addEventListener('readystatechange', observe, { once: true });
}

export async function installReadyProbe(context: BrowserContext): Promise<void> {
	await context.addInitScript(installProbe);
}

/** Waits for the complete view of the watched route; returns the page clock's time of it (ms since navigation start). */
export async function readyAt(page: Page, timeout: number): Promise<number> {
	try {
		const handle = await page.waitForFunction(
			() => {
				const b = (window as unknown as { __hcBench?: { state: ProbeState; check(): void } }).__hcBench;
				b?.check();
				return b?.state.at ?? null;
			},
			undefined,
			{ timeout, polling: 'raf' }
		);
		return (await handle.jsonValue()) as number;
	} catch (error) {
		const missing = await page.evaluate(() => (window as unknown as { __hcBench?: { state: ProbeState } }).__hcBench?.state.missing).catch(() => 'page gone');
		throw new Error(`not ready after ${timeout} ms (${missing}): ${(error as Error).message.split('\n')[0]}`, { cause: error });
	}
}

/** Starts watching another route of the same tab (before following a link to it). */
export async function watchRoute(page: Page, route: string): Promise<void> {
	await page.evaluate((r) => (window as unknown as { __hcBench: { watch(route: string): void } }).__hcBench.watch(r), route);
}

/** The page's clock now. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());
