/**
 * Console SQL cannot change what the pages say, and a result too big for the tab is refused
 * with its size (issue 22 items 5 and 6), in Chromium against the static build, in one tab:
 * the pages and the console share its DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;
let w: WatchedPage;

const editor = () => w.page.locator('.cm-content');

async function typeQuery(text: string) {
	await editor().click();
	await w.page.keyboard.press('ControlOrMeta+a');
	await w.page.keyboard.press('Delete');
	await w.page.keyboard.insertText(text);
}

/** Runs the editor's statement; resolves once the history, an error or a question shows it ended. */
async function run(timeout = 60_000) {
	const before = await w.page.locator('[data-history] li').count();
	await w.page.keyboard.press('Control+Enter');
	await w.page.waitForFunction((n) => document.querySelectorAll('[data-history] li').length > n || document.querySelector('[role="alertdialog"]'), before, { timeout });
}

async function overviewNumbers(): Promise<Record<string, string | null>> {
	await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
	await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
	await w.page.waitForSelector('[data-total="median"]');
	const out: Record<string, string | null> = {};
	for (const total of ['tickets', 'open', 'median', 'p90', 'clinics']) out[total] = await w.page.getAttribute(`[data-total="${total}"]`, 'data-value');
	return out;
}

async function toConsole() {
	await w.page.getByRole('navigation').getByRole('link', { name: 'SQL console' }).click();
	await w.page.waitForSelector('[data-phase="ready"]', { timeout: 90_000 });
}

const errorText = () => w.page.locator('[data-query-error] .message').textContent();

beforeAll(async () => {
	site = await startSite();
	w = await site.open('/', '[data-dataset-phase="ready"]');
});

afterAll(() => site?.close());

describe('console SQL cannot change the pages’ numbers', () => {
	let before: Record<string, string | null>;

	it('refuses macros that replace DuckDB’s functions or operators, and asks before replacing a page’s view', async () => {
		before = await overviewNumbers();
		expect(Number(before.median)).toBeGreaterThan(0);
		await toConsole();
		await typeQuery('CREATE OR REPLACE MACRO quantile_cont(x, q) AS quantile_disc(x, q) * 10');
		await run();
		expect(await errorText()).toContain('quantile_cont is one of DuckDB’s own functions');
		await typeQuery('CREATE OR REPLACE MACRO date_diff(part, a, b) AS 0');
		await run();
		expect(await errorText()).toContain('date_diff is one of DuckDB’s own functions');
		await typeQuery('CREATE MACRO "+"(a, b) AS 42');
		await run();
		expect(await errorText()).toContain('could replace an operator');
		await typeQuery('CREATE OR REPLACE VIEW ticket_facts AS SELECT * FROM tickets LIMIT 0');
		await run();
		expect(await w.page.getByRole('alertdialog').textContent()).toContain('changes ticket_facts, which the dashboards read');
		await w.page.getByRole('button', { name: 'Don’t run' }).click();
		// A macro of one's own name still works.
		await typeQuery('CREATE OR REPLACE MACRO my_half(x) AS x / 2');
		await run();
		await typeQuery('SELECT my_half(10) AS h');
		await run();
		expect(await w.page.locator('[data-grid] [role="gridcell"]').first().textContent()).toBe('5');
	});

	it('leaves the Overview’s numbers as they were', async () => {
		expect(await overviewNumbers()).toEqual(before);
	});
});

describe('a result too big for the tab', () => {
	it('is refused with its size, the statement stopped, the error in history; the console still runs', async () => {
		await toConsole();
		await typeQuery('SELECT list(range) AS l FROM range(40000000)');
		await run(180_000);
		expect(await errorText()).toMatch(/^The result is too large to show: \d{3} MB in its first 1 row, over the 256 MB the console holds\./);
		expect(await w.page.locator('[data-grid]').count()).toBe(0);
		expect(await w.page.locator('[data-history] li .meta').first().textContent()).toBe('error');
		await typeQuery('SELECT 42 AS answer');
		await run();
		expect(await w.page.locator('[data-grid] [role="gridcell"]').first().textContent()).toBe('42');
	});

	it('requested nothing from another origin and logged no error', () => {
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
