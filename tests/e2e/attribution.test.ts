import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { rows } from '../unit/helpers/fixture';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { SAMPLE_DIR } from '../../scripts/harness/sample-data';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

interface Planted {
	workflowVariance: { clinicId: string; area: string }[];
	buildDefects: { id: string; area: string; start: string; end: string }[];
}

let site: SiteUnderTest;
let watched: WatchedPage;
/** The same attribution computed in node on the same files, to check what the page lists. */
let reference: Engine;
const planted = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'truth', 'planted.json'), 'utf8')) as Planted;

async function referenceEngine(): Promise<Engine> {
	const engine = await startNodeEngine();
	const manifest = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { tables: { table: string; file: string }[] };
	const files = manifest.tables
		.filter((t) => ['clinics', 'training', 'workflow_variance', 'tickets'].includes(t.table))
		.map((t) => ({ table: t.table as 'tickets', name: t.file, bytes: readFileSync(path.join(SAMPLE_DIR, t.file)) }));
	await loadCanonicalTables(engine, files);
	await buildAttribution(engine);
	return engine;
}

async function drillRows(w: WatchedPage) {
	await w.page.waitForSelector('[data-drill] tbody tr', { timeout: 30_000 });
	return w.page.locator('[data-drill] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}

beforeAll(async () => {
	[site, reference] = await Promise.all([startSite(), referenceEngine()]);
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

	it('drills from a click on the clinic × cause matrix', async () => {
		// Cell centre from the chart's grid (left 200, right 80, top 8, bottom 64): first cause column, first clinic row.
		const canvas = watched.page.locator('[data-chart="clinic-cause-matrix"] .canvas');
		await canvas.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		const box = await canvas.boundingBox();
		if (!box) throw new Error('matrix canvas has no box');
		const causes = await rows(reference, `SELECT count(DISTINCT root_cause) AS n FROM ticket_root_cause`);
		const clinics = await rows(reference, `SELECT clinic_id FROM clinics ORDER BY go_live_date, clinic_id LIMIT 1`);
		const rowsCount = await rows(reference, `SELECT count(DISTINCT clinic_id) AS n FROM tickets`);
		const x = 200 + (box.width - 280) / (causes[0]?.n as number) / 2;
		const y = 8 + (box.height - 72) / (rowsCount[0]?.n as number) / 2;
		await canvas.click({ position: { x, y } });
		await watched.page.waitForFunction((c) => document.querySelector('[data-drill] h3')?.textContent === `workflow_variance tickets at clinic ${c}`, clinics[0]?.clinic_id);
		const shown = await drillRows(watched);
		expect(shown.every((r) => r[2] === clinics[0]?.clinic_id)).toBe(true);
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

	it('made no request to another origin and logged no error', () => {
		expect(foreignRequests(watched.requests, site.origin)).toEqual([]);
		expect(watched.errors).toEqual([]);
	});
});
