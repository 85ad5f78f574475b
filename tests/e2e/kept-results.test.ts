/**
 * Issue 19: every page's default view opens from the results kept for its data, without
 * DuckDB; what the kept results cannot answer (a drill-down) loads the full tables then; and
 * after an import the pages open from results kept for the imported data, never the sample's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';
import { encodeLink, HASH_KEY } from '$lib/url-state/codec';
import { LINK_VERSION } from '$lib/url-state/schema';

const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');
const PAGES = ['/', '/actions', '/attribution', '/recovery'];

let site: SiteUnderTest;
beforeAll(async () => {
	site = await startSite();
}, 120_000);
afterAll(() => site?.close());

const status = (w: WatchedPage, attribute: string) => w.page.getAttribute('[data-dataset-phase]', attribute);
const dataFile = (name: string) => (requests: readonly string[]) => requests.filter((r) => new URL(r).pathname.endsWith(`/data/${name}`));
const keptBin = dataFile('kept.bin');
const manifestJson = dataFile('manifest.json');
/** The report header measures the data 1.5 s after it is in: the last thing on a page that could ask for kept results. */
const headerMeasured = (w: WatchedPage) =>
	w.page.waitForFunction(() => !['', 'not measured yet'].includes(document.querySelector('[data-report-digest]')?.textContent ?? ''), null, { timeout: 120_000 });
const tickets = async (w: WatchedPage) => Number(await w.page.getAttribute('[data-total="tickets"]', 'data-value'));

describe('results kept at build time', () => {
	it.each(PAGES)('draw the whole default view of %s without starting DuckDB', async (route) => {
		const w = await site.open(route);
		await settled(w.page);
		// What the page is about is drawn: its charts, or (Actions) its action cards.
		expect(await w.page.locator(route === '/actions' ? '[data-action]' : 'figure[data-chart][data-state="rendered"]').count()).toBeGreaterThan(0);
		expect(await status(w, 'data-kept')).toBe('true');
		expect(await status(w, 'data-live-phase')).toBe('idle');
		// DuckDB's WebAssembly was never even fetched.
		expect(w.requests.filter((r) => r.includes('.wasm'))).toEqual([]);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it.each(PAGES)('fetch kept.bin and the manifest once for %s, both asked by the HTML before the page’s own code, and never ECharts', async (route) => {
		const w = await site.open(route);
		await settled(w.page);
		const kept = keptBin(w.requests);
		const manifest = manifestJson(w.requests);
		expect(kept).toHaveLength(1);
		// The app takes the manifest's request the HTML started: the server is asked once.
		expect(manifest).toHaveLength(1);
		// Asked while the HTML was read: before the route's own code (its SvelteKit node) was requested.
		const node = w.requests.findIndex((r) => /\/_app\/immutable\/nodes\/[1-9]\d*\./.test(r));
		expect(node).toBeGreaterThan(-1);
		expect(w.requests.indexOf(kept[0] ?? '')).toBeLessThan(node);
		expect(w.requests.indexOf(manifest[0] ?? '')).toBeLessThan(node);
		// Every chart of these pages is the app's own canvas (charts/xy, the heatmaps, the small multiples): ECharts is
		// loaded only by the console's charts, never on a page's first view.
		const scripts = w.requests.filter((r) => /\/_app\/immutable\/.*\.js$/.test(r));
		const fetched = await Promise.all(scripts.map(async (url) => (await fetch(url)).text()));
		expect(fetched.filter((js) => js.includes('zrender'))).toEqual([]);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it.each(['/import', '/console'])('are never fetched on %s, which does not read them (its report header asks the DuckDB it loaded)', async (route) => {
		const w = await site.open(route, '[data-dataset-phase="ready"]');
		await headerMeasured(w);
		expect(await w.page.locator('script[data-kept-preload]').count()).toBe(0);
		expect(keptBin(w.requests)).toEqual([]);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('give the Overview the bundled data’s own figures', async () => {
		const manifest = JSON.parse(readFileSync('build/data/manifest.json', 'utf8')) as { tables: { table: string; rows: number }[] };
		const w = await site.open('/', '[data-total="tickets"]');
		await settled(w.page);
		expect(await tickets(w)).toBe(manifest.tables.find((t) => t.table === 'tickets')?.rows);
		await w.context.close();
	});

	it('leave a drill-down to DuckDB, which then loads the full tables', async () => {
		const payload = await encodeLink({ v: LINK_VERSION, scope: { sites: [], clinics: [], from: null, to: null, axis: 'calendar' }, drill: { by: 'cause', cause: 'missed_training' } });
		const w = await site.open(`/attribution#${HASH_KEY}=${payload}`);
		await w.page.waitForSelector('[data-drill] tbody tr', { timeout: 120_000 });
		expect(await status(w, 'data-live-phase')).toBe('ready');
		expect(await w.page.locator('[data-drill] tbody tr').count()).toBeGreaterThan(0);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('results kept after an import', () => {
	let w: WatchedPage;
	beforeAll(async () => {
		w = await site.open('/import', '[data-dataset-phase="ready"]');
		await w.page.locator('input[type="file"]').setInputFiles([SERVICENOW]);
		await w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="preset"]').waitFor();
		await w.page.getByRole('button', { name: /^Load 1 file$/ }).click();
		await w.page.waitForSelector('[data-import-summary]', { timeout: 240_000 });
	}, 300_000);
	afterAll(() => w?.context.close());

	it.each(PAGES)('open %s after a reload from the imported data’s results, without DuckDB and without fetching the bundled kept.bin or manifest', async (route) => {
		const from = w.requests.length;
		await w.page.goto(new URL(route, site.origin).href);
		await settled(w.page);
		await headerMeasured(w);
		expect(await status(w, 'data-kept')).toBe('true');
		expect(await status(w, 'data-live-phase')).toBe('idle');
		// The page's HTML holds the preload script, which left kept.bin and the bundled manifest alone: this tab shows imported data.
		expect(keptBin(w.requests.slice(from))).toEqual([]);
		expect(manifestJson(w.requests.slice(from))).toEqual([]);
		expect(await w.page.locator('script[data-kept-preload]').count()).toBe(1);
		if (route === '/') expect(await tickets(w)).toBe(24_918);
	});

	it('are never the sample’s: the Overview counts the imported tickets', async () => {
		await w.page.goto(new URL('/', site.origin).href);
		await settled(w.page);
		expect(await tickets(w)).toBe(24_918);
		expect(w.errors).toEqual([]);
	});
});
