import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { rows } from '../unit/helpers/fixture';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { settled } from '../../scripts/harness/pages';
import { SAMPLE_DIR } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';
import { referenceAttribution } from './support/reference-attribution';

interface Planted {
	workflowVariance: { clinicId: string; area: string }[];
	buildDefects: { id: string; area: string; start: string; end: string }[];
}

let site: SiteUnderTest;
let watched: WatchedPage;
/** The same attribution computed in node on the same files, to check what the page lists. */
let reference: Engine;
const planted = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'truth', 'planted.json'), 'utf8')) as Planted;

const MATRIX = '[data-chart="clinic-cause-matrix"]';

/** Moves the pointer over the matrix (a share of its width, a clinic row) and reads the cell the tooltip names. */
async function hoverCell(page: Page, across: number, row: number) {
	const canvas = page.locator(`${MATRIX} canvas`);
	await canvas.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	const box = (await canvas.boundingBox())!;
	// Rows of 14 px under an 8 px margin (heatmap-shapes.ts).
	const point = { x: box.x + box.width * across, y: box.y + 8 + 14 * (row + 0.5) };
	await page.mouse.move(point.x, point.y);
	const tip = page.locator(`${MATRIX} [data-heatmap-tip]`);
	await tip.waitFor();
	const [who, what] = (await tip.innerText()).split('\n');
	expect(what).toMatch(/^\w+ · [\d.]+ attributed tickets per 100 users, .+ among the clinics for this cause$/);
	return { clinic: who?.split(' ')[0] ?? '', cause: what?.split(' · ')[0] ?? '', point };
}

async function drillRows(w: WatchedPage) {
	await w.page.waitForSelector('[data-drill] tbody tr', { timeout: 30_000 });
	return w.page.locator('[data-drill] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}

beforeAll(async () => {
	[site, reference] = await Promise.all([startSite(), referenceAttribution()]);
	watched = await site.open('/attribution', '[data-chart="clinic-cause-matrix"][data-state="rendered"]');
});

afterAll(async () => {
	await site?.close();
	await reference?.close();
});

describe('root-cause page on the bundled data', () => {
	it('lists each planted build defect as an incident with its area and dates', async () => {
		const shown = await watched.page.locator('[data-effect="incidents"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(2, 5).map((td) => td.textContent ?? '')));
		expect(shown).toHaveLength(planted.buildDefects.length);
		for (const defect of planted.buildDefects) {
			expect(
				shown.some(([area, from, to]) => area === defect.area && (from ?? '') <= defect.end && (to ?? '') >= defect.start),
				defect.id
			).toBe(true);
		}
	});

	it('shows the planted unreconciled variances among the significant ones, largest excess first', async () => {
		const shown = await watched.page
			.locator('[data-effect="variance"] tbody tr:not(.dim)')
			.evaluateAll((trs) => trs.map((tr) => `${(tr.children[0]?.textContent ?? '').split(' ')[0]}/${tr.children[1]?.textContent ?? ''}`));
		const plantedPairs = new Set(planted.workflowVariance.map((v) => `${v.clinicId}/${v.area}`));
		const found = shown.filter((pair) => plantedPairs.has(pair)).length;
		expect(found / plantedPairs.size).toBeGreaterThanOrEqual(0.9);
		expect(found / shown.length).toBeGreaterThanOrEqual(0.8);
	});

	it('shows a significant training effect with its excess tickets', async () => {
		const excess = Number(await watched.page.getAttribute('[data-excess="missed_training"]', 'data-value'));
		const [all] = await rows(reference, `SELECT excess_tickets FROM attribution_training_effect WHERE workflow_area IS NULL`);
		expect(excess).toBeCloseTo(all?.excess_tickets as number, 6);
		expect(excess).toBeGreaterThan(1000);
	});

	it('drills from a variance row to exactly its tickets, with evidence as text', async () => {
		const first = watched.page.locator('[data-effect="variance"] tbody tr').first();
		const clinic = ((await first.locator('td').first().textContent()) ?? '').split(' ')[0] ?? '';
		const area = (await first.locator('td').nth(1).textContent()) ?? '';
		await first.getByRole('button', { name: 'tickets' }).click();
		const shown = await drillRows(watched);
		const expected = await rows(
			reference,
			`SELECT count(*) AS n FROM ticket_root_cause r JOIN tickets t USING (ticket_id)
			WHERE r.root_cause = 'workflow_variance' AND t.clinic_id = '${clinic}' AND t.workflow_area = '${area}'`
		);
		expect(shown.length).toBe(Math.min(500, expected[0]?.n as number));
		expect(shown.every((r) => r[2] === clinic && r[3] === area)).toBe(true);
		expect(shown[0]?.[7]).toContain(`clinic ${clinic} has an unreconciled ${area} variance`);
	});

	it('draws the clinic × cause matrix on a canvas of its own, not ECharts: every cause of its data named, printed as SVG', async () => {
		const drawn = await watched.page
			.locator(MATRIX)
			.evaluate((figure) => ({ canvases: figure.querySelectorAll('canvas').length, echarts: 'echarts' in (figure.querySelector('.canvas') ?? {}) }));
		expect(drawn).toEqual({ canvases: 1, echarts: false });
		const causes = await rows(reference, `SELECT DISTINCT root_cause FROM ticket_root_cause`);
		await watched.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
		const svg = await watched.page
			.locator(`${MATRIX} .print-copy svg`)
			.evaluate((s) => ({ rects: s.querySelectorAll('rect').length, texts: [...s.querySelectorAll('text')].map((t) => t.textContent) }));
		await watched.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
		for (const { root_cause } of causes) expect(svg.texts).toContain(root_cause);
		expect(svg.texts).toContain('Standing within each cause');
		expect(svg.rects).toBeGreaterThan(100);
	});

	it('drills from a click on the clinic × cause matrix: the cell its tooltip names', async () => {
		const { clinic, cause, point } = await hoverCell(watched.page, 0.35, 2);
		await watched.page.mouse.click(point.x, point.y);
		await watched.page.waitForFunction((title) => document.querySelector('[data-drill] h3')?.textContent === title, `${cause} tickets at clinic ${clinic}`);
		const shown = await drillRows(watched);
		expect(shown.every((r) => r[2] === clinic)).toBe(true);
	});

	it('opens the keyboard-focused cell’s drill-down with Enter: the first clinic in go-live order, the first cause', async () => {
		const clinics = await rows(reference, `SELECT clinic_id FROM clinics ORDER BY go_live_date, clinic_id LIMIT 1`);
		const first = clinics[0]?.clinic_id as string;
		await watched.page.locator(`${MATRIX} .chart-frame`).focus();
		// The first arrow key reads the first cell.
		await watched.page.keyboard.press('ArrowDown');
		const tip = (await watched.page.locator(`${MATRIX} [data-heatmap-tip]`).innerText()).split('\n');
		expect(tip[0]?.split(' ')[0]).toBe(first);
		expect(tip[1]).toMatch(/^workflow_variance · [\d.]+ attributed tickets per 100 users, .+ among the clinics for this cause$/);
		await watched.page.keyboard.press('Enter');
		await watched.page.waitForFunction((c) => document.querySelector('[data-drill] h3')?.textContent === `workflow_variance tickets at clinic ${c}`, first);
		const shown = await drillRows(watched);
		expect(shown.every((r) => r[2] === first)).toBe(true);
		await watched.page.keyboard.press('Escape');
	});

	it('drills from a row of the matrix’s data table (keyboard path)', async () => {
		await watched.page.locator('[data-chart="clinic-cause-matrix"] summary').click();
		const row = watched.page.locator('[data-chart="clinic-cause-matrix"] tbody tr', { hasText: 'missed_training' }).first();
		const clinic = (await row.locator('td').first().textContent()) ?? '';
		await row.getByRole('button', { name: 'tickets' }).click();
		await watched.page.waitForFunction((c) => document.querySelector('[data-drill] h3')?.textContent === `missed_training tickets at clinic ${c}`, clinic);
		const shown = await drillRows(watched);
		expect(shown.every((r) => r[2] === clinic && r[7]?.startsWith('missed-training rule: reporter '))).toBe(true);
	});

	it('draws the matrix once for a site change, before the next frame, and not at all for an axis change (its model is kept)', async () => {
		await watched.page.locator(MATRIX).evaluate((figure) => {
			const canvas = figure.querySelector('canvas') as HTMLCanvasElement & { draws?: number };
			const getContext = canvas.getContext.bind(canvas);
			canvas.draws = 0;
			canvas.getContext = ((id: string, options?: unknown) => {
				canvas.draws = (canvas.draws ?? 0) + 1;
				return getContext(id as '2d', options as CanvasRenderingContext2DSettings);
			}) as typeof canvas.getContext;
		});
		const draws = () => watched.page.locator(`${MATRIX} canvas`).evaluate((c) => (c as unknown as { draws: number }).draws);
		const tableRows = () => watched.page.locator(`${MATRIX} summary`).innerText();
		// With a drill-down open, a filter change waits for its tickets from DuckDB: closed, the figures come from the kept pre-aggregates at once.
		if ((await watched.page.locator('[data-drill]').count()) > 0) await watched.page.locator('[data-drill]').getByRole('button', { name: 'Close' }).click();
		await watched.page.waitForSelector('[data-drill]', { state: 'detached' });
		const before = await tableRows();
		// Drawn in the input's task, before the next frame is painted (as the charts in view are: draw-queue.ts).
		const beforePaint = await watched.page.evaluate(async () => {
			document.querySelector<HTMLInputElement>('main input[name="site"]')?.click();
			for (let i = 0; i < 10; i++) await Promise.resolve();
			const canvas = document.querySelector('[data-chart="clinic-cause-matrix"] canvas') as unknown as { draws: number };
			return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(canvas.draws)));
		});
		expect(beforePaint).toBe(1);
		await watched.page.waitForFunction((b) => document.querySelector('[data-chart="clinic-cause-matrix"] summary')?.textContent !== b, before);
		await settled(watched.page);
		expect(await draws()).toBe(1);
		await watched.page.locator('main input[name="axis"]:not(:checked)').first().click();
		await settled(watched.page);
		await watched.page.waitForTimeout(300);
		expect(await draws()).toBe(1);
		// Back to every site: drawn once more.
		await watched.page.locator('main input[name="site"]').first().click();
		await watched.page.waitForFunction((b) => document.querySelector('[data-chart="clinic-cause-matrix"] summary')?.textContent === b, before);
		await settled(watched.page);
		expect(await draws()).toBe(2);
	});

	it('on a phone: the matrix fits its frame, every cause in view, and a tap on a cell opens its drill-down', async () => {
		const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
		const page = await context.newPage();
		try {
			await page.goto(`${site.origin}/attribution`);
			await page.waitForSelector(`${MATRIX}[data-state="rendered"]`, { timeout: 90_000 });
			const fit = await page.locator(MATRIX).evaluate((figure) => {
				const frame = figure.querySelector('.chart-frame') as HTMLElement;
				return { canvas: figure.querySelector('canvas')?.getBoundingClientRect().width ?? 0, frame: frame.clientWidth, page: document.documentElement.scrollWidth };
			});
			expect(fit.canvas).toBeLessThanOrEqual(fit.frame);
			expect(fit.page).toBeLessThanOrEqual(390);
			// A cell is at least 28 px wide: the focus ring around the first cell.
			await page.locator(`${MATRIX} .chart-frame`).focus();
			await page.keyboard.press('ArrowDown');
			expect(await page.locator(`${MATRIX} .focus`).evaluate((ring) => ring.getBoundingClientRect().width)).toBeGreaterThanOrEqual(30);
			await page.keyboard.press('Escape');
			// A tap moves no pointer over the canvas first: the tap itself says which cell.
			const canvas = page.locator(`${MATRIX} canvas`);
			await canvas.scrollIntoViewIfNeeded();
			const box = (await canvas.boundingBox())!;
			await page.touchscreen.tap(box.x + box.width * 0.55, box.y + 8 + 14 * 1.5);
			await page.waitForFunction(() => /^\w+ tickets at clinic \S+$/.test(document.querySelector('[data-drill] h3')?.textContent ?? ''), undefined, { timeout: 60_000 });
		} finally {
			await context.close();
		}
	});

	it('made no request to another origin and logged no error', () => {
		expect(foreignRequests(watched.requests, site.origin)).toEqual([]);
		expect(watched.errors).toEqual([]);
	});
});
