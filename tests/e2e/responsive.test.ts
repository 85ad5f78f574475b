/**
 * Phones and tablets (issue 18 item 2): at 390×844 and 768×1024 no page scrolls sideways; the nav
 * folds behind a button, charts fit the screen, the Recovery scorecard becomes one card per clinic
 * with its statuses, and a wide heatmap scrolls inside its own frame.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../scripts/harness/pages';
import { PHONE, sharedPage, TABLET } from './support/shared-page';

const shared = sharedPage('responsive');
const SCREENS = [PHONE, TABLET] as const;

for (const screen of SCREENS) {
	describe(`at ${screen.width}×${screen.height}`, () => {
		beforeAll(async () => {
			await shared.page.setViewportSize(screen);
		});

		for (const { route, name } of PAGES) {
			it(`${name} (${route}) does not scroll sideways, and its charts fit`, async () => {
				await shared.show(route);
				await shared.page.screenshot({ path: path.join(shared.artifacts, `${name.replace(/\s/g, '-').toLowerCase()}-${screen.width}.png`), fullPage: true });
				const widths = await shared.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
				expect(widths.scroll, `${name} at ${screen.width}`).toBeLessThanOrEqual(widths.viewport);
				const charts = await shared.page
					.locator('figure[data-chart]')
					.evaluateAll((figures) => figures.map((f) => ({ id: f.getAttribute('data-chart'), right: f.getBoundingClientRect().right })));
				expect(charts.filter((c) => c.right > screen.width)).toEqual([]);
			});
		}

		it('folds the nav behind a Pages button that opens it', async () => {
			await shared.page.goto(new URL('/import', shared.site.origin).href);
			const nav = shared.page.getByRole('navigation', { name: 'Pages' });
			expect(await nav.isVisible()).toBe(false);
			const toggle = shared.page.getByRole('button', { name: 'Pages' });
			await toggle.click();
			expect(await toggle.getAttribute('aria-expanded')).toBe('true');
			await nav.getByRole('link', { name: 'Recovery' }).click();
			await shared.page.waitForURL(/\/recovery/);
			expect(await nav.isVisible()).toBe(false);
		});

		it('shows the Recovery scorecard as one card per clinic, its three statuses inside the screen', async () => {
			await shared.show('/recovery');
			const cards = await shared.page.locator('[data-scorecard] tbody tr').evaluateAll((trs) =>
				trs.map((tr) => ({
					display: getComputedStyle(tr).display,
					right: Math.max(...[...tr.querySelectorAll('td[data-measure]')].map((td) => td.getBoundingClientRect().right)),
					statuses: [...tr.querySelectorAll('td[data-measure]')].filter((td) => (td as HTMLElement).offsetHeight > 0).length,
					labels: [...tr.querySelectorAll('td[data-measure]')].map((td) => getComputedStyle(td, '::before').content)
				}))
			);
			expect(cards.length).toBeGreaterThan(40);
			expect(cards.every((c) => c.display === 'grid' && c.statuses === 3 && c.right <= screen.width)).toBe(true);
			expect(cards[0]?.labels).toEqual(['"Tickets stabilized"', '"Productivity recovered"', '"Billing lag recovered"']);
		});

		it('scrolls the wide heatmap inside its own frame, which a keyboard can reach', async () => {
			await shared.show('/');
			const frame = shared.page.locator('[data-chart="ticket-rate-heatmap"] .chart-frame');
			const size = await frame.evaluate((f) => ({ scroll: f.scrollWidth, client: f.clientWidth, tab: f.getAttribute('tabindex') }));
			expect(size.tab).toBe('0');
			if (screen.width < 500) expect(size.scroll).toBeGreaterThan(size.client);
			// Said above it, only where it scrolls (a phone), with a shadow on the side that hides more.
			const hint = shared.page.locator('[data-chart="ticket-rate-heatmap"] [data-scroll-hint]');
			expect(await hint.count()).toBe(size.scroll > size.client ? 1 : 0);
			expect(await shared.page.locator('[data-chart="ticket-rate-heatmap"] [data-scroll-edge]').count()).toBe(size.scroll > size.client ? 1 : 0);
			// The heatmap keeps at least about 12 px per week, whatever the screen.
			const canvas = await shared.page.locator('[data-chart="ticket-rate-heatmap"] canvas').first().boundingBox();
			expect(canvas?.width).toBeGreaterThan(400);
		});
	});
}
