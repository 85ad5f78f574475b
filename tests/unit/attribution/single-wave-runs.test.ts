/**
 * The single-wave rule's runs of weeks and its cross-wave check (issue 21): two waves, each with
 * a defect of 2 extra tickets per clinic and week in the same area at the same weeks since
 * go-live. Compared cell by cell with the other wave, each defect hides the other (the other
 * wave "had it too"); the rule compares with other waves' weeks that its screen did not flag,
 * and tests runs of consecutive weeks against a fit that leaves the run out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { Random } from '../../../scripts/sample/random';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
const TRAINING_HEADER = 'user_id,clinic_id,role,workflow_area,completed_on,score';
const WAVES = { W1: '2026-03-02', W2: '2026-03-30' } as const;
const DAY = 86_400_000;
const dayOf = (goLive: string, k: number, offset: number) => new Date(Date.parse(goLive) + (7 * k + offset) * DAY).toISOString().slice(0, 10);

/** Eight clinics per wave, four areas, 14 weeks; `defectWeeks` (weeks since go-live) add 2 results tickets per clinic in both waves. */
function twoWaves(defectWeeks: readonly number[]) {
	const areas = ['orders', 'results', 'inbox', 'intake'];
	const rng = new Random(2121, 'single-wave-runs');
	const clinics: string[] = [];
	const training: string[] = [];
	const tickets: string[] = [];
	for (const [wave, goLive] of Object.entries(WAVES)) {
		for (let i = 0; i < 8; i++) {
			const c = `${wave}C${i}`;
			clinics.push(`${c},${goLive}`);
			for (const a of areas) {
				for (let u = 0; u < 4; u++) training.push(`${c}-${a}-${u},${c},physician,${a},2026-02-01,90`);
				for (let k = 0; k < 14; k++) {
					const extra = a === 'results' && defectWeeks.includes(k) ? 2 : 0;
					const n = rng.poisson(1.5 * (0.4 + 0.6 * Math.exp(-k / 2))) + extra;
					for (let j = 0; j < n; j++) tickets.push(`${c}-${a}-${k}-${j},${dayOf(goLive, k, 1 + (j % 4))} 10:00:00,,,${c},${c}-${a}-0,break_fix,${a},3,open,,`);
				}
			}
		}
	}
	return [csvFile('clinics', ['clinic_id,go_live_date', ...clinics]), csvFile('training', [TRAINING_HEADER, ...training]), csvFile('tickets', [TICKET_HEADER, ...tickets])];
}

describe('single-wave rule: runs of weeks, and other waves’ defects do not hide one', () => {
	let engine: Engine;
	let clean: Engine;
	beforeAll(async () => {
		engine = await engineWith(twoWaves([6, 7]));
		clean = await engineWith(twoWaves([]));
		await buildAttribution(engine);
		await buildAttribution(clean);
	});
	afterAll(async () => {
		await engine.close();
		await clean.close();
	});

	it('finds both waves’ defects though each wave had the other’s at the same go-live weeks', async () => {
		const incidents = await rows(engine, `SELECT incident_id, workflow_area, rule, clinic_count, first_day FROM attribution_incidents ORDER BY first_day`);
		expect(incidents.map((i) => [i.workflow_area, i.rule, i.clinic_count])).toEqual([
			['results', 'single wave', 8],
			['results', 'single wave', 8]
		]);
		expect(incidents.map((i) => i.first_day)).toEqual([dayOf(WAVES.W1, 6, 1), dayOf(WAVES.W2, 6, 1)]);
		// Neither wave's defect weeks enter the cross-wave comparison of the other.
		const flagged = await rows(engine, `SELECT wave, week, cross_expected, run_first_week, run_last_week, run_p, tests FROM attribution_wave_cells WHERE flagged ORDER BY wave, week`);
		expect(flagged).toHaveLength(4);
		for (const cell of flagged) {
			expect(cell.cross_expected).toBeNull();
			expect(cell.run_p as number).toBeLessThanOrEqual(0.05 / (cell.tests as number));
		}
	});

	it('names the run of weeks, its z and p in the evidence', async () => {
		const [cause] = await rows(engine, `SELECT weight, evidence FROM ticket_root_cause WHERE ticket_id = 'W1C0-results-6-0' AND root_cause = 'build_defect'`);
		expect(cause?.weight as number).toBeGreaterThan(0.5);
		expect(cause?.evidence).toMatch(
			/single-wave rule, wave live 2026-03-02\): \d+ observed vs [\d.]+ expected in 8 clinics .*; the weeks of 2026-04-13 to 2026-04-20 together had \d+ where [\d.]+ were expected \(z = [\d.]+\); (no other wave reached those weeks since go-live|other waves at the same weeks since go-live had [\d.]+ \(z = [\d.]+\)); dispersion [\d.]+; p = [\de.-]+, within 5% over the \d+ runs of weeks tested; the week of 2026-04-1\d the wave had \d+ where [\d.]+ were expected, so weight 0\.\d\d$/
		);
	});

	it('finds nothing in the same waves without a defect', async () => {
		expect(await rows(clean, `SELECT * FROM attribution_incidents`)).toEqual([]);
		const [t] = await rows(clean, `SELECT count(*) FILTER (WHERE flagged) AS flagged, min(run_p) AS p FROM attribution_wave_cells`);
		expect(t).toEqual({ flagged: 0, p: null });
	});
});
