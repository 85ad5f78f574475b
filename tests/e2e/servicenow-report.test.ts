/**
 * What a leader reads on a report published from the real ServiceNow event log (224 locations and
 * 6 incidents without one, nothing but tickets, every ticket unattributed): the 6 are "unassigned" on
 * every page, no clinic of their own; Root causes' clinic × cause matrix lists its locations as every
 * other clinic list does (Location 2 before Location 10, not "Location 10, Location 100, Location 101,
 * …"), and is not assessed in one line instead of a 224-row block of one "unattributed" column, on
 * screen and on paper, its data table kept; on a phone the Overview's heatmap shows that it scrolls
 * sideways while more is hidden that way, and only then.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';
import { compareClinicIds } from '$lib/scope/clinic-order';
import { chartRows } from './support/chart-rows';
import { publish, SERVICENOW } from './support/publish-report';
import { DESKTOP, PHONE } from './support/shared-page';

const SHOTS = path.resolve('tests/e2e/.artifacts/servicenow-report');

let scratch: string;
let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	scratch = mkdtempSync(path.join(tmpdir(), 'hypercare-servicenow-report-'));
	const out = path.join(scratch, 'site');
	const published = publish('--data', SERVICENOW, '--out', out);
	if (published.status !== 0) throw new Error(`publish-report failed:\n${published.output}`);
	site = await startSite(out);
	w = await site.open('/');
}, 300_000);

afterAll(async () => {
	await site?.close();
	rmSync(scratch, { recursive: true, force: true });
});

async function show(route: string, viewport = DESKTOP): Promise<void> {
	await w.page.setViewportSize(viewport);
	await w.page.goto(new URL(route, site.origin).href);
	await settled(w.page);
}

describe('incidents without a location on the ServiceNow report', () => {
	const note = (leftOut: string) => `6 tickets name no clinic (“unassigned”): counted in totals and trends, left out of per-clinic measures (${leftOut}).`;

	it('are 6 unassigned tickets on every page, not a clinic: 224 clinics with tickets, none named "(no location)" or "unassigned"', async () => {
		await show('/');
		expect(await w.page.locator('[data-unassigned]').innerText()).toBe(note('the clinic count, the per-clinic heatmap and the watchlist'));
		expect(await w.page.getAttribute('[data-total="tickets"]', 'data-value')).toBe('24918');
		expect(await w.page.getAttribute('[data-total="clinics"]', 'data-value')).toBe('224');
		expect(await w.page.locator('[data-chart="ticket-rate-heatmap"] [data-chart-limited]').innerText()).toContain('Showing the busiest 60 of 224 clinics; 164 left out');
		// The filter bar offers the 224 locations, as it offers a Jira export's clinics: no ticket that names no clinic is a clinic to choose.
		const options = await w.page.locator('select[name="clinics"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options).toHaveLength(224);
		expect(options.every((o) => /^Location \d+$/.test(o))).toBe(true);
		await show('/attribution');
		expect(await w.page.locator('[data-unassigned]').innerText()).toBe(note('the clinic × root cause matrix, and the measured effects, which need a clinic’s go-live'));
		// Nor a row of the matrix's data table (collapsed, so its text is read whole).
		expect(await w.page.locator('[data-chart="clinic-cause-matrix"]').textContent()).not.toMatch(/no location|unassigned/);
		await show('/recovery');
		expect(await w.page.locator('[data-unassigned]').innerText()).toBe(
			note('the scorecard and the charts by clinic; this page measures clinics, so their tickets count on the Overview and Root causes')
		);
		expect(w.errors).toEqual([]);
	});
});

describe('Root causes on the ServiceNow report', () => {
	it('says the clinic × cause matrix is not assessed, in one line naming the exports it needs, instead of 224 rows of one column', async () => {
		await show('/attribution');
		const matrix = w.page.locator('[data-chart="clinic-cause-matrix"]');
		expect(await matrix.getAttribute('data-unassessed')).toBe('');
		expect(await matrix.locator('[data-chart-unassessed]').innerText()).toBe(
			'Not assessed: every ticket in scope is unattributed; attributing tickets to causes needs the training roster and the workflow-variance register, or ticket categories and descriptions that name a cause. The data table has each clinic’s count.'
		);
		expect(await matrix.locator('canvas').isVisible()).toBe(false);
		expect((await matrix.boundingBox())!.height).toBeLessThan(260);
		// No cell to click, no picture to download; the counts stay as CSV.
		expect(await matrix.innerText()).not.toContain('Click a cell');
		expect(await matrix.getByRole('button', { name: /as PNG$/ }).count()).toBe(0);
		expect(await matrix.getByRole('button', { name: /as CSV$/ }).count()).toBe(1);
		await w.page.screenshot({ path: path.join(SHOTS, 'attribution-1440.png'), fullPage: true });
		await w.page.setViewportSize(PHONE);
		expect((await matrix.boundingBox())!.height).toBeLessThan(480);
		await w.page.screenshot({ path: path.join(SHOTS, 'attribution-390.png'), fullPage: true });
		await w.page.setViewportSize(DESKTOP);
		// On paper: the line, not a page of the matrix's heading alone and then a shrunken block of 224 rows.
		await w.page.emulateMedia({ media: 'print' });
		expect((await matrix.boundingBox())!.height).toBeLessThan(260);
		await w.page.emulateMedia({ media: null });
		await w.page.pdf({ path: path.join(SHOTS, 'attribution.pdf'), format: 'A4', landscape: true, printBackground: true });
		expect(await matrix.locator('.print-copy svg').count()).toBe(0);
		expect(w.errors).toEqual([]);
	});

	it('keeps the matrix’s data table, its 224 locations in natural order (Location 2 before Location 10), each row opening its tickets', async () => {
		const rows = await chartRows(w.page, 'clinic-cause-matrix');
		expect(rows).toHaveLength(224);
		const ids = rows.map((r) => r[0] ?? '');
		expect(ids).toEqual([...ids].sort(compareClinicIds));
		expect(ids.indexOf('Location 2')).toBeLessThan(ids.indexOf('Location 10'));
		expect(ids.indexOf('Location 10')).toBeLessThan(ids.indexOf('Location 100'));
		expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['unattributed']));
		// Every ticket but the 6 unassigned.
		expect(rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(24_912);
		await w.page.locator('[data-chart="clinic-cause-matrix"] tbody tr').nth(1).getByRole('button', { name: 'tickets' }).click();
		await w.page.locator('[data-drill="clinic-cause"]').waitFor({ timeout: 60_000 });
	});
});

describe('the Overview heatmap on the ServiceNow report', () => {
	it('lists its locations in natural order', async () => {
		await show('/');
		const rows = await chartRows(w.page, 'ticket-rate-heatmap');
		const ids = [...new Set(rows.map((r) => r[0] ?? ''))];
		expect(ids).toHaveLength(60);
		expect(ids).toEqual([...ids].sort(compareClinicIds));
		const options = await w.page.locator('select[name="clinics"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options).toEqual([...options].sort(compareClinicIds));
	});

	it('shows on a phone that it scrolls sideways, with a shadow on the side that hides more, and not on a desktop or on paper', async () => {
		const heatmap = w.page.locator('[data-chart="ticket-rate-heatmap"]');
		const frame = heatmap.locator('.chart-frame');
		const edges = () => heatmap.locator('[data-scroll-edge]').evaluateAll((es) => es.map((e) => e.getAttribute('data-scroll-edge')));
		expect(await heatmap.locator('[data-scroll-hint]').count()).toBe(0);
		expect(await edges()).toEqual([]);

		await show('/', PHONE);
		const hint = heatmap.locator('[data-scroll-hint]');
		expect(await hint.innerText()).toBe('Scroll sideways for more weeks\u00a0→');
		expect(await frame.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
		expect(await edges()).toEqual(['right']);
		// The shadow lies on the frame's right edge, over the plot.
		const [f, e] = [(await frame.boundingBox())!, (await heatmap.locator('[data-scroll-edge="right"]').boundingBox())!];
		expect(Math.abs(e.x + e.width - (f.x + f.width))).toBeLessThanOrEqual(1);
		await heatmap.scrollIntoViewIfNeeded();
		await heatmap.screenshot({ path: path.join(SHOTS, 'heatmap-390-start.png') });

		await frame.evaluate((el) => (el.scrollLeft = 200));
		await w.page.waitForFunction(() => document.querySelectorAll('[data-chart="ticket-rate-heatmap"] [data-scroll-edge]').length === 2);
		expect(await hint.innerText()).toBe('←\u00a0Scroll sideways for more weeks\u00a0→');
		await frame.evaluate((el) => (el.scrollLeft = el.scrollWidth));
		await w.page.waitForFunction(() => document.querySelector('[data-chart="ticket-rate-heatmap"] [data-scroll-edge="right"]') === null);
		expect(await edges()).toEqual(['left']);
		expect(await hint.innerText()).toBe('←\u00a0Scroll sideways for more weeks');
		await heatmap.screenshot({ path: path.join(SHOTS, 'heatmap-390-end.png') });
		await frame.evaluate((el) => (el.scrollLeft = 0));
		await w.page.waitForFunction(() => document.querySelector('[data-chart="ticket-rate-heatmap"] [data-scroll-edge="left"]') === null);

		// The keyboard scrolls it too, and the cue follows.
		await frame.focus();
		await w.page.keyboard.press('ArrowRight');
		await w.page.keyboard.press('End');
		await w.page.waitForFunction(() => document.querySelector('[data-chart="ticket-rate-heatmap"] [data-scroll-edge="left"]') !== null);
		await frame.evaluate((el) => (el.scrollLeft = 0));

		await w.page.emulateMedia({ media: 'print' });
		expect(await hint.isVisible()).toBe(false);
		expect(await heatmap.locator('[data-scroll-edge]').first().isVisible()).toBe(false);
		await w.page.emulateMedia({ media: null });
		await w.page.screenshot({ path: path.join(SHOTS, 'overview-390.png'), fullPage: true });
		await w.page.pdf({ path: path.join(SHOTS, 'overview-390.pdf'), width: '390px', height: '844px', printBackground: true });
		expect(w.errors).toEqual([]);
	});
});
