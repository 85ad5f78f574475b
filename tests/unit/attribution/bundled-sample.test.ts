/**
 * On the generated go-live, attribution must find what was planted: read back from the
 * generator's truth folder, which the app never sees.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { ROOT_CAUSES } from '$lib/contract/vocabulary';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { generateSample } from '../../../scripts/sample/generate';
import { rows } from '../helpers/fixture';

interface Planted {
	workflowVariance: { clinicId: string; area: string }[];
	buildDefects: { id: string; area: string; start: string; end: string; clinicIds: string[] }[];
}

let dir: string;
let engine: Engine;
let planted: Planted;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hypercare-attribution-'));
	const manifest = await generateSample({ outDir: dir });
	engine = await startNodeEngine();
	const wanted = manifest.tables.filter((t) => ['clinics', 'training', 'workflow_variance', 'tickets'].includes(t.table));
	await loadCanonicalTables(
		engine,
		wanted.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(dir, t.file)) }))
	);
	await buildAttribution(engine);
	await engine.registerFile('truth.csv', readFileSync(path.join(dir, 'truth', 'ticket_causes.csv')));
	planted = JSON.parse(readFileSync(path.join(dir, 'truth', 'planted.json'), 'utf8')) as Planted;
}, 120_000);

afterAll(async () => {
	await engine?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('attribution on the bundled go-live', () => {
	it('attributes every ticket once in full', async () => {
		const [check] = await rows(
			engine,
			`SELECT (SELECT count(*) FROM tickets) AS tickets, count(*) AS attributed, max(abs(s - 1)) AS worst
			FROM (SELECT ticket_id, sum(weight) AS s FROM ticket_root_cause GROUP BY ticket_id)`
		);
		expect(check?.attributed).toBe(check?.tickets);
		expect(check?.worst).toBeLessThan(1e-9);
		const causes = await rows(engine, 'SELECT DISTINCT root_cause FROM ticket_root_cause');
		expect(causes.every((c) => (ROOT_CAUSES as readonly unknown[]).includes(c.root_cause))).toBe(true);
	});

	it('finds each planted build defect as one incident, and no other', async () => {
		const incidents = await rows(engine, `SELECT workflow_area, first_day, last_day, list_sort(clinics) AS clinics FROM attribution_incidents`);
		expect(incidents).toHaveLength(planted.buildDefects.length);
		for (const defect of planted.buildDefects) {
			const match = incidents.find((i) => i.workflow_area === defect.area && (i.first_day as string) <= defect.end && (i.last_day as string) >= defect.start);
			expect(match, defect.id).toBeDefined();
			const found = new Set([...(match?.clinics as Iterable<string>)]);
			const hit = defect.clinicIds.filter((c) => found.has(c)).length;
			expect(hit / defect.clinicIds.length, defect.id).toBeGreaterThanOrEqual(0.75);
			expect(found.size - hit, `${defect.id}: clinics not hit by it`).toBe(0);
		}
	});

	it('flags the planted unreconciled variances with recall >= 90% and precision >= 80%', async () => {
		const found = await rows(engine, `SELECT clinic_id || '/' || workflow_area AS pair FROM attribution_variance_effect WHERE significant`);
		const plantedPairs = new Set(planted.workflowVariance.map((v) => `${v.clinicId}/${v.area}`));
		const truePositives = found.filter((f) => plantedPairs.has(f.pair as string)).length;
		expect(truePositives / plantedPairs.size).toBeGreaterThanOrEqual(0.9);
		expect(truePositives / found.length).toBeGreaterThanOrEqual(0.8);
	});

	it('measures a significant training effect', async () => {
		const [all] = await rows(engine, `SELECT rr_mh, rr_low, excess_tickets FROM attribution_training_effect WHERE workflow_area IS NULL`);
		expect(all?.rr_low).toBeGreaterThan(2);
	});

	it('gives each root cause a share within 5 percentage points of the truth', async () => {
		const shares = await rows(
			engine,
			`WITH n AS (SELECT count(*) AS n FROM tickets),
			attributed AS (SELECT root_cause, sum(weight) AS w FROM ticket_root_cause GROUP BY ALL),
			truth AS (SELECT planted_cause AS root_cause, count(*) AS t FROM read_csv('truth.csv') GROUP BY ALL)
			SELECT root_cause, coalesce(w, 0) / n AS attributed, coalesce(t, 0) / n AS truth
			FROM attributed FULL JOIN truth USING (root_cause), n`
		);
		expect(shares.length).toBe(ROOT_CAUSES.length);
		const tvd = shares.reduce((s, r) => s + Math.abs((r.attributed as number) - (r.truth as number)), 0) / 2;
		expect(tvd).toBeLessThanOrEqual(0.05);
		for (const share of shares) expect(Math.abs((share.attributed as number) - (share.truth as number)), String(share.root_cause)).toBeLessThanOrEqual(0.05);
	});
});
