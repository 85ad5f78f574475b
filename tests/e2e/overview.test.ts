import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { rows } from '../unit/helpers/fixture';
import { foreignRequests, openWatchedPage, type WatchedPage } from '../../scripts/harness/browser';
import { independentSample } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const CHARTS = ['tickets-by-week', 'backlog', 'time-to-resolve', 'ticket-rate-heatmap'];

let site: SiteUnderTest;
let truth: Engine;
let watched: WatchedPage;

async function allChartsRendered(w: WatchedPage) {
	for (const id of CHARTS) {
		await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 60_000 });
	}
}

async function tileValue(w: WatchedPage, name: string): Promise<number> {
	return Number(await w.page.getAttribute(`[data-total="${name}"]`, 'data-value'));
}

async function waitForTickets(w: WatchedPage, expected: number) {
	await w.page.waitForFunction((n) => document.querySelector('[data-total="tickets"]')?.getAttribute('data-value') === String(n), expected, { timeout: 30_000 });
	await allChartsRendered(w);
}

/** The rows of a chart's data table, as the user sees them under "Data". */
async function chartTable(w: WatchedPage, id: string): Promise<string[][]> {
	const details = w.page.locator(`[data-chart="${id}"] details`);
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}

beforeAll(async () => {
	[site, truth] = await Promise.all([startSite(), independentSample()]);
	watched = await site.open('/');
	await allChartsRendered(watched);
});

afterAll(async () => {
	await site?.close();
	await truth?.close();
});

describe('stabilization overview on the bundled data', () => {
	it('shows totals that match independent SQL over the same files', async () => {
		const [expected] = await rows(
			truth,
			`SELECT count(*) AS tickets, count(*) FILTER (WHERE resolved_at IS NULL) AS open, count(DISTINCT clinic_id) AS clinics,
				quantile_cont(epoch(resolved_at - opened_at) / 3600, 0.5) AS median, quantile_cont(epoch(resolved_at - opened_at) / 3600, 0.9) AS p90
			FROM raw_tickets`
		);
		expect(await tileValue(watched, 'tickets')).toBe(expected?.tickets);
		expect(await tileValue(watched, 'open')).toBe(expected?.open);
		expect(await tileValue(watched, 'clinics')).toBe(expected?.clinics);
		expect(await tileValue(watched, 'median')).toBeCloseTo(expected?.median as number, 6);
		expect(await tileValue(watched, 'p90')).toBeCloseTo(expected?.p90 as number, 6);
		// Open means open when the export was taken, which the tile dates (an old export is not "now").
		const [last] = await rows(truth, `SELECT strftime(max(opened_at), '%Y-%m-%d') AS day FROM raw_tickets`);
		expect(await watched.page.locator('[data-total="open"] [data-as-of]').innerText()).toBe(`when exported; last ticket opened ${last?.day}`);
	});

	it('charts tickets per calendar week exactly as counted independently', async () => {
		const expected = await rows(truth, `SELECT strftime(date_trunc('week', opened_at), '%Y-%m-%d') AS week, count(*) AS n FROM raw_tickets GROUP BY 1 ORDER BY 1`);
		const shown = (await chartTable(watched, 'tickets-by-week')).filter((r) => r.at(-1) !== '0');
		expect(shown.map((r) => [r[0], Number(r.at(-1))])).toEqual(expected.map((e) => [e.week, e.n]));
		const canvas = await watched.page.locator('[data-chart="tickets-by-week"] canvas').first().boundingBox();
		expect(canvas?.width).toBeGreaterThan(200);
	});

	it('follows a site filter in every chart and total', async () => {
		const [site] = await rows(truth, `SELECT site, count(*) AS n FROM raw_tickets JOIN raw_clinics USING (clinic_id) GROUP BY site ORDER BY site LIMIT 1`);
		const before = await chartTable(watched, 'ticket-rate-heatmap');
		await watched.page.getByRole('checkbox', { name: String(site?.site) }).check();
		await waitForTickets(watched, site?.n as number);
		const after = await chartTable(watched, 'ticket-rate-heatmap');
		const clinicsInSite = await rows(truth, `SELECT clinic_id FROM raw_clinics WHERE site = '${String(site?.site).replaceAll("'", "''")}'`);
		const allowed = new Set(clinicsInSite.map((c) => c.clinic_id));
		expect(after.length).toBeLessThan(before.length);
		expect(after.every((r) => allowed.has(r[0]))).toBe(true);
	});

	it('switches to weeks since go-live with tickets per clinic observed that whole week, as computed independently', async () => {
		await watched.page.getByRole('button', { name: 'Clear filters' }).click();
		const [all] = await rows(truth, 'SELECT count(*) AS n FROM raw_tickets');
		await waitForTickets(watched, all?.n as number);
		await watched.page.getByRole('radio', { name: 'Weeks since go-live' }).check();
		// A clinic counts in week k only if the export covers its whole week (go-live + 7k .. +6 days).
		const expected = await rows(
			truth,
			`WITH span AS (SELECT min(CAST(opened_at AS DATE)) AS first, max(CAST(opened_at AS DATE)) AS last FROM raw_tickets),
			weeks AS (SELECT clinic_id, CAST(go_live_date AS DATE) AS g, CAST(unnest(range(-60, 60)) AS INTEGER) AS k FROM raw_clinics),
			seen AS (SELECT w.* FROM weeks w, span WHERE w.g + 7 * w.k >= span.first AND w.g + 7 * w.k + 6 <= span.last),
			n AS (SELECT t.clinic_id, CAST(floor(date_diff('day', CAST(c.go_live_date AS DATE), CAST(t.opened_at AS DATE)) / 7) AS INTEGER) AS k, count(*) AS n
				FROM raw_tickets t JOIN raw_clinics c USING (clinic_id) GROUP BY ALL)
			SELECT s.k, count(*) AS clinics, coalesce(sum(n.n), 0) AS n FROM seen s LEFT JOIN n USING (clinic_id, k) GROUP BY s.k ORDER BY s.k`
		);
		const label = (k: number) => (k === 0 ? 'go-live' : k > 0 ? `+${k}` : String(k));
		await watched.page.waitForFunction(() => [...document.querySelectorAll('[data-chart="tickets-by-week"] tbody tr td:first-child')].some((td) => td.textContent === 'go-live'));
		await allChartsRendered(watched);
		// Columns: week, categories..., total, clinics observed, clinics in scope.
		const shown = new Map((await chartTable(watched, 'tickets-by-week')).map((r) => [r[0], r]));
		for (const e of expected) {
			const row = shown.get(label(e.k as number));
			// The axis spans the weeks with tickets: an observed week before the first ticket is not drawn.
			if (!row && Number(e.n) === 0) continue;
			expect(row, label(e.k as number)).toBeDefined();
			expect(Number(row?.at(-2))).toBe(Number(e.clinics));
			expect(Math.abs(Number(row?.at(-3)) - Number(e.n) / Number(e.clinics))).toBeLessThan(0.35);
		}
		await expect.poll(() => watched.page.locator('[data-coverage-control] select').inputValue()).toBe('0.5');
	});

	it('narrows to a date range', async () => {
		await watched.page.getByRole('radio', { name: 'Calendar week' }).check();
		const [expected] = await rows(truth, `SELECT count(*) AS n FROM raw_tickets WHERE CAST(opened_at AS DATE) BETWEEN DATE '2026-03-02' AND DATE '2026-03-29'`);
		await watched.page.getByLabel('From', { exact: true }).fill('2026-03-02');
		await watched.page.getByLabel('To', { exact: true }).fill('2026-03-29');
		await waitForTickets(watched, expected?.n as number);
	});

	it('records the User Timing measures for the benchmark, and never started DuckDB for any of the above', async () => {
		const measures = await watched.page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name));
		expect(measures).toEqual(expect.arrayContaining(['hypercare:first-chart', 'hypercare:overview-live']));
		// Every figure and filter change above came from the kept results and the page's own pre-aggregates.
		expect(measures).not.toContain('hypercare:duckdb-ready');
		expect(await watched.page.getAttribute('[data-dataset-phase]', 'data-live-phase')).toBe('idle');
	});

	it('draws the default view from build-time results, and starts DuckDB only when a view needs it', async () => {
		const w = await openWatchedPage(site.browser);
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await w.context.route('**/*.wasm.gz', async (route) => {
			await held;
			await route.continue();
		});
		await w.page.goto(`${site.origin}/`);
		for (const id of CHARTS) await w.page.waitForSelector(`[data-chart="${id}"][data-state="rendered"]`, { timeout: 30_000 });
		expect(await w.page.evaluate(() => performance.getEntriesByName('hypercare:duckdb-ready').length)).toBe(0);
		const [expected] = await rows(truth, `SELECT count(*) AS tickets, count(*) FILTER (WHERE resolved_at IS NULL) AS open FROM raw_tickets`);
		expect(await tileValue(w, 'tickets')).toBe(expected?.tickets);
		expect(await tileValue(w, 'open')).toBe(expected?.open);
		expect(await w.page.getAttribute('[data-dataset-phase]', 'data-live-phase')).toBe('idle');
		release();
		// The SQL console needs the full tables: DuckDB starts and loads them then.
		await w.page.getByRole('link', { name: 'SQL console' }).first().click();
		await w.page.waitForFunction(() => performance.getEntriesByName('hypercare:data-loaded').length > 0, undefined, { timeout: 60_000 });
		expect(w.errors).toEqual([]);
		await w.context.close();
	});

	it('requested nothing from any other origin and logged no error (CSP included)', () => {
		expect(watched.requests.length).toBeGreaterThan(5);
		expect(foreignRequests(watched.requests, site.origin)).toEqual([]);
		expect(watched.errors).toEqual([]);
	});
});
