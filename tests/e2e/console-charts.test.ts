/**
 * SQL console charts in the browser (issue 18 item 6): a failed run marks the previous result
 * stale; repeated x under "none" is said, not summed; the chosen aggregation is in the title; the
 * PNG carries the title and the query.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

let site: SiteUnderTest;
let w: WatchedPage;

/** Puts one line of SQL in the editor as typed text and runs it with Ctrl+Enter. */
async function run(sql: string) {
	await w.page.locator('.cm-content').click();
	await w.page.keyboard.press('ControlOrMeta+a');
	await w.page.keyboard.press('Delete');
	await w.page.keyboard.type(sql);
	await w.page.keyboard.press('Escape');
	const before = await w.page.locator('[data-history] li').count();
	await w.page.keyboard.press('Control+Enter');
	await w.page.waitForFunction((n) => document.querySelectorAll('[data-history] li').length > n, before, { timeout: 60_000 });
}

const title = () => w.page.locator('[data-chart="console-chart"] h3').textContent();

beforeAll(async () => {
	site = await startSite();
	w = await site.open('/console', '[data-phase="ready"]');
});

afterAll(async () => {
	await site?.close();
});

describe('console charts', () => {
	it('marks the previous result stale when a query fails, and clears the mark on the next success', async () => {
		await run('SELECT site, count(*) AS clinics FROM clinics GROUP BY ALL ORDER BY 1');
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		expect(await w.page.locator('[data-stale-note]').count()).toBe(0);
		await run('SELECT no_such_column FROM clinics');
		await w.page.waitForSelector('[data-query-error]');
		expect(await w.page.locator('[data-stale-note]').textContent()).toContain('Stale: the last run failed');
		expect(await w.page.getAttribute('.result', 'data-stale')).toBe('true');
		await run('SELECT site, count(*) AS clinics FROM clinics GROUP BY ALL ORDER BY 1');
		await w.page.waitForSelector('.result[data-stale="false"]');
		expect(await w.page.locator('[data-stale-note]').count()).toBe(0);
	});

	it('says that x repeats instead of summing, and states the aggregation chosen', async () => {
		// One row per clinic and week: clinic_name repeats (the "every bar at 10").
		await run('SELECT c.clinic_name, t.go_live_week FROM ticket_facts t JOIN clinics c USING (clinic_id) WHERE t.go_live_week = 3 LIMIT 400');
		await w.page.waitForSelector('[data-chart-problem]');
		expect(await w.page.locator('[data-chart-problem]').textContent()).toMatch(/x "clinic_name" repeats: .*Choose sum, avg or count/);
		expect(await title()).toContain('(each row as it is, not aggregated)');
		await w.page.getByLabel('Aggregation').selectOption('count');
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		expect(await w.page.locator('[data-chart-problem]').count()).toBe(0);
		expect(await title()).toBe('count of go_live_week by clinic_name');
	});

	it('downloads a PNG taller than the chart on screen: the title and the query are drawn above it', async () => {
		await run('SELECT site, count(*) AS clinics, sum(providers) AS providers FROM clinics GROUP BY ALL ORDER BY 1');
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		await w.page.getByRole('button', { name: 'Add y column' }).click();
		await w.page.waitForSelector('[data-chart="console-chart"][data-state="rendered"]', { timeout: 30_000 });
		expect(await title()).toBe('clinics, providers by site (each row as it is, not aggregated)');
		const canvas = await w.page.locator('[data-chart="console-chart"] .canvas').boundingBox();
		const [file] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /^Download clinics, providers by site.* as PNG$/ }).click()]);
		const png = readFileSync(await file.path());
		expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
		// PNG header: width and height at bytes 16-23 (drawn at pixel ratio 2).
		const height = png.readUInt32BE(20) / 2;
		expect(height).toBeGreaterThan((canvas?.height ?? 0) + 40);
	});
});
