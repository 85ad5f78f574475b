import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLink } from '$lib/url-state/codec';
import { BAD_FIELDS, BAD_LINKS } from '../fixtures/bad-links';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { SAMPLE_DIR } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;

const openAt = (route: string, chart: string) => site.open(route, `[data-chart="${chart}"][data-state="rendered"]`);

const tickets = (w: WatchedPage) => w.page.getAttribute('[data-total="tickets"]', 'data-value');

async function heatmapRows(w: WatchedPage): Promise<string[]> {
	const details = w.page.locator('[data-chart="ticket-rate-heatmap"] details');
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
}

async function waitForTicketsChange(w: WatchedPage, before: string | null) {
	await w.page.waitForFunction((b) => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') !== b, before);
	await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
}

beforeAll(async () => {
	site = await startSite();
});

afterAll(() => site?.close());

describe('links to a view', () => {
	it('reopen exactly the same view in a fresh browser context', async () => {
		const a = await openAt('/', 'ticket-rate-heatmap');
		const all = await tickets(a);
		await a.page.getByRole('radio', { name: 'Weeks since go-live' }).check();
		await a.page.locator('input[name="site"]').first().check();
		await waitForTicketsChange(a, all);
		await a.page.waitForFunction(() => location.hash.startsWith('#view=2.'));
		const url = a.page.url();
		const expectedTickets = await tickets(a);
		const expectedRows = await heatmapRows(a);

		const b = await openAt(url.replace(site.origin, ''), 'ticket-rate-heatmap');
		await b.page.waitForFunction((n) => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') === n, expectedTickets);
		expect(await heatmapRows(b)).toEqual(expectedRows);
		expect(await b.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		expect(await b.page.locator('[data-link-problem], [data-link-mismatch]').count()).toBe(0);
		expect(b.errors).toEqual([]);
		expect(foreignRequests(b.requests, site.origin)).toEqual([]);
		await a.context.close();
		await b.context.close();
	});

	it('go back and forward between views', async () => {
		const w = await openAt('/', 'ticket-rate-heatmap');
		const all = await tickets(w);
		await w.page.locator('input[name="site"]').first().check();
		await waitForTicketsChange(w, all);
		const filtered = await tickets(w);
		await w.page.waitForFunction(() => location.hash.startsWith('#view=2.'));
		await w.page.goBack();
		await waitForTicketsChange(w, filtered);
		expect(await tickets(w)).toBe(all);
		await w.page.goForward();
		await waitForTicketsChange(w, all);
		expect(await tickets(w)).toBe(filtered);
		await w.context.close();
	});

	it('reopen a root-cause drill-down', { timeout: 300_000 }, async () => {
		const a = await openAt('/attribution', 'clinic-cause-matrix');
		await a.page.locator('[data-effect="variance"] button').first().click();
		// A drill-down is the first thing on this page the kept results cannot answer: DuckDB starts and loads the tables now.
		await a.page.waitForSelector('[data-drill] tbody tr', { timeout: 120_000 });
		const title = await a.page.locator('[data-drill] h3').textContent();
		await a.page.waitForFunction(() => location.hash.startsWith('#view=2.'));
		const b = await openAt(a.page.url().replace(site.origin, ''), 'clinic-cause-matrix');
		await b.page.waitForSelector('[data-drill] tbody tr', { timeout: 120_000 });
		expect(await b.page.locator('[data-drill] h3').textContent()).toBe(title);
		await a.context.close();
		await b.context.close();
	});

	it('say so when the link was made on other data', async () => {
		const payload = await encodeLink({ v: 2, scope: { sites: [], clinics: [], from: null, to: null, axis: 'go_live' }, data: { digest: 'ffffffffffffffff', rows: { tickets: 12 } } });
		const w = await openAt(`/#view=${payload}`, 'ticket-rate-heatmap');
		const notice = await w.page.locator('[data-link-mismatch]').textContent();
		expect(notice).toMatch(/made on different data than is loaded here \(.*tickets: 12 rows there, [\d,]+ here/);
		expect(await w.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		await w.context.close();
	});

	// The whole corpus runs against the decoder in tests/unit/url-state; here a few kinds go through the page.
	const throughThePage = ['not base64url', 'truncated deflate', 'future version', 'script in payload'];
	it.each(BAD_LINKS.filter((l) => throughThePage.includes(l.name)))('open the default view with a message for a bad link: $name', async ({ payload }) => {
		const w = await openAt(`/#view=${encodeURIComponent(payload)}`, 'ticket-rate-heatmap');
		expect(await w.page.locator('[data-link-problem]').textContent()).toMatch(/default view is shown/);
		expect(await w.page.locator('input[name="axis"][value="calendar"]').isChecked()).toBe(true);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('links to a recovery view', () => {
	const RECOVERY_CHARTS = ['productivity-by-site', 'productivity-by-clinic', 'billing-lag', 'unbilled'];
	const slowClinic = (JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'truth', 'planted.json'), 'utf8')) as { slowProductivity: { clinicId: string }[] }).slowProductivity[0]?.clinicId ?? '';
	const statusOf = (w: WatchedPage, clinic: string) => w.page.getAttribute(`[data-scorecard] tr[data-clinic="${clinic}"] td[data-measure="productivity"]`, 'data-status');

	async function openRecovery(hash = ''): Promise<WatchedPage> {
		const w = await openAt(`/recovery${hash}`, 'productivity-by-clinic');
		for (const id of RECOVERY_CHARTS) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 90_000 });
		await w.page.waitForSelector('[data-scorecard] tbody tr');
		await w.page.waitForSelector('.results[data-busy="false"]');
		return w;
	}

	/** What the view shows: the scorecard in its order with every standing, and a chart's numbers. */
	async function shown(w: WatchedPage) {
		const scorecard = await w.page
			.locator('[data-scorecard] tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) =>
					[tr.getAttribute('data-clinic'), ...[...tr.querySelectorAll('td[data-measure]')].map((td) => `${td.getAttribute('data-status')}:${td.getAttribute('data-week')}`)].join(' ')
				)
			);
		const details = w.page.locator('[data-chart="productivity-by-site"] details');
		if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
		await details.locator('tbody tr').first().waitFor();
		const chart = await details.locator('tr').evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
		return { scorecard, chart };
	}

	it('reopen the filters, rules and scorecard sort in a fresh context, and go back and forward', async () => {
		const a = await openRecovery();
		expect(await statusOf(a, slowClinic)).toBe('slow');
		expect(await a.page.locator('[data-missing-data]').count()).toBe(0);
		await a.page.getByRole('radio', { name: 'Weeks since go-live' }).check();
		await a.page.locator('input[name="productivityThreshold"]').fill('80');
		await a.page.getByRole('button', { name: 'Apply rules' }).click();
		await a.page.waitForFunction(
			(c) => document.querySelector(`[data-scorecard] tr[data-clinic="${c}"] td[data-measure="productivity"]`)?.getAttribute('data-status') !== 'slow',
			slowClinic,
			{ timeout: 60_000 }
		);
		await a.page.waitForSelector('.results[data-busy="false"]');
		const ruled = a.page.url();
		const heading = a.page.getByRole('button', { name: /^Open backlog/ });
		await heading.click();
		await heading.click();
		await a.page.waitForFunction((before) => location.href !== before, ruled);
		const expected = await shown(a);
		expect(expected.scorecard.length).toBeGreaterThan(40);

		const b = await openRecovery(a.page.url().replace(`${site.origin}/recovery`, ''));
		expect(await shown(b)).toEqual(expected);
		expect(await b.page.locator('input[name="productivityThreshold"]').inputValue()).toBe('80');
		expect(await b.page.locator('th[aria-sort="descending"]').textContent()).toContain('Open backlog');
		expect(await b.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		expect(await b.page.locator('[data-link-problem], [data-link-mismatch]').count()).toBe(0);
		expect(b.errors).toEqual([]);
		expect(foreignRequests(b.requests, site.origin)).toEqual([]);

		// Back through both sort clicks to the default sort, the rules staying; forward again.
		const sortedBy = (label: string, direction: string) =>
			a.page.waitForFunction(([l, d]) => document.querySelector(`th[aria-sort="${d}"]`)?.textContent?.includes(l ?? ''), [label, direction]);
		await a.page.goBack();
		await sortedBy('Open backlog', 'ascending');
		await a.page.goBack();
		await sortedBy('Go-live', 'ascending');
		expect(await statusOf(a, slowClinic)).not.toBe('slow');
		await a.page.goForward();
		await a.page.goForward();
		await sortedBy('Open backlog', 'descending');
		expect(await shown(a)).toEqual(expected);
		await a.context.close();
		await b.context.close();
	}, 300_000);

	// The whole corpus runs against the decoder in tests/unit/url-state; here one goes through the page.
	it.each(BAD_FIELDS.filter((f) => f.name === 'rules running backwards'))('open the rest of the view when one field was tampered with: $name', async ({ payload, field }) => {
		const w = await openRecovery(`#view=${payload}`);
		expect(await w.page.locator('[data-link-problem]').textContent()).toBe(`This link was only partly usable: its ${field} could not be read. The rest of the view is shown.`);
		expect(await w.page.locator('input[name="axis"][value="go_live"]').isChecked()).toBe(true);
		expect(await w.page.locator('input[name="productivityThreshold"]').inputValue()).toBe('95');
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('links to the SQL console', () => {
	async function openConsole(hash: string): Promise<WatchedPage> {
		const w = await site.open(`/console${hash}`, '[data-phase="ready"]');
		// The schema is listed again once the attribution is built: every start-up step is over.
		await w.page.waitForSelector('[data-object="ticket_root_cause"] [data-rows]:not(:text("…"))', { timeout: 90_000 });
		return w;
	}

	it('put the SQL in the editor with a notice, and run nothing until Run is clicked', async () => {
		const sql = 'CREATE TABLE link_ran AS SELECT 42 AS answer';
		const w = await openConsole(`#view=${await encodeLink({ v: 2, console: { sql, chart: null } })}`);
		expect(await w.page.locator('.cm-content').textContent()).toBe(sql);
		expect(await w.page.locator('[data-notice]').textContent()).toBe('This link carries SQL; review it and press Run. Nothing has run.');
		expect(await w.page.locator('[data-object="link_ran"]').count()).toBe(0);
		expect(await w.page.locator('[data-row-count], [data-grid], [data-history] li').count()).toBe(0);
		await w.page.getByRole('button', { name: /^Run/ }).click();
		await w.page.waitForSelector('[data-object="link_ran"]', { timeout: 30_000 });
		expect(await w.page.locator('[data-history] li').count()).toBe(1);
		expect(await w.page.locator('[data-query-error], [data-notice]').count()).toBe(0);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('carry the typed SQL and chart mapping through Copy link into a fresh context', async () => {
		const sql = "SELECT 'b' AS label, 7 AS answer UNION ALL SELECT 'a', 42 ORDER BY label";
		const a = await openConsole('');
		await a.page.locator('.cm-content').click();
		await a.page.keyboard.type(sql);
		await a.page.keyboard.press('Escape');
		await a.page.getByRole('button', { name: /^Run/ }).click();
		await a.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		await a.page.getByLabel('Chart type').selectOption('line');
		await a.page.getByRole('button', { name: 'Copy link to this view' }).click();
		await a.page.waitForFunction(() => location.hash.startsWith('#view=2.'));

		const b = await openConsole(a.page.url().replace(`${site.origin}/console`, ''));
		expect(await b.page.locator('.cm-content').textContent()).toBe(sql);
		expect(await b.page.locator('[data-notice]').textContent()).toMatch(/^This link carries SQL/);
		expect(await b.page.locator('[data-grid]').count()).toBe(0);
		await b.page.getByRole('button', { name: /^Run/ }).click();
		await b.page.waitForSelector('[data-row-count="2"]', { timeout: 30_000 });
		await b.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		expect(await b.page.getByLabel('Chart type').inputValue()).toBe('line');
		expect(await b.page.getByLabel('x column').inputValue()).toBe('label');
		expect(b.errors).toEqual([]);
		await a.context.close();
		await b.context.close();
	}, 300_000);
	it('go back and forward between the queries run, putting each in the editor without running it', async () => {
		const w = await openConsole('');
		const editorText = () => w.page.locator('.cm-content').textContent();
		const runTyped = async (sql: string, rows: number) => {
			await w.page.locator('.cm-content').click();
			await w.page.keyboard.press('ControlOrMeta+A');
			await w.page.keyboard.type(sql);
			await w.page.keyboard.press('Escape');
			const before = w.page.url();
			await w.page.getByRole('button', { name: /^Run/ }).click();
			await w.page.waitForSelector(`[data-row-count="${rows}"]`, { timeout: 30_000 });
			await w.page.waitForFunction((url) => location.href !== url, before);
		};
		await runTyped('SELECT 1 AS one', 1);
		await runTyped('SELECT * FROM range(3)', 3);
		const ran = await w.page.locator('[data-history] li').count();
		await w.page.goBack();
		await w.page.waitForFunction(() => document.querySelector('.cm-content')?.textContent === 'SELECT 1 AS one');
		expect(await w.page.locator('[data-notice]').textContent()).toBe('This link carries SQL; review it and press Run. Nothing has run.');
		await w.page.goForward();
		await w.page.waitForFunction(() => document.querySelector('.cm-content')?.textContent === 'SELECT * FROM range(3)');
		expect(await editorText()).toBe('SELECT * FROM range(3)');
		expect(await w.page.locator('[data-history] li').count()).toBe(ran);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('print', () => {
	it('prints the report without its controls, with the filters in words and charts within the page', async () => {
		const w = await openAt('/', 'ticket-rate-heatmap');
		for (const id of ['tickets-by-week', 'backlog', 'time-to-resolve']) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`);
		await w.page.emulateMedia({ media: 'print' });
		expect(await w.page.locator('form.filters').isVisible()).toBe(false);
		expect(await w.page.locator('[data-filter-summary]').textContent()).toBe('Filters: all sites · all clinics · all dates · calendar weeks');
		const overflow = await w.page.evaluate(() => {
			const width = document.querySelector('main')?.getBoundingClientRect().right ?? 0;
			return [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().right > width + 1).length;
		});
		expect(overflow).toBe(0);
		const pdf = await w.page.pdf({ format: 'A4', landscape: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await w.context.close();
	});
});
