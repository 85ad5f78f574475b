/**
 * Everyone can use it (issue 18 item 4): axe-core on every page, on the bundled sample and after
 * a ServiceNow import, finds nothing; a skip link leads past the header; charts describe
 * themselves (ECharts aria) and their data tables are reachable by keyboard.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { PAGES, settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');

interface Violation {
	id: string;
	nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.x A/AA rules and best practices on the page as it is; each violation as "rule ×count: first targets". */
async function violations(page: Page): Promise<string[]> {
	// Evaluated through DevTools, so the site's CSP (no inline scripts) does not apply to the test's own engine.
	await page.evaluate(AXE);
	const found = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
	});
	return found.map(
		(v) =>
			`${v.id} ×${v.nodes.length}: ${v.nodes
				.slice(0, 3)
				.map((n) => n.target.join(' '))
				.join(', ')}`
	);
}

let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	site = await startSite();
	w = await site.open('/');
});

afterAll(async () => {
	await site?.close();
});

async function visit(route: string): Promise<void> {
	await w.page.goto(new URL(route, site.origin).href);
	await settled(w.page);
}

describe('accessibility on the bundled sample', () => {
	for (const { route, name } of PAGES) {
		it(`${name} (${route}) has no axe violation`, async () => {
			await visit(route);
			// Open what a reader opens: every chart's data table (details) and, on Root causes, a drill-down.
			for (const summary of await w.page.locator('figure[data-chart] summary').all()) await summary.click();
			expect(await violations(w.page)).toEqual([]);
		});
	}

	it('Root causes: a drill-down opened far below its panel scrolls into view and takes focus; Escape closes it and returns focus', async () => {
		await visit('/attribution');
		const button = w.page.locator('[data-effect="variance"] tbody tr').first().getByRole('button', { name: 'tickets' });
		await button.scrollIntoViewIfNeeded();
		await button.evaluate((b) => b.setAttribute('data-opener', ''));
		await button.focus();
		await w.page.keyboard.press('Enter');
		const panel = w.page.locator('[data-drill]');
		await panel.locator('tbody tr').first().waitFor({ timeout: 60_000 });
		// Focus is in the panel, and the panel's top is on screen (it sits above the charts, far above the button).
		expect(await w.page.evaluate(() => document.activeElement?.hasAttribute('data-drill'))).toBe(true);
		const top = await panel.evaluate((p) => p.getBoundingClientRect().top);
		expect(top).toBeGreaterThanOrEqual(0);
		expect(top).toBeLessThan(w.page.viewportSize()?.height ?? 720);
		expect(await violations(w.page)).toEqual([]);
		await w.page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		expect(await w.page.evaluate(() => document.activeElement?.hasAttribute('data-opener'))).toBe(true);
	});

	it('has a skip link, first in the tab order, that moves focus to the page’s content', async () => {
		await visit('/recovery');
		await w.page.keyboard.press('Tab');
		const skip = w.page.locator(':focus');
		expect(await skip.textContent()).toBe('Skip to content');
		expect(await skip.isVisible()).toBe(true);
		await w.page.keyboard.press('Enter');
		expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('content');
		// The next Tab lands inside the page, not back in the header's nav.
		await w.page.keyboard.press('Tab');
		expect(await w.page.evaluate(() => document.activeElement?.closest('header.top') === null)).toBe(true);
	});

	it('gives each chart an ECharts aria description, and its data table is reachable by keyboard', async () => {
		await visit('/');
		const chart = w.page.locator('[data-chart="tickets-by-week"]');
		const label = await chart.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
		// ECharts' aria module describes the chart's series and data, not only its title.
		expect(
			label.some((l) => /Tickets opened per week/.test(l) && /series|data/i.test(l) && l.length > 80),
			label.join(' | ')
		).toBe(true);
		// Keyboard only: Tab reaches the data summary, Enter opens it, the table scrolls by keyboard (focusable region).
		const summary = chart.locator('summary');
		await summary.focus();
		await w.page.keyboard.press('Enter');
		await chart.locator('tbody tr').first().waitFor();
		const region = chart.locator('.table-scroll');
		expect(await region.getAttribute('tabindex')).toBe('0');
		expect(await region.getAttribute('aria-label')).toMatch(/Tickets opened per week/);
		await w.page.keyboard.press('Tab');
		expect(await w.page.evaluate(() => document.activeElement?.classList.contains('table-scroll'))).toBe(true);
	});
});

describe('accessibility after a ServiceNow import', () => {
	beforeAll(async () => {
		await visit('/import');
		await w.page.locator('input[type="file"]').setInputFiles(SERVICENOW);
		await w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="preset"]').waitFor({ timeout: 60_000 });
		await w.page.getByRole('button', { name: 'Load 1 file' }).click();
		await w.page.waitForSelector('[data-import-summary]', { timeout: 180_000 });
	}, 240_000);

	for (const { route, name } of PAGES) {
		it(`${name} (${route}) has no axe violation on the imported tickets`, async () => {
			await visit(route);
			expect(await w.page.locator('[data-source]').getAttribute('data-source')).toBe('imported');
			for (const summary of await w.page.locator('figure[data-chart] summary').all()) await summary.click();
			expect(await violations(w.page)).toEqual([]);
		});
	}
});
