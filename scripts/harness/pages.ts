import type { Page } from 'playwright-core';

/** Every page of the site, by route and the name its nav link carries. */
export const PAGES = [
	{ route: '/', name: 'Overview' },
	{ route: '/actions', name: 'Actions' },
	{ route: '/attribution', name: 'Root causes' },
	{ route: '/recovery', name: 'Recovery' },
	{ route: '/console', name: 'SQL console' },
	{ route: '/import', name: 'Import' }
] as const;

/**
 * Waits until a page has drawn what it will draw: data loaded, no "loading" message left, no
 * results marked busy, and every chart that has a model rendered (charts without data stay empty).
 */
export async function settled(page: Page, timeout = 120_000): Promise<void> {
	await page.waitForSelector('[data-dataset-phase="ready"]', { timeout });
	await page.waitForFunction(
		() =>
			document.querySelector('.loading, [data-busy="true"], [data-phase="starting"]') === null &&
			[...document.querySelectorAll('figure[data-chart]')].every((f) => f.getAttribute('data-state') === 'rendered' || f.querySelector('.exports') === null),
		null,
		{ timeout, polling: 250 }
	);
}
