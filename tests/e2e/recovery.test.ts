import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { rows } from '../unit/helpers/fixture';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { independentSample, SAMPLE_DIR } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const CHARTS = ['productivity-by-site', 'productivity-by-wave', 'productivity-by-clinic', 'billing-lag', 'billing-lag-by-wave', 'claims-late-denied', 'unbilled', 'billing-lag-by-clinic'];

interface Planted {
	slowProductivity: { clinicId: string }[];
	slowBilling: { clinicId: string }[];
}

let site: SiteUnderTest;
let truth: Engine;
let watched: WatchedPage;
const planted = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'truth', 'planted.json'), 'utf8')) as Planted;

async function allChartsRendered(w: WatchedPage) {
	for (const id of CHARTS) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 90_000 });
	await w.page.waitForSelector('.results[data-busy="false"]', { timeout: 60_000 });
}

/** A chart's data table as the user sees it under "Data": header and rows. */
async function chartTable(w: WatchedPage, id: string): Promise<string[][]> {
	const details = w.page.locator(`[data-chart="${id}"] details`);
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	const header = await details.locator('thead th').allTextContents();
	const body = await details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
	return [header, ...body];
}

/** Clicks a button that saves a file and returns the file's bytes and name. */
async function download(w: WatchedPage, button: Locator): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([w.page.waitForEvent('download'), button.click()]);
	const saved = await file.path();
	return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

/** RFC 4180 fields (the exports' format), without the BOM. */
function parseCsv(text: string): string[][] {
	const out: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const body = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (quoted) {
			if (c === '"' && body[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n') {
			row.push(field);
			out.push(row);
			row = [];
			field = '';
		} else if (c !== '\r') field += c;
	}
	return out;
}

const scorecardRows = (w: WatchedPage) => w.page.locator('[data-scorecard] tbody tr');
const statusOf = (w: WatchedPage, clinic: string, measure: string) => w.page.getAttribute(`[data-scorecard] tr[data-clinic="${clinic}"] td[data-measure="${measure}"]`, 'data-status');

beforeAll(async () => {
	[site, truth] = await Promise.all([startSite(), independentSample(['clinics', 'billing'])]);
	watched = await site.open('/recovery', '[data-scorecard] tbody tr');
	await allChartsRendered(watched);
});

afterAll(async () => {
	await site?.close();
	await truth?.close();
});

describe('recovery page on the bundled data', () => {
	it('shows a scorecard row per clinic, the planted slow clinics marked slow and no other', async () => {
		const [clinics] = await rows(truth, 'SELECT count(*) AS n FROM raw_clinics');
		expect(await scorecardRows(watched).count()).toBe(clinics?.n);
		for (const [measure, list] of [
			['productivity', planted.slowProductivity],
			['billing', planted.slowBilling]
		] as const) {
			const slow = await watched.page
				.locator(`[data-scorecard] td[data-measure="${measure}"][data-status="slow"]`)
				.evaluateAll((tds) => tds.map((td) => td.closest('tr')?.getAttribute('data-clinic')));
			expect(slow.sort(), measure).toEqual(list.map((s) => s.clinicId).sort());
		}
		// Each standing carries its sparkline, drawn from numbers.
		expect(await watched.page.locator('[data-scorecard] td[data-measure="productivity"] svg path').count()).toBe(clinics?.n);
	});

	it('sorts the scorecard by a column', async () => {
		const heading = watched.page.getByRole('button', { name: /^Productivity recovered/ });
		await heading.click();
		await heading.click();
		const first = await scorecardRows(watched).first().getAttribute('data-clinic');
		expect(planted.slowProductivity.map((s) => s.clinicId)).toContain(first);
		expect(await watched.page.locator('th[aria-sort="descending"]').textContent()).toContain('Productivity recovered');
	});

	it('renders every recovery chart on a canvas, small multiples included', async () => {
		for (const id of CHARTS) {
			const box = await watched.page.locator(`[data-chart="${id}"] canvas`).first().boundingBox();
			expect(box?.width, id).toBeGreaterThan(200);
		}
		const multiples = await watched.page.locator('[data-chart="productivity-by-clinic"] canvas').first().boundingBox();
		expect(multiples?.height).toBeGreaterThan(600);
	});

	it('downloads a chart’s data as a CSV equal to its data table', async () => {
		const shown = await chartTable(watched, 'productivity-by-site');
		const file = await download(watched, watched.page.getByRole('button', { name: 'Download the data of Visits per provider-day, % of baseline as CSV' }));
		expect(file.name).toBe('productivity-by-site.csv');
		expect(parseCsv(file.bytes.toString('utf8'))).toEqual(shown);
	});

	it('downloads billing lag whose medians match independent SQL over the billing file', async () => {
		const file = await download(watched, watched.page.getByRole('button', { name: 'Download the data of Charge and billing lag, days after the visit as CSV' }));
		const [header, ...body] = parseCsv(file.bytes.toString('utf8'));
		expect(header?.slice(0, 2)).toEqual(['week', 'billing lag, median']);
		// Weeks whose Sunday is at least 14 days before the export's last date (of any kind).
		const expected = await rows(
			truth,
			`WITH horizon AS (SELECT greatest(max(date_of_service), max(charge_posted_on), max(claim_submitted_on)) AS as_of FROM raw_billing)
			SELECT strftime(date_trunc('week', date_of_service), '%Y-%m-%d') AS week,
				round(quantile_cont(date_diff('day', date_of_service, claim_submitted_on), 0.5), 1) AS median
			FROM raw_billing, horizon WHERE CAST(date_trunc('week', date_of_service) AS DATE) + 6 <= as_of - 14
			GROUP BY ALL ORDER BY week`
		);
		expect(body.map((r) => [r[0], Number(r[1])])).toEqual(expected.map((e) => [e.week, e.median]));
	});

	it('downloads a chart as a real PNG', async () => {
		const file = await download(watched, watched.page.getByRole('button', { name: 'Download Productivity by clinic, % of baseline as PNG' }));
		expect(file.name).toBe('productivity-by-clinic.png');
		expect([...file.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(file.bytes.length).toBeGreaterThan(20_000);
	});

	it('links the slow clinics to their variances once the attribution is built', async () => {
		await watched.page.waitForSelector('[data-causes="productivity"] tbody tr', { timeout: 120_000 });
		for (const [measure, list] of [
			['productivity', planted.slowProductivity],
			['billing', planted.slowBilling]
		] as const) {
			const slow = await watched.page
				.locator(`[data-causes="${measure}"] tr[data-status="slow"]`)
				.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-clinic'), tr.children[6]?.textContent ?? '']));
			expect(slow.map(([clinic]) => clinic).sort(), measure).toEqual(list.map((s) => s.clinicId).sort());
			expect(
				slow.every(([, variance]) => (variance ?? '').includes('unreconciled')),
				measure
			).toBe(true);
		}
	});

	it('follows a site filter in the scorecard and the charts', async () => {
		const [site] = await rows(truth, `SELECT site, list(clinic_id ORDER BY clinic_id) AS clinics FROM raw_clinics GROUP BY site ORDER BY site LIMIT 1`);
		const inSite = [...(site?.clinics as Iterable<string>)];
		const before = await chartTable(watched, 'billing-lag-by-clinic');
		await watched.page.getByRole('checkbox', { name: String(site?.site) }).check();
		await watched.page.waitForFunction((n) => document.querySelectorAll('[data-scorecard] tbody tr').length === n, inSite.length, { timeout: 30_000 });
		await allChartsRendered(watched);
		const shown = await scorecardRows(watched).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-clinic')));
		expect(shown.sort()).toEqual(inSite.sort());
		const [header] = await chartTable(watched, 'productivity-by-site');
		expect(header).toEqual(['week', String(site?.site), 'all in scope', 'all in scope: planned']);
		const after = await chartTable(watched, 'billing-lag-by-clinic');
		expect(after.length).toBeLessThan(before.length);
		expect(after.slice(1).every((r) => inSite.includes(r[0] ?? ''))).toBe(true);
	});

	it('applies changed rules to the scorecard', async () => {
		const slowClinic = planted.slowProductivity[0]?.clinicId ?? '';
		await watched.page.getByRole('button', { name: 'Clear filters' }).click();
		await watched.page.waitForFunction(() => document.querySelectorAll('[data-scorecard] tbody tr').length > 20);
		expect(await statusOf(watched, slowClinic, 'productivity')).toBe('slow');
		// At 80% of baseline even the planted plateau (82-86%) counts as recovered.
		await watched.page.locator('input[name="productivityThreshold"]').fill('80');
		await watched.page.getByRole('button', { name: 'Apply rules' }).click();
		await watched.page.waitForFunction(
			(c) => document.querySelector(`[data-scorecard] tr[data-clinic="${c}"] td[data-measure="productivity"]`)?.getAttribute('data-status') !== 'slow',
			slowClinic,
			{ timeout: 30_000 }
		);
		expect(await statusOf(watched, slowClinic, 'productivity')).not.toBe('slow');
	});

	it('requested nothing from any other origin and logged no error (CSP included)', () => {
		expect(watched.requests.length).toBeGreaterThan(5);
		expect(foreignRequests(watched.requests, site.origin)).toEqual([]);
		expect(watched.errors).toEqual([]);
	});
});
