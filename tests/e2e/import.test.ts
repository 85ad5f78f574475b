/**
 * Importing real exports through the page's file input, in Chromium against the static build:
 * the ServiceNow event log (tests/fixtures/servicenow-incident-log), a Jira export, a Latin-1 day-first file and
 * a .csv.gz, the corpus of broken files, reload, cancel and "clear all data".
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, multiSheetWorkbook, parquet, ROWS, xlsx } from '../fixtures/tabular-files';
import { wideHeaderCsv } from '../fixtures/wide-header';
import { foreignRequests, openWatchedPage, type WatchedPage } from '../../scripts/harness/browser';
import { SAMPLE_DIR } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');
const FIXTURES = path.resolve('tests/fixtures');
const ARTIFACTS = path.resolve('tests/e2e/.artifacts/import');
const GZ = path.join(ARTIFACTS, 'tickets-week-12.csv.gz');
const XLSX = path.join(ARTIFACTS, 'tickets.xlsx');
const PARQUET = path.join(ARTIFACTS, 'tickets.parquet');
const NDJSON = path.join(ARTIFACTS, 'tickets.ndjson');
const WIDE = path.join(ARTIFACTS, 'wide-header.csv');
const WORKBOOK = path.join(ARTIFACTS, 'hypercare.xlsx');
/**
 * Big enough (about 50 MB) that reading and checking its rows, one DuckDB statement, lasts
 * about a second in Chromium: the cancel test clicks during it.
 */
const BIG = path.join(ARTIFACTS, 'big-tickets.csv');
const BIG_ROWS = 800_000;

let site: SiteUnderTest;
let w: WatchedPage;
const measured: Record<string, number> = {};

async function importFiles(files: readonly string[], before?: () => Promise<void>): Promise<void> {
	const { page } = w;
	for (const button of await page.getByRole('button', { name: /^Remove / }).all()) await button.click();
	await page.locator('input[type="file"]').setInputFiles([...files]);
	for (const file of files)
		await page
			.locator(`[data-file="${path.basename(file)}"] select[name="preset"], [data-file="${path.basename(file)}"] [data-file-error]`)
			.first()
			.waitFor();
	await before?.();
	await page.getByRole('button', { name: /^Load \d+ files?$/ }).click();
	await finished();
}

/** Waits for the import's end; these tests replace tables with fewer rows on purpose, so they confirm it when asked (import-guard.test.ts tests the question). */
async function finished(): Promise<void> {
	const { page } = w;
	const done = () =>
		page.waitForFunction(
			() => document.querySelector('[data-import-summary], [data-confirm-shrink], [data-import-cancelled], .error[role="alert"]') && !document.querySelector('progress'),
			null,
			{ timeout: 120_000 }
		);
	await done();
	if ((await page.locator('[data-confirm-shrink]').count()) === 0) return;
	await page.getByRole('button', { name: 'Replace with fewer rows' }).click();
	await done();
}

/** The saved import's manifest, as the page wrote it in OPFS. */
async function savedManifest(): Promise<string> {
	return w.page.evaluate(async () => {
		const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('hypercare');
		return (await (await dir.getFileHandle('manifest.json')).getFile()).text();
	});
}

const row = (kind: 'tables' | 'files', key: string) => w.page.locator(`[data-summary="${kind}"] tr[data-${kind === 'tables' ? 'table' : 'file'}="${key}"]`);

async function counts(kind: 'tables' | 'files', key: string) {
	const r = row(kind, key);
	const get = async (name: string) => Number(await r.getAttribute(`data-${name}`));
	return { read: await get('read'), accepted: await get('accepted'), rejected: await get('rejected'), merged: await get('merged') };
}

/** The rows of a chart's data table, as the user sees them under "Data". */
async function chartTable(id: string): Promise<string[][]> {
	const details = w.page.locator(`[data-chart="${id}"] details`);
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}

async function overviewTickets(): Promise<number> {
	await w.page.waitForSelector('[data-chart="tickets-by-week"][data-state="rendered"]', { timeout: 90_000 });
	return Number(await w.page.getAttribute('[data-total="tickets"]', 'data-value'));
}

async function storedData() {
	return w.page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const opfs: string[] = [];
		for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(name);
		const databases = (await indexedDB.databases()).map((d) => d.name);
		const keys = Object.keys(localStorage).filter((k) => k.startsWith('hypercare'));
		return { opfs, databases, keys };
	});
}

beforeAll(async () => {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(GZ, gzipSync(['ticket_id,opened_at,clinic_id,category,priority', 'G1,2026-03-16 08:00:00,C01,how_to,3', 'G2,2026-03-17 09:30:00,C02,break_fix,2'].join('\n')));
	writeFileSync(XLSX, xlsx());
	writeFileSync(PARQUET, parquet());
	writeFileSync(NDJSON, ROWS.map((r) => JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, r[i]])))).join('\n'));
	writeFileSync(WIDE, wideHeaderCsv());
	writeFileSync(WORKBOOK, multiSheetWorkbook());
	const big = ['ticket_id,opened_at,clinic_id,category,priority,short_description'];
	for (let i = 0; i < BIG_ROWS; i++) big.push(`B${i},2026-03-${String((i % 28) + 1).padStart(2, '0')} 09:00:00,C${i % 40},how_to,${(i % 5) + 1},Row ${i} of a big export`);
	writeFileSync(BIG, big.join('\n'));
	site = await startSite();
	w = await site.open('/import', '[data-dataset-phase="ready"]');
});

afterAll(() => site?.close());

describe('importing the ServiceNow incident event log', () => {
	it('detects the ServiceNow preset and gives exactly 24,918 tickets from 141,712 events', async () => {
		const started = Date.now();
		await importFiles([SERVICENOW], async () => {
			const preset = w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="preset"]');
			expect(await preset.locator('option:checked').textContent()).toBe('ServiceNow incidents → tickets');
			expect(await w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="date-format"]').inputValue()).toBe('day_first');
			// A missing location becomes no clinic, and the mapping says so beside the fill value.
			expect(await w.page.locator('[data-file="incident_event_log.csv.gz"]').getByLabel('Fill value of clinic_id').inputValue()).toBe('unassigned');
			expect(await w.page.locator('[data-file="incident_event_log.csv.gz"] [data-fill-note]').innerText()).toBe('no clinic: in totals and trends, not in per-clinic measures');
		});
		measured.servicenowSeconds = (Date.now() - started) / 1000;
		expect(await counts('tables', 'tickets')).toEqual({ read: 141_712, accepted: 24_918, rejected: 0, merged: 116_794 });
		expect(await row('files', 'incident_event_log.csv.gz').locator('[data-filled]').innerText()).toBe('Filled where empty: clinic_id: 6 (“unassigned”: no clinic), category: 7 (“other”)');
		// Every incident ends Closed; 1,556 have resolved_at = ? but a closed_at.
		expect(await row('files', 'incident_event_log.csv.gz').locator('[data-closure-fallback]').innerText()).toBe('Closure time not in resolved_at, taken from: closed_at: 1,556');
	});

	it('shows the imported tickets in the overview, by location and week, and says which data is shown', async () => {
		await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
		expect(await overviewTickets()).toBe(24_918);
		await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		const locations = new Set((await chartTable('ticket-rate-heatmap')).map((r) => r[0]));
		// 224 locations, the busiest 60 drawn, the rest said; the 6 incidents whose every version has `?` name no clinic ("unassigned").
		expect(locations.size).toBe(60);
		expect(await w.page.locator('[data-chart="ticket-rate-heatmap"] [data-chart-limited]').innerText()).toContain('Showing the busiest 60 of 224 clinics; 164 left out');
		expect(await w.page.getAttribute('[data-unassigned]', 'data-unassigned')).toBe('6');
		const weeks = await chartTable('tickets-by-week');
		expect(weeks.reduce((s, r) => s + Number(r.at(-1)), 0)).toBe(24_918);
		expect(await w.page.locator('[data-source]').innerText()).toContain('Showing imported files: incident_event_log.csv.gz (tickets)');
		// No closed incident counts as open: Open now is 0 and the backlog ends at 0.
		expect(await w.page.getAttribute('[data-total="open"]', 'data-value')).toBe('0');
		await w.page.waitForSelector('[data-chart="backlog"][data-state="rendered"]');
		expect((await chartTable('backlog')).at(-1)?.at(-1)).toBe('0');
	});

	it('shows them on the Root causes page too, all unattributed (no roster, register or areas)', async () => {
		await w.page.getByRole('navigation').getByRole('link', { name: 'Root causes' }).click();
		await w.page.waitForSelector('[data-chart="cause-totals"][data-state="rendered"]', { timeout: 90_000 });
		const totals = (await chartTable('cause-totals')).filter((r) => Number(r[1]) > 0);
		expect(totals.map((r) => [r[0], Math.round(Number(r[1]))])).toEqual([['unattributed', 24_918]]);
		await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
		expect(await overviewTickets()).toBe(24_918);
	});

	it('keeps the imported data over a reload', async () => {
		await w.page.reload();
		expect(await overviewTickets()).toBe(24_918);
		expect(await w.page.getAttribute('[data-source]', 'data-source')).toBe('imported');
		expect((await storedData()).opfs).toEqual(['hypercare']);
	});
});

describe('other exports', () => {
	it('reads a Jira export, a Latin-1 day-first file (date format changed in the mapping) and a .csv.gz together', async () => {
		await w.page.getByRole('link', { name: 'Import', exact: true }).click();
		await importFiles([path.join(FIXTURES, 'imports/jira-export.csv'), path.join(FIXTURES, 'imports/tickets-latin1.csv'), GZ], async () => {
			await w.page.locator('[data-file="tickets-latin1.csv"] select[name="date-format"]').selectOption('day_first');
		});
		expect(await counts('files', 'jira-export.csv')).toEqual({ read: 6, accepted: 6, rejected: 0, merged: 0 });
		expect(await counts('files', 'tickets-latin1.csv')).toEqual({ read: 3, accepted: 3, rejected: 0, merged: 0 });
		expect(await counts('files', 'tickets-week-12.csv.gz')).toEqual({ read: 2, accepted: 2, rejected: 0, merged: 0 });
		expect(await counts('tables', 'tickets')).toEqual({ read: 11, accepted: 11, rejected: 0, merged: 0 });
		expect(await row('files', 'tickets-latin1.csv').innerText()).toContain('Latin-1 (Windows-1252), transcoded to UTF-8, semicolon-separated');
		expect(await w.page.locator('[data-unknown-values="tickets"]').innerText()).toContain('category = “Epic” (1 row)');
		// The issue without a clinic is kept, in the "unassigned" clinic.
		expect(await row('files', 'jira-export.csv').locator('[data-filled]').innerText()).toBe('Filled where empty: clinic_id: 1 (“unassigned”: no clinic)');
		expect(await w.page.locator('[data-rejected-rows]').count()).toBe(0);
		// 11 tickets, a few of them resolved: the p90 tile says not assessed, not the slowest ticket as a "p90".
		await w.page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
		expect(await overviewTickets()).toBe(11);
		expect(await w.page.locator('[data-total="p90"] [data-not-assessed]').innerText()).toBe('not assessed');
		expect(await w.page.getAttribute('[data-total="p90"]', 'data-value')).toBeNull();
		await w.page.getByRole('link', { name: 'Import', exact: true }).click();
	});

	it('decodes Excel, Parquet and JSON in the page; the same tickets in all three merge, the last file winning', async () => {
		await importFiles([XLSX, PARQUET, NDJSON]);
		expect(await row('files', 'tickets.xlsx').innerText()).toContain('Excel');
		expect(await counts('files', 'tickets.xlsx')).toEqual({ read: 2, accepted: 0, rejected: 0, merged: 2 });
		expect(await counts('files', 'tickets.parquet')).toEqual({ read: 2, accepted: 0, rejected: 0, merged: 2 });
		expect(await counts('files', 'tickets.ndjson')).toEqual({ read: 2, accepted: 2, rejected: 0, merged: 0 });
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
	});

	it('offers the adjusted mapping again for the next export of the same shape', async () => {
		await w.page.locator('input[type="file"]').setInputFiles(path.join(FIXTURES, 'imports/tickets-latin1.csv'));
		const card = w.page.locator('[data-file="tickets-latin1.csv"]');
		await card.locator('select[name="preset"]').waitFor();
		expect(await card.locator('select[name="preset"] option:checked').textContent()).toBe('saved: Hypercare tickets columns → tickets');
		expect(await card.locator('select[name="date-format"]').inputValue()).toBe('day_first');
		await card.getByRole('button', { name: /^Remove / }).click();
	});
});

describe('the corpus of broken files', () => {
	const bad = (name: string) => path.join(FIXTURES, 'bad', name);

	it('gives each its specific message, keeps the good rows, and the counts reconcile', async () => {
		await importFiles(['ragged-rows.csv', 'wrong-types.csv', 'impossible-dates.csv', 'duplicate-keys.csv', 'empty.csv', 'binary-junk.csv'].map(bad));
		expect(await counts('files', 'ragged-rows.csv')).toEqual({ read: 4, accepted: 2, rejected: 2, merged: 0 });
		expect(await counts('files', 'wrong-types.csv')).toEqual({ read: 5, accepted: 2, rejected: 3, merged: 0 });
		expect(await counts('files', 'impossible-dates.csv')).toEqual({ read: 5, accepted: 1, rejected: 4, merged: 0 });
		expect(await counts('files', 'duplicate-keys.csv')).toEqual({ read: 4, accepted: 2, rejected: 0, merged: 2 });
		expect(await counts('tables', 'tickets')).toEqual({ read: 18, accepted: 7, rejected: 9, merged: 2 });
		expect(await row('files', 'empty.csv').innerText()).toContain('Stopped: the file is empty');
		expect(await row('files', 'binary-junk.csv').innerText()).toContain('Stopped: not a CSV, JSON, Parquet or Excel file: it holds binary data');
		const reasons = await w.page.locator('[data-rejected-rows] tbody tr').allInnerTexts();
		expect(reasons).toHaveLength(9);
		expect(reasons).toContain('ragged-rows.csv\t3\t(row)\t(row)\t9 fields\t12 fields, as in the header');
		expect(reasons).toContain('wrong-types.csv\t3\tpriority\tpriority\thigh\ta whole number from 1 to 5');
		expect(reasons).toContain('impossible-dates.csv\t3\topened_at\topened_at\t2026-02-30 09:00:00\ta date and time like 2016-02-29 13:16');
		const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: 'Download all rejected rows as CSV' }).click()]);
		const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
		expect(csv[0]).toBe('\uFEFFfile,row,column,target,value,expected');
		expect(csv).toContain('impossible-dates.csv,3,opened_at,opened_at,2026-02-30 09:00:00,a date and time like 2016-02-29 13:16');
		expect(csv).toHaveLength(11);
		await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
		expect(await overviewTickets()).toBe(7);
		await w.page.getByRole('link', { name: 'Import', exact: true }).click();
	});

	it('stops a file without its required columns, naming them, and leaves the previous tickets, holding back the good file beside it', async () => {
		await importFiles([bad('duplicate-keys.csv'), bad('missing-required-columns.csv')], async () => {
			expect(await w.page.locator('[data-file="missing-required-columns.csv"] .warn').innerText()).toContain('opened_at, category');
		});
		expect(await row('files', 'missing-required-columns.csv').innerText()).toContain('Stopped: missing required column(s) of tickets: opened_at, category');
		expect(await row('tables', 'tickets').getAttribute('data-status')).toBe('kept');
		expect(await counts('files', 'duplicate-keys.csv')).toEqual({ read: 4, accepted: 0, rejected: 0, merged: 0 });
		expect(await row('files', 'duplicate-keys.csv').getAttribute('data-held')).toBe('4');
		expect(await row('tables', 'tickets').getAttribute('data-held')).toBe('4');
		expect(await w.page.locator('[data-import-summary]').innerText()).toContain('read = accepted + rejected + merged + held back');
		expect(await w.page.locator('.status').innerText()).toContain('tickets 7');
	});

	it('cancels an import, leaving the data as it was', async () => {
		for (const button of await w.page.getByRole('button', { name: /^Remove / }).all()) await button.click();
		await w.page.locator('input[type="file"]').setInputFiles(SERVICENOW);
		await w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="preset"]').waitFor();
		await w.page.getByRole('button', { name: 'Load 1 file' }).click();
		await w.page.getByRole('button', { name: 'Cancel' }).click();
		await w.page.waitForSelector('[data-import-cancelled]', { timeout: 60_000 });
		expect(await w.page.locator('progress').count()).toBe(0);
		expect(await w.page.locator('.status').innerText()).toContain('tickets 7');
	});

	it('cancels inside one long DuckDB statement, leaving the data in the tab and in storage as it was', async () => {
		const manifest = await savedManifest();
		for (const button of await w.page.getByRole('button', { name: /^Remove / }).all()) await button.click();
		await w.page.locator('input[type="file"]').setInputFiles(BIG);
		await w.page.locator('[data-file="big-tickets.csv"] select[name="preset"]').waitFor();
		await w.page.getByRole('button', { name: 'Load 1 file' }).click();
		await w.page.waitForFunction(() => document.querySelector('.progress')?.textContent?.includes('checking rows'), null, { timeout: 120_000 });
		await w.page.getByRole('button', { name: 'Cancel' }).click();
		await w.page.waitForSelector('[data-import-cancelled]', { timeout: 120_000 });
		// DuckDB stopped the statement midway (a cancelled query), not after it had finished.
		expect(await w.page.getAttribute('[data-import-cancelled]', 'data-import-cancelled')).toBe('inside-statement');
		expect(await w.page.locator('.status').innerText()).toContain('tickets 7');
		expect(await savedManifest()).toBe(manifest);
		await w.page.reload();
		await w.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await w.page.locator('.status').innerText()).toContain('tickets 7');
	});

	it('loads a 5,000-column export: the required columns found among them, the rest kept, the mapping still editable', async () => {
		await importFiles([WIDE], async () => {
			const card = w.page.locator('[data-file="wide-header.csv"]');
			expect(await card.getByLabel('Source of opened_at').inputValue()).toBe('opened_at');
			expect(await card.locator('[data-extras]').getAttribute('data-extras')).toBe('4996');
			await card.getByLabel('Source of reporter_id').fill('field_2');
			await card.getByLabel('Source of reporter_id').dispatchEvent('change');
			expect(await card.locator('[data-extras]').getAttribute('data-extras')).toBe('4995');
			expect(await card.locator('[data-extras]').innerText()).toContain('… and 4,955 more');
		});
		expect(await counts('files', 'wide-header.csv')).toEqual({ read: 3, accepted: 2, rejected: 1, merged: 0 });
		expect(await w.page.locator('[data-rejected-rows] tbody tr').allInnerTexts()).toEqual(['wide-header.csv\t4\topened_at\topened_at\tnot a date\ta date and time like 2016-02-29 13:16']);
		expect(await w.page.locator('.status').innerText()).toContain('tickets 2');
	});

	it('reads dates with a custom strptime format typed in the mapping, refusing a malformed one; other formats in the column are rejected by row', async () => {
		await importFiles([bad('mixed-date-formats.csv')], async () => {
			const card = w.page.locator('[data-file="mixed-date-formats.csv"]');
			await card.locator('select[name="date-format"]').selectOption('custom');
			const format = card.locator('input[name="custom-date-format"]');
			await format.fill('%d.%m.%Q %H:%M');
			await format.dispatchEvent('change');
			expect(await card.locator('[data-date-format-error]').innerText()).toContain('has %Q, which is not a strptime code');
			expect(await w.page.getByRole('button', { name: 'Load 0 files' }).isDisabled()).toBe(true);
			await format.fill('%d.%m.%Y %H:%M');
			await format.dispatchEvent('change');
			expect(await card.locator('[data-date-format-example]').innerText()).toBe('e.g. 29.02.2016 13:16');
		});
		expect(await counts('files', 'mixed-date-formats.csv')).toEqual({ read: 7, accepted: 4, rejected: 3, merged: 0 });
		expect(await row('files', 'mixed-date-formats.csv').innerText()).toContain('tickets (Hypercare tickets columns, %d.%m.%Y %H:%M)');
		const expected = 'a date and time like 29.02.2016 13:16 (%d.%m.%Y %H:%M) or ISO 2016-02-29 13:16';
		expect(await w.page.locator('[data-rejected-rows] tbody tr').allInnerTexts()).toEqual([
			`mixed-date-formats.csv\t4\topened_at\topened_at\t03/04/2026 9:15 AM\t${expected}`,
			`mixed-date-formats.csv\t7\topened_at\topened_at\t30.02.2026 10:00\t${expected}`,
			`mixed-date-formats.csv\t8\topened_at\topened_at\t2026-02-30 10:00\t${expected}`
		]);
	});

	it('imports each sheet of a workbook as its own table, rejecting a formula without a saved result and an error value by cell', async () => {
		for (const button of await w.page.getByRole('button', { name: /^Remove / }).all()) await button.click();
		await w.page.locator('input[type="file"]').setInputFiles(WORKBOOK);
		const tickets = w.page.locator('[data-file="hypercare.xlsx › Tickets"]');
		const clinics = w.page.locator('[data-file="hypercare.xlsx › Clinics"]');
		await clinics.locator('select[name="preset"]').waitFor();
		// The same header as an earlier import's: its saved mapping is offered.
		expect(await tickets.locator('select[name="preset"] option:checked').textContent()).toMatch(/^(saved: )?Hypercare tickets columns → tickets$/);
		expect(await clinics.locator('select[name="preset"] option:checked').textContent()).toBe('Hypercare clinics columns → clinics');
		expect(await w.page.locator('[data-file^="hypercare.xlsx"]').count()).toBe(2);
		await w.page.getByRole('button', { name: 'Load 2 files' }).click();
		await finished();
		expect(await counts('files', 'hypercare.xlsx › Tickets')).toEqual({ read: 5, accepted: 2, rejected: 3, merged: 0 });
		expect(await counts('files', 'hypercare.xlsx › Clinics')).toEqual({ read: 2, accepted: 2, rejected: 0, merged: 0 });
		expect(await row('files', 'hypercare.xlsx › Tickets').innerText()).toContain('Excel, sheet “Tickets”');
		expect(await w.page.locator('[data-rejected-rows] tbody tr').allInnerTexts()).toEqual([
			'hypercare.xlsx › Tickets\t3\tpriority\tpriority\t=B9*2\ta value: the formula has no saved result (open the workbook in Excel and save it again) (cell E3)',
			'hypercare.xlsx › Tickets\t4\tpriority\tpriority\t#DIV/0!\ta value, not the Excel error #DIV/0! (cell E4)',
			'hypercare.xlsx › Tickets\t6\tclinic_id\tclinic_id\t\ta value (required)'
		]);
		expect(await w.page.locator('.status').innerText()).toMatch(/tickets 2.*clinics 2|clinics 2.*tickets 2/s);
	});
});

describe('clear all data', () => {
	it('removes everything from the browser’s storage and shows the bundled sample again', async () => {
		const before = await storedData();
		expect(before.opfs).toEqual(['hypercare']);
		expect(before.keys.sort()).toEqual(['hypercare:mappings', 'hypercare:source']);
		// The SQL console's history is the user's too: it goes with everything else.
		await w.page.evaluate(() => localStorage.setItem('hypercare:console:history', '["SELECT 1"]'));
		await w.page.getByRole('button', { name: 'Clear all data' }).click();
		await w.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await w.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
		expect(await storedData()).toEqual({ opfs: [], databases: [], keys: [] });
		const manifest = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { tables: { table: string; rows: number }[] };
		const sampleTickets = manifest.tables.find((t) => t.table === 'tickets')?.rows;
		await w.page.reload();
		await w.page.goto(`${site.origin}/`);
		expect(await overviewTickets()).toBe(sampleTickets);
		expect(await w.page.getAttribute('[data-source]', 'data-source')).toBe('bundled');
	});

	it('uses IndexedDB where OPFS is missing: the import survives a reload, and clearing deletes the database', async () => {
		const idb = await openWatchedPage(site.browser);
		await idb.context.addInitScript(() => {
			// A browser without the Origin Private File System.
			Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined });
		});
		await idb.page.goto(`${site.origin}/import`);
		await idb.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		await idb.page.locator('input[type="file"]').setInputFiles(GZ);
		await idb.page.locator('select[name="preset"]').waitFor();
		await idb.page.getByRole('button', { name: 'Load 1 file' }).click();
		await idb.page.waitForSelector('[data-import-summary]', { timeout: 60_000 });
		const databases = () => idb.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
		expect(await databases()).toEqual(['hypercare']);
		await idb.page.reload();
		await idb.page.waitForSelector('[data-dataset-phase="ready"]', { timeout: 90_000 });
		expect(await idb.page.locator('.status').innerText()).toContain('tickets 2');
		await idb.page.getByRole('button', { name: 'Clear all data' }).click();
		await idb.page.getByRole('button', { name: 'Yes, clear all data' }).click();
		await idb.page.waitForSelector('[data-cleared]', { timeout: 60_000 });
		expect(await databases()).toEqual([]);
		expect(idb.errors).toEqual([]);
		await idb.context.close();
	});

	it('requested nothing from another origin and logged no error', () => {
		console.info(`ServiceNow log imported in Chromium in ${measured.servicenowSeconds?.toFixed(1)} s (file input to summary)`);
		expect(foreignRequests(w.requests, site.origin)).toEqual([]);
		expect(w.errors).toEqual([]);
	});
});
