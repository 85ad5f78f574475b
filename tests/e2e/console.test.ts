import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { rows } from '../unit/helpers/fixture';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { independentSample } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;
let truth: Engine;
let w: WatchedPage;

const editor = () => w.page.locator('.cm-content');

/** Replaces the editor's text by typing it, as a person would (Escape closes autocomplete before each new line). */
async function typeQuery(lines: readonly string[]) {
	await editor().click();
	await w.page.keyboard.press('ControlOrMeta+a');
	await w.page.keyboard.press('Delete');
	for (const [i, line] of lines.entries()) {
		if (i > 0) {
			await w.page.keyboard.press('Escape');
			await w.page.keyboard.press('Enter');
		}
		await w.page.keyboard.type(line);
	}
}

async function runWithKeyboard() {
	const before = await w.page.locator('[data-history] li').count();
	await w.page.keyboard.press('Control+Enter');
	await w.page.waitForFunction((n) => document.querySelectorAll('[data-history] li').length > n, before, { timeout: 60_000 });
}

const rowCount = () => w.page.getAttribute('[data-grid]', 'data-rows');
/** The first result column of the rows drawn, top to bottom. */
const firstColumn = () => w.page.locator('[data-grid] .row').evaluateAll((rs) => rs.map((r) => r.querySelector('[role="gridcell"]')?.textContent ?? ''));

async function consoleReady() {
	await w.page.waitForSelector('[data-phase="ready"]', { timeout: 90_000 });
	// ticket_root_cause is listed once the attribution is built.
	await w.page.waitForSelector('[data-object="ticket_root_cause"] [data-rows]:not(:text("…"))', { timeout: 90_000 });
}

beforeAll(async () => {
	[site, truth] = await Promise.all([startSite(), independentSample()]);
	w = await site.open('/console');
	await consoleReady();
});

afterAll(async () => {
	await site?.close();
	await truth?.close();
});

describe('SQL console on the bundled data', () => {
	it('lists the documented tables and views with counts and descriptions', async () => {
		const [tickets] = await rows(truth, 'SELECT count(*) AS n FROM raw_tickets');
		const ticketRow = w.page.locator('[data-object="tickets"]');
		expect(await ticketRow.locator('[data-rows]').textContent()).toBe((tickets?.n as number).toLocaleString('en-US'));
		for (const name of ['clinics', 'training', 'workflow_variance', 'throughput', 'billing', 'ticket_facts', 'ticket_root_cause', 'attribution_training_effect']) {
			expect(await w.page.locator(`[data-object="${name}"] .description`).first().textContent(), name).toBeTruthy();
		}
	});

	it('runs a typed query with Ctrl+Enter into a virtualised grid and charts it', async () => {
		await typeQuery(['SELECT go_live_week, category, count(*) AS tickets FROM ticket_facts', 'WHERE go_live_week BETWEEN -2 AND 12 GROUP BY ALL ORDER BY 1, 2']);
		await runWithKeyboard();
		const expected = await rows(
			truth,
			`SELECT count(*) AS n FROM (SELECT DISTINCT CAST(floor(date_diff('day', c.go_live_date, CAST(t.opened_at AS DATE)) / 7) AS INTEGER) AS k, t.category
			FROM raw_tickets t JOIN raw_clinics c USING (clinic_id)) WHERE k BETWEEN -2 AND 12`
		);
		expect(Number(await rowCount())).toBe(expected[0]?.n);
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		await w.page.getByLabel('Chart type').selectOption('stacked-bar');
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		await w.page.locator('[data-chart="console-chart"] summary').click();
		// "rendered" may still be the line chart's until the stacked one replaces it: wait for its series columns.
		await w.page.waitForFunction(() => [...document.querySelectorAll('[data-chart="console-chart"] thead th')].some((th) => th.textContent === 'how_to'), null, { timeout: 30_000 });
		const legend = await w.page.locator('[data-chart="console-chart"] thead th').allTextContents();
		expect(legend).toEqual(expect.arrayContaining(['go_live_week', 'how_to', 'access']));
	});

	it('completes the loaded tables, their columns and DuckDB functions', async () => {
		const offered = async (label: string) => {
			await w.page.waitForFunction((l) => document.querySelector('.cm-tooltip-autocomplete li[aria-selected]')?.textContent?.startsWith(l), label);
			// CodeMirror ignores an Enter within 75 ms of the list changing (no accidental picks), as a person would not be that fast.
			await w.page.waitForTimeout(150);
		};
		await typeQuery(['SELECT * FROM ticket_roo']);
		await offered('ticket_root_cause');
		await w.page.keyboard.press('Enter');
		await w.page.keyboard.type(' WHERE root_ca');
		await offered('root_cause');
		await w.page.keyboard.press('Enter');
		await w.page.keyboard.type(" = 'x' AND quantile_co");
		await offered('quantile_cont');
		await w.page.keyboard.press('Escape');
		expect(await editor().textContent()).toBe("SELECT * FROM ticket_root_cause WHERE root_cause = 'x' AND quantile_co");
	});

	it('draws only the rows on screen of a large result, and scrolls to its end', async () => {
		await typeQuery(['SELECT * FROM ticket_facts ORDER BY ticket_id']);
		await runWithKeyboard();
		const [all] = await rows(truth, 'SELECT count(*) AS n FROM raw_tickets');
		expect(Number(await rowCount())).toBe(all?.n);
		expect(await w.page.locator('[data-grid] .row').count()).toBeLessThan(80);
		await w.page.locator('[data-grid]').evaluate((el) => (el.scrollTop = el.scrollHeight));
		await w.page.waitForFunction((n) => [...document.querySelectorAll('[data-grid] [role="rowheader"]')].some((c) => c.textContent === String(n)), all?.n);
	});

	it('sorts by a column in DuckDB and resizes a column', async () => {
		await typeQuery(['SELECT clinic_id, count(*) AS tickets FROM tickets GROUP BY ALL ORDER BY clinic_id']);
		await runWithKeyboard();
		const [most] = await rows(truth, 'SELECT clinic_id, count(*) AS n FROM raw_tickets GROUP BY ALL ORDER BY n DESC, clinic_id LIMIT 1');
		const header = w.page.locator('[data-grid]').getByRole('button', { name: /^tickets/ });
		await header.click();
		await w.page.waitForFunction(() => document.querySelector('[aria-sort="ascending"]'));
		await header.click();
		await w.page.waitForFunction(() => document.querySelector('[aria-sort="descending"]'));
		expect((await firstColumn())[0]).toBe(most?.clinic_id);
		const column = w.page.locator('[data-grid] [role="columnheader"]').nth(1);
		const before = (await column.boundingBox())?.width ?? 0;
		const handle = (await column.locator('[role="slider"]').boundingBox())!;
		await w.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await w.page.mouse.down();
		await w.page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 5 });
		await w.page.mouse.up();
		expect((await column.boundingBox())?.width).toBeGreaterThan(before + 100);
	});

	it('exports the result as CSV equal to the result, and as Parquet', async () => {
		await typeQuery(['SELECT clinic_id, count(*) AS tickets, min(opened_at) AS first_opened FROM tickets GROUP BY ALL ORDER BY clinic_id']);
		await runWithKeyboard();
		const [csvDownload] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: 'Export CSV' }).click()]);
		const csv = readFileSync((await csvDownload.path())!, 'utf8');
		const expected = await rows(
			truth,
			`SELECT clinic_id, count(*) AS tickets, strftime(min(opened_at), '%Y-%m-%d %H:%M:%S') AS first_opened FROM raw_tickets GROUP BY ALL ORDER BY clinic_id`
		);
		expect(csv).toBe(`\uFEFFclinic_id,tickets,first_opened\r\n${expected.map((r) => `${r.clinic_id},${r.tickets},${r.first_opened}\r\n`).join('')}`);

		const [parquetDownload] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: 'Export Parquet' }).click()]);
		const bytes = readFileSync((await parquetDownload.path())!);
		const back = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
		expect(back.map((r) => [r.clinic_id, Number(r.tickets)])).toEqual(expected.map((r) => [r.clinic_id, r.tickets]));
	});

	it('marks a syntax error at the line and column DuckDB reports', async () => {
		await typeQuery(['SELECT range AS a,', '  range * 2 AS b', 'FROM range(3) WHER range > 1']);
		await runWithKeyboard();
		const where = w.page.locator('[data-query-error] .where');
		expect(await where.getAttribute('data-error-line')).toBe('3');
		expect(await where.getAttribute('data-error-column')).toBe(String('FROM range(3) WHER '.length + 1));
		expect(await w.page.locator('[data-query-error] .message').textContent()).toMatch(/syntax error at or near "range"/);
		expect(await w.page.locator('.cm-lintRange-error').first().textContent()).toBe('range');
	});

	it('cancels a long query and stays usable', async () => {
		// A cross join of twenty billion row pairs: minutes of work for DuckDB-wasm's one thread.
		await typeQuery(['SELECT count(*) FROM range(2000000000) a, range(10) b WHERE a.range * b.range = -1']);
		await w.page.keyboard.press('Control+Enter');
		await w.page.waitForSelector('[data-running="true"]', { state: 'attached' });
		// The page answers while DuckDB works: the editor takes typing.
		await w.page.waitForTimeout(1000);
		await editor().click();
		await w.page.keyboard.press('End');
		await w.page.keyboard.type(' ');
		await w.page.getByRole('button', { name: 'Cancel' }).click();
		await w.page.waitForSelector('[data-running="false"]', { state: 'attached', timeout: 30_000 });
		expect(await w.page.locator('[data-notice]').textContent()).toMatch(/^Cancelled after/);
		await typeQuery(['SELECT 42 AS answer']);
		await runWithKeyboard();
		expect(await firstColumn()).toEqual(['42']);
	});

	it('refuses what would reach the network, and asks before changing loaded data', async () => {
		await typeQuery(["SELECT * FROM read_csv('https://example.org/tickets.csv')"]);
		await runWithKeyboard();
		expect(await w.page.locator('[data-query-error] .message').textContent()).toMatch(/cannot reach the network/);

		await typeQuery(['DROP TABLE tickets']);
		await w.page.keyboard.press('Control+Enter');
		await w.page.getByRole('alertdialog').waitFor();
		expect(await w.page.getByRole('alertdialog').textContent()).toMatch(/changes tickets, which the dashboards read/);
		await w.page.getByRole('button', { name: 'Don’t run' }).click();
		await typeQuery(['SELECT count(*) AS n FROM tickets']);
		await runWithKeyboard();
		const [all] = await rows(truth, 'SELECT count(*) AS n FROM raw_tickets');
		expect(await firstColumn()).toEqual([String(all?.n)]);
	});

	it('creates a temporary view that the schema browser lists as yours', async () => {
		await typeQuery(['CREATE TEMP VIEW my_open AS SELECT * FROM ticket_facts WHERE resolved_at IS NULL']);
		await runWithKeyboard();
		await w.page.waitForSelector('[data-object="my_open"]');
		await typeQuery(['SELECT count(*) FROM my_open']);
		await runWithKeyboard();
		const [open] = await rows(truth, 'SELECT count(*) AS n FROM raw_tickets WHERE resolved_at IS NULL');
		expect(await firstColumn()).toEqual([String(open?.n)]);
	});

	it('keeps history and saved queries in browser storage, and sets corrupt storage aside', async () => {
		await typeQuery(['SELECT 1 AS kept']);
		await w.page.getByLabel('Name of the query to save').fill('One');
		await w.page.getByRole('button', { name: 'Save', exact: true }).click();
		const stored = await w.page.evaluate(() => JSON.parse(localStorage.getItem('hypercare:console:history') ?? '{}') as { version: number; entries: { sql: string }[] });
		expect(stored.version).toBe(1);
		expect(stored.entries.map((e) => e.sql)).toContain('SELECT 42 AS answer');
		await w.page.evaluate(() => localStorage.setItem('hypercare:console:history', '{"version":1,"entries":[{"sql":'));

		await w.page.reload();
		await consoleReady();
		expect(await w.page.locator('[data-saved] li').first().textContent()).toContain('One');
		expect(await w.page.locator('[data-storage-problem]').textContent()).toMatch(/query history could not be read.*set aside under "hypercare:console:history:corrupt:/);
		const keys = await w.page.evaluate(() => Object.keys(localStorage));
		expect(keys.some((k) => k.startsWith('hypercare:console:history:corrupt:'))).toBe(true);
		// Opening a saved query puts it in the editor; nothing runs until asked.
		await w.page.locator('[data-saved] li button').first().click();
		expect(await editor().textContent()).toBe('SELECT 1 AS kept');
		expect(await w.page.locator('[data-grid]').count()).toBe(0);
	});

	it('shows INTERVAL values as DuckDB writes them', async () => {
		await typeQuery([`SELECT INTERVAL 90 MINUTE AS wait, INTERVAL '1 year 2 months 3 days' AS span, INTERVAL '-1 day 1.5 seconds' AS back`]);
		await runWithKeyboard();
		const cells = await w.page.locator('[data-grid] .row').first().locator('[role="gridcell"]').allTextContents();
		expect(cells.map((c) => c.trim())).toEqual(['01:30:00', '1 year 2 months 3 days', '-1 day 00:00:01.5']);
	});

	it('made no request to another origin and logged no error', () => {
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
