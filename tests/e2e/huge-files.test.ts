/**
 * Huge and hostile files through the Import page's file input in Chromium (the corpus of
 * tests/fixtures/huge-files.ts, written into a temporary folder): each gets its own message
 * and counts that reconcile, the tab stays usable, and 100,000 clinics keep the overview usable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipBomb, manyClinics, oneLongLine, oversizedTickets, PNG, zeros } from '../fixtures/huge-files';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const GB = 1024 ** 3;
let dir: string;
let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hypercare-huge-e2e-'));
	zeros(path.join(dir, 'one-gigabyte.csv'), GB);
	oneLongLine(path.join(dir, 'one-line.csv'), 50 * 1024 * 1024);
	writeFileSync(path.join(dir, 'chart.csv'), PNG);
	oversizedTickets(path.join(dir, 'two-gigabytes.csv'), 2 * GB);
	await gzipBomb(path.join(dir, 'bomb.csv.gz'), GB);
	site = await startSite();
	w = await site.open('/import', '[data-dataset-phase="ready"]');
});

afterAll(async () => {
	await site?.close();
	rmSync(dir, { recursive: true, force: true });
});

const fileRow = (name: string) => w.page.locator(`[data-summary="files"] tr[data-file="${name}"]`);

async function counts(name: string) {
	const get = async (key: string) => Number(await fileRow(name).getAttribute(`data-${key}`));
	return { read: await get('read'), accepted: await get('accepted'), rejected: await get('rejected'), merged: await get('merged') };
}

async function load(files: readonly string[], loadable: number) {
	await w.page.locator('input[type="file"]').setInputFiles(files.map((f) => path.join(dir, f)));
	for (const f of files) await w.page.locator(`[data-file="${f}"] select[name="preset"], [data-file="${f}"] [data-file-error]`).first().waitFor({ timeout: 60_000 });
	await w.page.getByRole('button', { name: `Load ${loadable} file${loadable === 1 ? '' : 's'}` }).click();
	await w.page.waitForFunction(() => document.querySelector('[data-import-summary], .error-panel[role="alert"]') && !document.querySelector('progress'), null, { timeout: 120_000 });
}

describe('huge and hostile files', () => {
	it('each stops with its own message, nothing is read in part, and the counts reconcile', async () => {
		const stopped = {
			'one-gigabyte.csv': 'Stopped: not a CSV, JSON, Parquet or Excel file: it holds binary data',
			'one-line.csv': 'Stopped: not a table: its first line runs past 1 MB without a line break, so it has no header row',
			'chart.csv': 'Stopped: not a CSV, JSON, Parquet or Excel file: it is a PNG image',
			'two-gigabytes.csv':
				'Stopped: the file holds 2.1 GB, more than this browser tab can hold (1.5 GB per file): nothing was loaded from it. Cut it to a period or to some clinics first, with native DuckDB: npm run slice-export (docs/importing.md, “Limits”).',
			'bomb.csv.gz': 'Stopped: the gzip data expands more than 200 times'
		};
		await load(Object.keys(stopped), 2);
		for (const [name, message] of Object.entries(stopped)) {
			expect(await fileRow(name).getAttribute('data-status'), name).toBe('stopped');
			expect(await fileRow(name).innerText(), name).toContain(message);
			expect(await counts(name), name).toEqual({ read: 0, accepted: 0, rejected: 0, merged: 0 });
		}
		// Chromium feeds the decompressor as it asks, so the bomb stops after a few megabytes of output.
		const bomb = await fileRow('bomb.csv.gz').innerText();
		expect(Number(/became over (\d+) MB/.exec(bomb)?.[1])).toBeLessThan(64);
		expect(await w.page.locator('[data-summary="tables"] tr[data-table="tickets"]').getAttribute('data-status')).toBe('kept');
	});

	it('leaves the tab usable and the data as it was', async () => {
		await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
		await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
		expect(await w.page.getAttribute('[data-source]', 'data-source')).toBe('bundled');
	});
});

describe('a ticket table with 100,000 clinics', () => {
	it('imports, and the overview lists and draws a bounded number of them, saying so', async () => {
		const { clinics, tickets } = manyClinics(dir, 100_000);
		await w.page.getByRole('link', { name: 'Import', exact: true }).click();
		await load([path.basename(clinics), path.basename(tickets)], 2);
		const tables = w.page.locator('[data-summary="tables"]');
		expect(await tables.locator('tr[data-table="clinics"]').getAttribute('data-accepted')).toBe('100000');
		expect(await tables.locator('tr[data-table="tickets"]').getAttribute('data-accepted')).toBe('100000');

		await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
		const heatmap = w.page.locator('[data-chart="ticket-rate-heatmap"]');
		await heatmap.locator('[data-chart-limited]').waitFor({ timeout: 90_000 });
		await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]', { timeout: 90_000 });
		expect(await heatmap.locator('[data-chart-limited]').innerText()).toBe(
			'Showing the busiest 60 of 100,000 clinics; 99,940 left out: choose a site or clinics in the filters to see the others.'
		);
		// 60 clinics with one ticket each: one table row per clinic.
		expect(await heatmap.locator('summary').innerText()).toBe('Data (60 rows)');
		expect(await w.page.locator('select[name="clinics"] option').count()).toBe(1000);
		expect(await w.page.locator('[data-clinics-listed]').innerText()).toBe('1,000 of 100,000 clinics listed');

		// A clinic far down the list is found by search, chosen, and the charts follow.
		await w.page.getByRole('searchbox', { name: 'Find clinics' }).fill('K099999');
		expect(await w.page.locator('select[name="clinics"] option').allInnerTexts()).toEqual([expect.stringMatching(/^K099999 Clinic 99999/)]);
		await w.page.locator('select[name="clinics"]').selectOption('K099999');
		await w.page.waitForFunction(() => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') === '1', null, { timeout: 60_000 });
		await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		expect(await heatmap.locator('[data-chart-limited]').count()).toBe(0);
	});

	// Each page opens live here (no results are kept beyond 5,000 clinics).
	it('the Root causes matrix draws a bounded number of them too, saying so', { timeout: 300_000 }, async () => {
		await w.page.goto(`${site.origin}/attribution`);
		const matrix = w.page.locator('[data-chart="clinic-cause-matrix"]');
		await matrix.locator('[data-chart-limited]').waitFor({ timeout: 240_000 });
		expect(await matrix.locator('[data-chart-limited]').innerText()).toBe(
			'Showing the first 300 of 100,000 clinics; 99,700 left out: choose a site or clinics in the filters to see the others.'
		);
	});

	// Live, the scorecard is drawn before the attribution and its links to causes are done.
	it('the Recovery scorecard draws a bounded number of them too, saying so', { timeout: 300_000 }, async () => {
		await w.page.goto(`${site.origin}/recovery`);
		await w.page.locator('[data-scorecard-limited]').waitFor({ timeout: 240_000 });
		expect(await w.page.locator('[data-scorecard-limited]').innerText()).toBe(
			'Showing the first 300 of 100,000 clinics in this order: choose a site or clinics in the filters to see the others.'
		);
		expect(await w.page.locator('[data-scorecard] tbody tr').count()).toBe(300);
		// Then the attribution fills in the links to causes (here: not assessed, no throughput or billing).
		await w.page.locator('[data-causes="billing"] [data-not-assessed]').waitFor({ timeout: 50_000 });
	});

	it('requested nothing from another origin and logged no error', () => {
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
