/**
 * Issue 17 item 6: only tickets loaded (the real ServiceNow event log in
 * tests/fixtures/servicenow-incident-log: 224 locations, no clinic list, roster or register).
 * Measures that cannot be assessed say so; there is no go-live axis, and the page says why;
 * locations sort naturally without doubled labels; the heatmap draws the busiest locations and
 * says how many it leaves out; a reversed date range says so instead of showing 0 tickets; the Root
 * causes matrix, every ticket unattributed, says it is not assessed instead of 224 rows of one column.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');
const SHOTS = path.resolve('tests/e2e/.artifacts/tickets-only');

let site: SiteUnderTest;
let w: WatchedPage;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	site = await startSite();
	w = await site.open('/import', '[data-dataset-phase="ready"]');
	await w.page.locator('input[type="file"]').setInputFiles([SERVICENOW]);
	await w.page.locator('[data-file="incident_event_log.csv.gz"] select[name="preset"]').waitFor();
	await w.page.getByRole('button', { name: /^Load 1 file$/ }).click();
	await w.page.waitForSelector('[data-import-summary]', { timeout: 180_000 });
	await w.page.getByRole('link', { name: 'Open the overview of the imported data' }).click();
	await w.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]', { timeout: 120_000 });
}, 300_000);

afterAll(() => site?.close());

describe('the Overview with only tickets loaded', () => {
	it('disables the go-live axis and says why', async () => {
		const radio = w.page.getByRole('radio', { name: 'Weeks since go-live' });
		expect(await radio.isDisabled()).toBe(true);
		expect(await w.page.locator('[data-go-live-disabled]').innerText()).toMatch(/no clinic has a go-live date/);
	});

	it('lists locations in natural order, each once, without doubled labels', async () => {
		const options = await w.page.locator('select[name="clinics"] option').allTextContents();
		const i2 = options.indexOf('Location 2');
		const i10 = options.indexOf('Location 10');
		expect(i2).toBeGreaterThanOrEqual(0);
		expect(i10).toBeGreaterThan(i2);
		expect(options.filter((o) => /^(Location \d+) \1$/.test(o.trim()))).toEqual([]);
	});

	it('draws the busiest locations on the heatmap, says how many are left out, and that the rate per 100 users is not assessed', async () => {
		const heatmap = w.page.locator('[data-chart="ticket-rate-heatmap"]');
		expect(await heatmap.locator('[data-chart-limited]').innerText()).toContain('Showing the busiest 60 of 224 clinics; 164 left out');
		expect(await heatmap.locator('[data-chart-caption]').innerText()).toContain('not assessed (needs the training roster)');
		await w.page.setViewportSize({ width: 1440, height: 900 });
		await w.page.screenshot({ path: path.join(SHOTS, 'overview-1440.png'), fullPage: true });
		await w.page.setViewportSize({ width: 390, height: 844 });
		await w.page.screenshot({ path: path.join(SHOTS, 'overview-390.png'), fullPage: true });
		await w.page.setViewportSize({ width: 1440, height: 900 });
		await w.page.pdf({ path: path.join(SHOTS, 'overview.pdf'), width: '11in', height: '8.5in', printBackground: true });
	});

	it('says the watchlist is not assessed without go-live dates, never that no clinic is behind', async () => {
		expect(await w.page.locator('[data-watchlist-not-assessed]').innerText()).toMatch(/Not assessed: needs go-live dates/);
		expect(await w.page.locator('[data-watch-clinic]').count()).toBe(0);
		// Nor that the heatmap's rows are in go-live order: there is none.
		const heatmap = await w.page.locator('[data-chart="ticket-rate-heatmap"]').innerText();
		expect(heatmap).toContain('Clinics by id (no clinic has a go-live date).');
		expect(heatmap).not.toContain('go-live order');
	});

	it('says where the export thins out, and shades those weeks on the calendar charts instead of showing a desk gone quiet', async () => {
		const note = w.page.locator('[data-export-thinning]');
		expect(await note.getAttribute('data-export-thinning')).toBe('2016-06-01');
		const text = await note.innerText();
		expect(text).toMatch(/^The export thins out after 2016-05-31\. It holds 1,\d{3} tickets a week before .* and \d+(\.\d)? a week from 2016-06-01 to its last day, 2017-02-16\./);
		// Nothing about a watchlist or go-live weeks the page cannot show.
		expect(text).not.toContain('watchlist');
		// Each weekly chart draws the band over the weeks from the one it starts in (Monday 2016-05-30) to the last.
		for (const id of ['tickets-by-week', 'backlog', 'time-to-resolve']) {
			const drawn = await w.page
				.locator(`[data-chart="${id}"] .canvas`)
				.evaluate((c) => (c as unknown as { xy: { drawn(): { bands: { from: number; to: number; label: string }[]; categories: string[] } } }).xy.drawn());
			const band = drawn.bands.find((b) => b.label === 'export thins out');
			expect(band && drawn.categories[band.from], id).toBe('2016-05-30');
			expect(band?.to, id).toBe(drawn.categories.length - 1);
		}
		expect(await w.page.locator('[data-chart="tickets-by-week"]').innerText()).toContain('Shaded “export thins out”: from 2016-06-01');
	});

	it('says a reversed date range is reversed instead of showing 0 tickets', async () => {
		await w.page.getByLabel('From', { exact: true }).fill('2016-05-01');
		await w.page.getByLabel('To', { exact: true }).fill('2016-04-01');
		await w.page.locator('[data-reversed-results]').waitFor();
		expect(await w.page.locator('[data-reversed-range]').innerText()).toContain('is after');
		expect(await w.page.locator('[data-total="tickets"]').count()).toBe(0);
		await w.page.getByRole('button', { name: 'Swap the dates' }).click();
		await w.page.waitForSelector('[data-total="tickets"]');
		expect(Number(await w.page.getAttribute('[data-total="tickets"]', 'data-value'))).toBeGreaterThan(0);
		await w.page.getByRole('button', { name: 'Clear filters' }).click();
	});
});

describe('Root causes and Recovery with only tickets loaded', () => {
	it('say missed training, workflow variance and build defects are not assessed, not 0', async () => {
		await w.page.getByRole('navigation').getByRole('link', { name: 'Root causes' }).click();
		await w.page.waitForSelector('[data-excess="missed_training"]', { timeout: 120_000 });
		expect(await w.page.locator('[data-excess="missed_training"] [data-not-assessed]').innerText()).toBe('not assessed');
		expect(await w.page.locator('[data-excess="missed_training"]').innerText()).toContain('needs the training roster');
		expect(await w.page.locator('[data-excess="workflow_variance"] [data-not-assessed]').innerText()).toBe('not assessed');
		// No roster, no expected tickets to find a spike against: not "0 excess tickets / 0 incidents".
		expect(await w.page.locator('[data-excess="build_defect"] [data-not-assessed]').innerText()).toBe('not assessed');
		expect(await w.page.locator('[data-excess="build_defect"]').innerText()).not.toMatch(/\b0 incidents/);
		// The limits say once that no roster is loaded, not again as "reporters not in the roster".
		const limits = await w.page.locator('[data-limits]').innerText();
		expect(limits).toContain('No training roster is loaded');
		expect(limits).not.toContain('not in the training roster');
		await w.page.screenshot({ path: path.join(SHOTS, 'attribution-1440.png'), fullPage: true });
		// The export's thinning, as on the Overview: said above the charts, shaded on the by-week chart.
		expect(await w.page.locator('[data-export-thinning]').getAttribute('data-export-thinning')).toBe('2016-06-01');
		const byWeek = await w.page
			.locator('[data-chart="cause-by-week"] .canvas')
			.evaluate((c) => (c as unknown as { xy: { drawn(): { bands: { from: number; label: string }[]; categories: string[] } } }).xy.drawn());
		const band = byWeek.bands.find((b) => b.label === 'export thins out');
		expect(band && byWeek.categories[band.from]).toBe('2016-05-30');
	});

	it('say the clinic × cause matrix is not assessed (every ticket unattributed) in one line, not as 224 rows of one column, and keep its counts in the data table', async () => {
		const matrix = w.page.locator('[data-chart="clinic-cause-matrix"]');
		await w.page.waitForSelector('[data-chart="clinic-cause-matrix"][data-state="rendered"]', { timeout: 120_000 });
		expect(await matrix.locator('h3').innerText()).toBe('Clinic × root cause (attributed tickets)');
		expect(await matrix.locator('[data-chart-unassessed]').innerText()).toMatch(
			/^Not assessed: every ticket in scope is unattributed; .* needs the training roster and the workflow-variance register/
		);
		expect(await matrix.locator('canvas').isVisible()).toBe(false);
		expect(await matrix.locator('summary').innerText()).toBe('Data (224 rows)');
	});

	it('say the causes of slow productivity and billing are not assessed, never that no clinic is slow', async () => {
		await w.page.getByRole('navigation').getByRole('link', { name: 'Recovery' }).click();
		await w.page.waitForSelector('[data-causes="productivity"]', { timeout: 180_000 });
		const text = await w.page.locator('[data-causes="productivity"]').innerText();
		expect(text).toContain('Not assessed: needs a clinic list with go-live dates and the visit throughput export');
		expect(text).not.toContain('No clinic in scope is slow');
		expect(await w.page.locator('[data-causes="billing"]').innerText()).toContain('Not assessed: needs a clinic list with go-live dates and the billing export');
		// An empty scorecard says why, instead of a table with no rows (which reads as "no clinic to worry about").
		expect(await w.page.locator('[data-scorecard-empty]').innerText()).toContain('Not assessed: the scorecard needs a clinic list with go-live dates');
		await w.page.screenshot({ path: path.join(SHOTS, 'recovery-1440.png'), fullPage: true });
	});

	it('say on each Recovery chart which exports it needs, not the generic "no data" (the page is already on Recovery)', async () => {
		const needs = {
			productivity: 'Not assessed: this chart needs a clinic list with go-live dates and the visit throughput export, and neither is loaded.',
			billing: 'Not assessed: this chart needs a clinic list with go-live dates and the billing export, and neither is loaded.'
		};
		const charts = {
			'productivity-by-site': needs.productivity,
			'productivity-by-wave': needs.productivity,
			'productivity-by-clinic': needs.productivity,
			'billing-lag': needs.billing,
			'billing-lag-by-wave': needs.billing,
			'claims-late-denied': needs.billing,
			unbilled: needs.billing,
			'billing-lag-by-clinic': needs.billing
		};
		for (const [id, text] of Object.entries(charts)) {
			const figure = w.page.locator(`[data-chart="${id}"][data-state="rendered"]`);
			await figure.waitFor({ timeout: 60_000 });
			expect(await figure.locator('[data-chart-empty]').innerText(), id).toBe(text);
		}
		await w.page.setViewportSize({ width: 390, height: 844 });
		await w.page.screenshot({ path: path.join(SHOTS, 'recovery-390.png'), fullPage: true });
		await w.page.setViewportSize({ width: 1440, height: 900 });
		await w.page.pdf({ path: path.join(SHOTS, 'recovery.pdf'), width: '11in', height: '8.5in', printBackground: true });
	});

	it('say where the export thins out on Recovery and Actions, and what they read before it, with no chart said to be shaded', async () => {
		const recovery = await w.page.locator('[data-export-thinning]').innerText();
		expect(recovery).toContain('The export thins out after 2016-05-31.');
		expect(recovery).toContain('ticket stabilization is measured over the weeks before it');
		expect(recovery).not.toContain('shaded');
		await w.page.getByRole('navigation').getByRole('link', { name: 'Actions' }).click();
		const actions = w.page.locator('[data-export-thinning]');
		await actions.waitFor({ timeout: 60_000 });
		expect(await actions.innerText()).toContain('the action list’s “now” is the last two complete weeks before it');
	});
});
