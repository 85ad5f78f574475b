/**
 * Nothing lost: the saved import survives a full disk, a reload in the middle of an import
 * or of its save, two tabs importing at once, and the IndexedDB fallback after "clear all
 * data" (the same tab imports again). Faults are injected by an init script
 * around OPFS's `createWritable`, switched by a `test:storage-fault` key in localStorage.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openWatchedPage, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');
const ARTIFACTS = path.resolve('tests/e2e/.artifacts/storage-safety');
const tickets = (name: string, ids: readonly string[]) => {
	const file = path.join(ARTIFACTS, name);
	writeFileSync(file, ['ticket_id,opened_at,clinic_id,category', ...ids.map((id) => `${id},2026-03-16 08:00:00,C01,how_to`)].join('\n'));
	return file;
};

let site: SiteUnderTest;
let w: WatchedPage;
let files: Record<'x' | 'y' | 'z', string>;

type Fault = 'quota' | 'hang-manifest' | 'slow-manifest' | null;

/** Runs in every page before the app: OPFS writes fail, hang or lag as `test:storage-fault` says. */
function storageFaults() {
	const original = FileSystemFileHandle.prototype.createWritable;
	FileSystemFileHandle.prototype.createWritable = async function (this: FileSystemFileHandle, ...args: Parameters<typeof original>) {
		const fault = localStorage.getItem('test:storage-fault');
		if (fault === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		if (this.name === 'manifest.json' && fault === 'hang-manifest') {
			// Tells the test the save is stuck right before the manifest, so it can reload then.
			localStorage.setItem('test:storage-hung', 'manifest.json');
			await new Promise(() => undefined);
		}
		// Long enough for another tab's whole save to fit in between, were saves not serialised.
		if (this.name === 'manifest.json' && fault === 'slow-manifest') await new Promise((resolve) => setTimeout(resolve, 2000));
		return original.apply(this, args);
	};
}

const setFault = (page: Page, fault: Fault) => page.evaluate((f) => (f ? localStorage.setItem('test:storage-fault', f) : localStorage.removeItem('test:storage-fault')), fault);

async function openImport(page: Page) {
	await page.goto(`${site.origin}/import`);
	await page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
}

async function startImport(page: Page, file: string) {
	await page.locator('input[type="file"]').setInputFiles(file);
	await page.locator(`[data-file="${path.basename(file)}"] select[name="preset"]`).waitFor();
	await page.getByRole('button', { name: 'Load 1 file' }).click();
}

// An import ends with its analysis and every page's default view computed for it (kept results): two tabs
// doing both at once on a loaded 2-core CI machine took over two minutes.
const finished = (page: Page) =>
	page.waitForFunction(() => document.querySelector('[data-import-summary], .error-panel[role="alert"]') && !document.querySelector('progress'), null, { timeout: 240_000 });

/** What the browser holds: the OPFS folder's files, and the manifest's tables with their blobs. */
function stored(page: Page) {
	return page.evaluate(async () => {
		const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('hypercare', { create: true });
		const names: string[] = [];
		for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
		const file = names.includes('manifest.json') ? await (await dir.getFileHandle('manifest.json')).getFile() : null;
		const manifest = file ? (JSON.parse(await file.text()) as { tables: { table: string; blob: string; rows: number; files: string[] }[]; kept?: { blob: string } }) : null;
		return {
			names: names.sort(),
			tables: manifest?.tables.map((t) => ({ table: t.table, blob: t.blob, rows: t.rows, files: t.files })) ?? [],
			// The pages' results kept for these tables (computed right after the import), when the manifest names them.
			kept: manifest?.kept?.blob ?? null
		};
	});
}

/** The tickets' row count as a fresh page restores them from storage (the console's schema browser). */
async function rowsAfterReload(context: BrowserContext): Promise<string> {
	const page = await context.newPage();
	await page.goto(`${site.origin}/console`);
	await page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
	await page.waitForSelector('[data-object="tickets"] [data-rows]');
	await page.waitForSelector('[data-object="tickets"] [data-rows]:not(:text("…"))');
	const rows = (await page.locator('[data-object="tickets"] [data-rows]').textContent()) ?? '';
	await page.close();
	return rows;
}

beforeAll(async () => {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	files = { x: tickets('x.csv', ['X1', 'X2']), y: tickets('y.csv', ['Y1', 'Y2', 'Y3']), z: tickets('z.csv', ['Z1', 'Z2', 'Z3', 'Z4']) };
	site = await startSite();
	w = await openWatchedPage(site.browser);
	await w.context.addInitScript(storageFaults);
	await openImport(w.page);
	await startImport(w.page, files.x);
	await finished(w.page);
});

afterAll(() => site?.close());

/** The previous import (x.csv, 2 tickets) is what the browser holds, complete, and nothing else. */
async function expectPreviousIntact(page: Page) {
	const { names, tables, kept } = await stored(page);
	expect(tables).toEqual([{ table: 'tickets', blob: expect.stringMatching(/^tickets-/), rows: 2, files: ['x.csv'] }]);
	expect(kept).toMatch(/^kept-/);
	expect(names).toEqual([tables[0]?.blob, kept, 'manifest.json'].sort());
}

describe('a full disk', () => {
	it('says so, changes nothing, and leaves the previous data saved and loadable', async () => {
		await expectPreviousIntact(w.page);
		await setFault(w.page, 'quota');
		await startImport(w.page, files.y);
		await finished(w.page);
		expect(await w.page.locator('.error-panel[role="alert"]').innerText()).toContain(
			'This browser has no room left to save the import (its storage quota for this site is full): nothing was changed, and the data shown before is still shown and saved.'
		);
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
		await setFault(w.page, null);
		await expectPreviousIntact(w.page);
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
	});
});

describe('a reload in the middle of an import', () => {
	it('while its save is being written: the previous manifest and tables load, the half-saved blobs are removed', async () => {
		await setFault(w.page, 'hang-manifest');
		await startImport(w.page, files.y);
		// The new table's blob is written; its manifest never will be.
		await w.page.waitForFunction(() => localStorage.getItem('test:storage-hung') === 'manifest.json', null, { timeout: 60_000 });
		expect((await stored(w.page)).names.filter((n) => n.startsWith('tickets-'))).toHaveLength(2);
		await setFault(w.page, null);
		await w.page.evaluate(() => localStorage.removeItem('test:storage-hung'));
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
		await expectPreviousIntact(w.page);
	});

	it('while its file is being read: the previous data loads', async () => {
		await startImport(w.page, SERVICENOW);
		await w.page.locator('progress').waitFor();
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
		await expectPreviousIntact(w.page);
	});
});

describe('two tabs importing at once', () => {
	it('leave one import’s complete result, never a mix or a manifest pointing at nothing', { timeout: 300_000 }, async () => {
		const second = await w.context.newPage();
		await openImport(second);
		await setFault(w.page, 'slow-manifest');
		await Promise.all([startImport(w.page, files.y), startImport(second, files.z)]);
		await Promise.all([finished(w.page), finished(second)]);
		expect(await w.page.locator('[data-import-summary]').count()).toBe(1);
		expect(await second.locator('[data-import-summary]').count()).toBe(1);
		await setFault(w.page, null);
		const { names, tables, kept } = await stored(w.page);
		expect(tables).toHaveLength(1);
		const winner = tables[0];
		expect([
			{ rows: 3, files: ['y.csv'] },
			{ rows: 4, files: ['z.csv'] }
		]).toContainEqual({ rows: winner?.rows, files: winner?.files });
		// The winner's kept results, or none (the other tab's never stay: they were computed for other tables).
		expect(names).toEqual([winner?.blob, ...(kept ? [kept] : []), 'manifest.json'].sort());
		expect(await rowsAfterReload(w.context)).toBe(String(winner?.rows));
		await second.close();
	});
});

describe('IndexedDB, where OPFS is missing', () => {
	/** A browser without OPFS (a fresh context), at the Import page, with x.csv imported and saved in IndexedDB. */
	async function importedIntoIdb(): Promise<WatchedPage> {
		const idb = await openWatchedPage(site.browser);
		await idb.context.addInitScript(() => Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined }));
		await openImport(idb.page);
		await startImport(idb.page, files.x);
		await finished(idb.page);
		return idb;
	}

	it('saves again after clear all data', async () => {
		const idb = await importedIntoIdb();
		await idb.page.getByRole('button', { name: 'Clear all data' }).click();
		await idb.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await idb.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
		// The same tab, without a reload: the store must not be the database that was deleted.
		await startImport(idb.page, files.y);
		await finished(idb.page);
		expect(await idb.page.locator('.error-panel[role="alert"]').count()).toBe(0);
		await idb.page.reload();
		await idb.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await idb.page.locator('.status').innerText()).toContain('tickets 3');
		expect(idb.errors).toEqual([]);
		await idb.context.close();
	});

	it('clears all data while another tab holds the saved import open, and that tab goes on saving', async () => {
		const idb = await importedIntoIdb();
		// The other tab restored the saved import from IndexedDB: its connection stays open.
		const other = await idb.context.newPage();
		await openImport(other);
		expect(await other.locator('.status').innerText()).toContain('tickets 2');
		// Deleting the database waits for every connection to close; the clearing tab holds the storage lock meanwhile.
		await idb.page.getByRole('button', { name: 'Clear all data' }).click();
		await idb.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await idb.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
		// The other tab's store opens the database again (no reload): its import is saved and is what both tabs load.
		await startImport(other, files.z);
		await finished(other);
		expect(await other.locator('.error-panel[role="alert"]').count()).toBe(0);
		await idb.page.reload();
		await idb.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await idb.page.locator('.status').innerText()).toContain('tickets 4');
		expect(idb.errors).toEqual([]);
		await idb.context.close();
	});

	it('requested nothing from another origin and logged no error', () => {
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
