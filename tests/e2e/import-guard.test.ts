/**
 * A bad import never wipes good data (issue 22 items 1 and 2), in Chromium against the static
 * build: an all-rejected file keeps the saved tickets over a reload, a smaller one replaces them
 * only once confirmed, and a first import says truthfully what happens to the sample's tables.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const ARTIFACTS = path.resolve('tests/e2e/.artifacts/import-guard');
const HEADER = 'ticket_id,opened_at,clinic_id,category,priority';
const GOOD = path.join(ARTIFACTS, 'good-16.csv');
const ALL_BAD = path.join(ARTIFACTS, 'all-bad.csv');
const THREE = path.join(ARTIFACTS, 'three.csv');
const CLINICS_BROKEN = path.join(ARTIFACTS, 'clinics-broken.csv');

let site: SiteUnderTest;
let w: WatchedPage;

const lines = (n: number, opened: (i: number) => string) => [HEADER, ...Array.from({ length: n }, (_, i) => `T${i},${opened(i)},C1,how_to,3`)].join('\n');

async function importFiles(files: readonly string[]): Promise<void> {
	const { page } = w;
	for (const button of await page.getByRole('button', { name: /^Remove / }).all()) await button.click();
	await page.locator('input[type="file"]').setInputFiles([...files]);
	for (const file of files) await page.locator(`[data-file="${path.basename(file)}"] select[name="preset"]`).waitFor();
	await page.getByRole('button', { name: /^Load \d+ files?$/ }).click();
	await page.waitForFunction(() => document.querySelector('[data-import-summary], [data-confirm-shrink], [role="alert"]') && !document.querySelector('progress'), null, { timeout: 60_000 });
}

const status = () => w.page.locator('.status').innerText();
const tableRow = (table: string) => w.page.locator(`[data-summary="tables"] tr[data-table="${table}"]`);

beforeAll(async () => {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(
		GOOD,
		lines(16, (i) => `2026-03-${String(i + 1).padStart(2, '0')} 09:00:00`)
	);
	writeFileSync(
		ALL_BAD,
		lines(16, () => 'not a date')
	);
	writeFileSync(
		THREE,
		lines(3, (i) => `2026-04-0${i + 1} 09:00:00`)
	);
	// The clinics columns, but no go-live date: the file stops.
	writeFileSync(CLINICS_BROKEN, 'clinic_id,clinic_name,region,specialty,provider_count\nC1,North,East,Primary care,4\n');
	site = await startSite();
	w = await site.open('/import', '[data-dataset-phase="ready"]');
});

afterAll(() => site?.close());

describe('an import never wipes good data', () => {
	it('on a first import, says the stopped table is now empty, not that "the previous clinics stay"', async () => {
		await importFiles([GOOD, CLINICS_BROKEN]);
		expect(await tableRow('tickets').getAttribute('data-status')).toBe('replaced');
		const clinics = await tableRow('clinics').innerText();
		expect(clinics).not.toContain('the previous clinics stay');
		expect(clinics).toContain('clinics is now empty: a first import replaces the whole bundled sample');
		expect(await status()).toContain('tickets 16');
	});

	it('keeps the 16 saved tickets when every row of the next file is rejected, over a reload', async () => {
		await importFiles([ALL_BAD]);
		expect(await tableRow('tickets').getAttribute('data-status')).toBe('kept');
		expect(await tableRow('tickets').innerText()).toContain('not replaced: no row of all-bad.csv was accepted; the previous tickets stay');
		expect(await tableRow('tickets').getAttribute('data-rejected')).toBe('16');
		expect(await status()).toContain('tickets 16');
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await status()).toContain('tickets 16');
	});

	it('asks before replacing 16 saved tickets with 3, showing both counts; kept, the 16 stay', async () => {
		await importFiles([THREE]);
		const ask = w.page.locator('[data-confirm-shrink] [data-shrinking="tickets"]');
		expect(await ask.innerText()).toBe('tickets: 3 accepted rows would replace the 16 saved');
		if (process.env.SCREENSHOTS) {
			for (const width of [1440, 390]) {
				await w.page.setViewportSize({ width, height: 900 });
				await w.page.screenshot({ path: path.join(ARTIFACTS, `import-confirm-${width}.png`), fullPage: true });
			}
			await w.page.pdf({ path: path.join(ARTIFACTS, 'import-confirm.pdf') });
			await w.page.setViewportSize({ width: 1280, height: 900 });
		}
		await w.page.getByRole('button', { name: 'Keep the saved rows' }).click();
		await w.page.waitForSelector('[data-import-summary]');
		expect(await tableRow('tickets').getAttribute('data-status')).toBe('kept');
		expect(await tableRow('tickets').getAttribute('data-held')).toBe('3');
		expect(await status()).toContain('tickets 16');
	});

	it('replaces them once the user confirms', async () => {
		await importFiles([THREE]);
		await w.page.getByRole('button', { name: 'Replace with fewer rows' }).click();
		await w.page.waitForSelector('[data-import-summary]');
		expect(await tableRow('tickets').getAttribute('data-status')).toBe('replaced');
		expect(await status()).toContain('tickets 3');
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await status()).toContain('tickets 3');
	});

	it('Clear all data leaves no OPFS folder, nor does a later visit that looks for a saved import', async () => {
		const opfs = () =>
			w.page.evaluate(async () => {
				const names: string[] = [];
				for await (const name of ((await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
				return names;
			});
		expect(await opfs()).toEqual(['hypercare']);
		await w.page.getByRole('button', { name: 'Clear all data' }).click();
		await w.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await w.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
		expect(await opfs()).toEqual([]);
		// A tab that still believes an import is saved looks for it on its next visit: finding none must create nothing.
		await w.page.evaluate(() => localStorage.setItem('hypercare:source', 'imported'));
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await w.page.getAttribute('[data-source]', 'data-source')).toBe('bundled');
		expect(await opfs()).toEqual([]);
	});

	it('imports a Jira Cloud all-fields export: every issue accepted, the unassigned ones counted apart on the Overview', async () => {
		await w.page.getByRole('link', { name: 'Import', exact: true }).first().click();
		await importFiles([path.resolve('tests/fixtures/imports/jira-cloud-all-fields.csv')]);
		expect(await tableRow('tickets').getAttribute('data-accepted')).toBe('6');
		expect(await tableRow('tickets').getAttribute('data-rejected')).toBe('0');
		await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
		await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
		expect(await w.page.getAttribute('[data-total="tickets"]', 'data-value')).toBe('6');
		expect(await w.page.getAttribute('[data-total="clinics"]', 'data-value')).toBe('2');
		expect(await w.page.locator('[data-unassigned]').innerText()).toContain('4 tickets name no clinic (“unassigned”)');
		if (process.env.SCREENSHOTS) {
			for (const width of [1440, 390]) {
				await w.page.setViewportSize({ width, height: 900 });
				await w.page.screenshot({ path: path.join(ARTIFACTS, `overview-unassigned-${width}.png`), fullPage: true });
			}
			await w.page.pdf({ path: path.join(ARTIFACTS, 'overview-unassigned.pdf') });
		}
	});

	const clinicChoices = () => w.page.locator('select[name="clinics"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	const NOTE = '4 tickets name no clinic (“unassigned”): counted in totals and trends, left out of per-clinic measures';

	it('Root causes: the 4 unassigned Jira tickets count in the cause totals and the by-week trend, not in the clinic × cause matrix nor the clinic list, and the page says so', async () => {
		// The page list is a menu on a phone: the Overview's screenshots may have left the tab 390 px wide.
		await w.page.setViewportSize({ width: 1280, height: 900 });
		await w.page.getByRole('link', { name: 'Root causes', exact: true }).first().click();
		await w.page.waitForSelector('[data-chart="clinic-cause-matrix"][data-state="rendered"]', { timeout: 90_000 });
		expect(await w.page.locator('[data-unassigned]').innerText()).toContain(NOTE);
		expect(await clinicChoices()).toEqual(['Eastgate', 'Northside']);
		for (const summary of await w.page.locator('figure details summary').all()) await summary.click();
		const rows = (chart: string) => w.page.locator(`[data-chart="${chart}"] tbody tr`);
		await rows('clinic-cause-matrix').first().waitFor();
		// The matrix is per clinic: only the two named clinics, never "unassigned".
		const matrixClinics = await rows('clinic-cause-matrix').locator('td:first-child').allInnerTexts();
		expect(new Set(matrixClinics)).toEqual(new Set(['Eastgate', 'Northside']));
		// The cause totals and the by-week trend count all 6 tickets, the 4 unassigned included.
		const sum = async (chart: string, column: number) => (await rows(chart).locator(`td:nth-child(${column})`).allInnerTexts()).reduce((total, cell) => total + Number(cell), 0);
		await rows('cause-totals').first().waitFor();
		expect(await sum('cause-totals', 2)).toBeCloseTo(6, 6);
		await rows('cause-by-week').first().waitFor();
		expect(await w.page.locator('[data-chart="cause-by-week"] thead th:last-child').innerText()).toBe('total');
		expect(await sum('cause-by-week', await w.page.locator('[data-chart="cause-by-week"] thead th').count())).toBeCloseTo(6, 6);
		if (process.env.SCREENSHOTS) {
			for (const width of [1440, 390]) {
				await w.page.setViewportSize({ width, height: 900 });
				await w.page.screenshot({ path: path.join(ARTIFACTS, `causes-unassigned-${width}.png`), fullPage: true });
			}
			await w.page.setViewportSize({ width: 1280, height: 900 });
		}
	});

	it('Recovery: no scorecard row nor clinic choice for the unassigned tickets, and the page says how many', async () => {
		await w.page.getByRole('link', { name: 'Recovery', exact: true }).first().click();
		await w.page.waitForSelector('[data-unassigned]', { timeout: 90_000 });
		expect(await w.page.locator('[data-unassigned]').innerText()).toContain(NOTE);
		expect(await clinicChoices()).toEqual(['Eastgate', 'Northside']);
		expect(await w.page.locator('[data-clinic="unassigned"]').count()).toBe(0);
		if (process.env.SCREENSHOTS) {
			for (const width of [1440, 390]) {
				await w.page.setViewportSize({ width, height: 900 });
				await w.page.screenshot({ path: path.join(ARTIFACTS, `recovery-unassigned-${width}.png`), fullPage: true });
			}
			await w.page.setViewportSize({ width: 1280, height: 900 });
		}
	});

	it('requested nothing from another origin and logged no error', () => {
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
