/**
 * No egress: one walk through every page and feature (filters, axis, chart downloads, data
 * tables, links, printing, drill-down, recovery rules, the console's run, export and chart,
 * import and clear all data) while every request is recorded, failing on any to another
 * origin. A second server on another port stands for "the internet": SQL that names it, even
 * past the console's guard, must not reach it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openWatchedPage, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const ARTIFACTS = path.resolve('tests/e2e/.artifacts/egress');
const TICKETS = path.join(ARTIFACTS, 'tickets.csv');

let site: SiteUnderTest;
let foreign: Server;
let foreignOrigin: string;
/** Every request the other origin received: must stay empty. */
const foreignHits: string[] = [];
let w: WatchedPage;

async function download(button: Locator): Promise<void> {
	const [file] = await Promise.all([w.page.waitForEvent('download'), button.click()]);
	expect(await file.failure()).toBeNull();
}

const nav = (name: string) => w.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

async function runInConsole(text: string): Promise<void> {
	const before = await w.page.locator('[data-history] li').count();
	await w.page.locator('.cm-content').click();
	await w.page.keyboard.press('ControlOrMeta+a');
	await w.page.keyboard.press('Delete');
	await w.page.keyboard.insertText(text);
	await w.page.keyboard.press('Control+Enter');
	await w.page.waitForFunction((n) => document.querySelectorAll('[data-history] li').length > n, before, { timeout: 60_000 });
}

beforeAll(async () => {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(TICKETS, 'ticket_id,opened_at,clinic_id,category\nE1,2026-03-16 08:00:00,C01,how_to\nE2,2026-03-17 09:00:00,C02,access\n');
	foreign = createServer((req, res) => {
		foreignHits.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'Content-Type': 'text/csv', 'Access-Control-Allow-Origin': '*' }).end('a,b\n1,2\n');
	});
	await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
	site = await startSite();
	w = await openWatchedPage(site.browser);
});

afterAll(async () => {
	await site?.close();
	await new Promise((resolve) => foreign?.close(resolve));
});

describe('every page and feature, recorded', () => {
	it('overview: filters, time axis, downloads, data tables, link, print', async () => {
		await w.page.goto(`${site.origin}/`);
		await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]', { timeout: 90_000 });
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		// Until DuckDB has taken over from the build-time first view, the page may still redraw the filter bar.
		await w.page.waitForFunction(() => performance.getEntriesByName('hypercare:overview-live').length > 0, null, { timeout: 90_000 });
		await w.page.getByRole('radio', { name: 'Weeks since go-live' }).check();
		await w.page.locator('input[name="site"]').first().check();
		await w.page.waitForFunction(() => location.hash.startsWith('#view=2.'));
		await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]');
		await download(w.page.getByRole('button', { name: /^Download Tickets opened per .* as PNG$/ }));
		await download(w.page.getByRole('button', { name: /^Download the data of Tickets opened per .* as CSV$/ }));
		await w.page.locator('[data-chart="backlog"] summary').click();
		await w.page.getByRole('button', { name: /Copy link/ }).click();
		// The link reopens the view in another tab (its requests are recorded with the context's).
		const other = await w.context.newPage();
		const otherErrors: string[] = [];
		other.on('console', (m) => m.type() === 'error' && otherErrors.push(m.text()));
		await other.goto(w.page.url());
		await other.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
		await other.waitForFunction(() => (document.querySelector('input[name="axis"][value="go_live"]') as HTMLInputElement | null)?.checked);
		await other.close();
		expect(otherErrors).toEqual([]);
		await w.page.emulateMedia({ media: 'print' });
		await w.page.pdf({ format: 'A4' });
		await w.page.emulateMedia({ media: 'screen' });
		await w.page.getByRole('button', { name: 'Clear filters' }).click();
	});

	it('root causes: charts and a drill-down', async () => {
		await nav('Root causes');
		await w.page.waitForSelector('[data-chart="cause-totals"][data-state="rendered"]', { timeout: 120_000 });
		await w.page.locator('[data-effect="variance"] tbody tr').first().getByRole('button', { name: 'tickets' }).click();
		await w.page.waitForSelector('[data-drill] tbody tr', { timeout: 60_000 });
	});

	it('recovery: scorecard, rules applied, a download', async () => {
		await nav('Recovery');
		await w.page.waitForFunction(() => document.querySelectorAll('[data-scorecard] tbody tr').length > 20, null, { timeout: 120_000 });
		await w.page.locator('input[name="productivityThreshold"]').fill('80');
		await w.page.getByRole('button', { name: 'Apply rules' }).click();
		await download(w.page.getByRole('button', { name: 'Download the data of Visits per provider-day, % of baseline as CSV' }));
	});

	it('SQL console: run, chart, export CSV and Parquet', async () => {
		await nav('SQL console');
		await w.page.waitForSelector('[data-phase="ready"]', { timeout: 90_000 });
		await runInConsole('SELECT category, count(*) AS tickets FROM tickets GROUP BY ALL ORDER BY 2 DESC');
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		await download(w.page.getByRole('button', { name: 'Export CSV' }));
		await download(w.page.getByRole('button', { name: 'Export Parquet' }));
	});

	it('SQL that names another origin: refused by the guard, and past the guard DuckDB still reaches nothing', async () => {
		await runInConsole(`SELECT * FROM read_csv('${foreignOrigin}/guarded.csv')`);
		expect(await w.page.locator('[data-query-error] .message').textContent()).toMatch(/cannot reach the network/);
		// Split so that no string in it looks like a URL: the guard lets it through to DuckDB.
		const refused = /Permission Error: Cannot access file .* file system operations are disabled by configuration/;
		await runInConsole(`SELECT * FROM read_csv('http:' || '//${foreignOrigin.slice('http://'.length)}/past-the-guard.csv')`);
		expect(await w.page.locator('[data-query-error] .message').textContent()).toMatch(refused);
		await runInConsole(`SELECT count(*) FROM read_text(['http:' || '//${foreignOrigin.slice('http://'.length)}/text.txt'])`);
		expect(await w.page.locator('[data-query-error] .message').textContent()).toMatch(refused);
		expect(foreignHits).toEqual([]);
	});

	it('import, then clear all data', async () => {
		await nav('Import');
		await w.page.locator('input[type="file"]').setInputFiles(TICKETS);
		await w.page.locator('[data-file="tickets.csv"] select[name="preset"]').waitFor();
		await w.page.getByRole('button', { name: 'Load 1 file' }).click();
		await w.page.waitForSelector('[data-import-summary]', { timeout: 60_000 });
		await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
		await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
		await nav('Import');
		await w.page.getByRole('button', { name: 'Clear all data' }).click();
		await w.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await w.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
	});

	it('requested nothing from another origin, the other origin heard nothing, and no error was logged', () => {
		expect(w.requests.length).toBeGreaterThan(20);
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(foreignHits).toEqual([]);
		// The console's refused and failed statements are shown in the page, not logged as errors.
		expect(w.errors).toEqual([]);
	});
});
