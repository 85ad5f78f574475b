/**
 * Two refinements of issue 21, on hand-made data whose counts are set, not drawn:
 * - a single-wave run must stand out against both comparisons it has: the wave's own
 *   area x week fit (with the wave's quasi-Poisson dispersion) and other waves at the same
 *   weeks since go-live. The no-defect seed 210 of the benchmark had an inbox run of 7, 7, 7
 *   tickets after weeks of 0-4 whose own-wave expectation was 3.5 (z = 5.47) while the other
 *   waves had 10 at those go-live weeks; chance, not a defect.
 * - a variance's weight is measured per kind of ticket: a variance that raises break-fix
 *   tickets only gives how-to tickets no weight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
const TRAINING_HEADER = 'user_id,clinic_id,role,workflow_area,completed_on,score';
const DAY = 86_400_000;
const dayOf = (goLive: string, k: number, offset: number) => new Date(Date.parse(goLive) + (7 * k + offset) * DAY).toISOString().slice(0, 10);
const AREAS = ['orders', 'results', 'inbox', 'intake'] as const;
const WEEKS = 14;

/**
 * Waves of eight clinics with four trained users per area; `count(wave, area, k)` break-fix
 * tickets per wave, area and week since go-live, spread over the clinics in turn.
 */
function waves(goLives: Record<string, string>, count: (wave: string, area: string, k: number) => number, variances: string[] = [], extra: string[] = []) {
	const clinics: string[] = [];
	const training: string[] = [];
	const tickets: string[] = [...extra];
	for (const [wave, goLive] of Object.entries(goLives)) {
		const ids = Array.from({ length: 8 }, (_, i) => `${wave}C${i}`);
		for (const c of ids) {
			clinics.push(`${c},${goLive}`);
			for (const a of AREAS) for (let u = 0; u < 4; u++) training.push(`${c}-${a}-${u},${c},physician,${a},2026-01-15,90`);
		}
		for (const a of AREAS) {
			for (let k = 0; k < WEEKS; k++) {
				for (let j = 0; j < count(wave, a, k); j++) {
					const c = ids[j % ids.length] ?? '';
					tickets.push(`${wave}-${a}-${k}-${j},${dayOf(goLive, k, 1 + (j % 4))} 10:00:00,,,${c},${c}-${a}-0,break_fix,${a},3,open,,`);
				}
			}
		}
	}
	return [
		csvFile('clinics', ['clinic_id,go_live_date', ...clinics]),
		csvFile('training', [TRAINING_HEADER, ...training]),
		csvFile('tickets', [TICKET_HEADER, ...tickets]),
		csvFile('workflow_variance', ['clinic_id,workflow_area,description,status,reconciled_on', ...variances])
	];
}

const TWO = { W1: '2026-03-02', W2: '2026-03-30' } as const;
/** Steady areas, except W2's inbox: 2 a week, then 7, 7, 7 at weeks 7-9; W1's inbox has 3 a week. */
const chanceRun = (wave: string, area: string, k: number): number => {
	if (area !== 'inbox') return 12;
	if (wave === 'W1') return 3;
	return k >= 7 && k <= 9 ? 7 : 2;
};

describe('single-wave rule: a run must stand out against its own wave and against other waves', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith(waves(TWO, chanceRun));
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('finds no incident when only the wave’s own fit, not other waves at the same go-live weeks, calls the run extreme', async () => {
		expect(await rows(engine, 'SELECT incident_id FROM attribution_incidents')).toEqual([]);
		expect(await rows(engine, 'SELECT count(*) AS n FROM attribution_wave_cells WHERE flagged')).toEqual([{ n: 0 }]);
	});

	it('reports the wave’s dispersion and the cross-wave z of a flagged run, and still finds a real defect', async () => {
		const defect = await engineWith(waves(TWO, (w, a, k) => chanceRun(w, a, k) + (w === 'W2' && a === 'results' && k >= 3 && k <= 5 ? 16 : 0)));
		try {
			await buildAttribution(defect);
			const incidents = await rows(defect, 'SELECT workflow_area, rule, clinic_count FROM attribution_incidents');
			expect(incidents).toEqual([{ workflow_area: 'results', rule: 'single wave', clinic_count: 8 }]);
			const cells = await rows(defect, 'SELECT run_dispersion, run_cross_observed, run_cross_expected, run_cross_z, run_p, tests FROM attribution_wave_cells WHERE flagged');
			expect(cells.length).toBeGreaterThan(0);
			for (const c of cells) {
				expect(c.run_dispersion as number).toBeGreaterThanOrEqual(1);
				expect(c.run_cross_observed as number).toBeGreaterThanOrEqual(2 * (c.run_cross_expected as number));
				expect(c.run_cross_z as number).toBeGreaterThan(4);
				expect(c.run_p as number).toBeLessThanOrEqual(0.05 / (c.tests as number));
			}
			const [cause] = await rows(defect, `SELECT evidence FROM ticket_root_cause WHERE root_cause = 'build_defect' LIMIT 1`);
			expect(cause?.evidence).toMatch(/other waves at the same weeks since go-live had [\d.]+ \(z = [\d.]+\); dispersion [\d.]+/);
		} finally {
			await defect.close();
		}
	});
});

describe('variance weight per kind of ticket', () => {
	let engine: Engine;
	const ONE = { W1: '2026-03-02' } as const;
	// W1C0's orders variance raises break-fix tickets only: 3 more a week than its peers' 1.5 per clinic.
	const count = (_w: string, area: string, k: number) => (area === 'orders' ? 12 + (k % 2) : 12);
	const extra: string[] = [];
	for (let k = 0; k < WEEKS; k++) {
		for (let j = 0; j < 3; j++) extra.push(`X-${k}-${j},${dayOf(ONE.W1, k, 1 + j)} 11:00:00,,,W1C0,W1C0-orders-1,break_fix,orders,3,open,,`);
		// How-to questions at the same rate in every clinic: the variance does not raise them.
		for (let c = 0; c < 8; c++) extra.push(`H-${c}-${k},${dayOf(ONE.W1, k, 2)} 12:00:00,,,W1C${c},W1C${c}-orders-2,how_to,orders,3,open,,`);
	}
	beforeAll(async () => {
		engine = await engineWith(waves(ONE, count, ['W1C0,orders,Paper lab requisitions,unreconciled,'], extra));
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('gives the break-fix tickets the variance’s weight and the how-to tickets none', async () => {
		const [effect] = await rows(engine, `SELECT significant, excess_rate_how_to, excess_rate_break_fix FROM attribution_variance_effect WHERE clinic_id = 'W1C0'`);
		expect(effect?.significant).toBe(true);
		expect(effect?.excess_rate_break_fix as number).toBeGreaterThan(1);
		expect(effect?.excess_rate_how_to).toBe(0);
		const [fix] = await rows(engine, `SELECT weight, evidence FROM ticket_root_cause WHERE ticket_id = 'X-3-0' AND root_cause = 'workflow_variance'`);
		expect(fix?.weight as number).toBeGreaterThan(0.5);
		expect(fix?.evidence).toMatch(/its break-fix and build-request tickets alone \d+ vs [\d.]+ expected, shrunken excess [\d.]+x a trained user's rate, give this ticket weight 0\.\d\d$/);
		const how = await rows(engine, `SELECT root_cause, weight FROM ticket_root_cause WHERE ticket_id = 'H-0-3'`);
		expect(how).toEqual([{ root_cause: 'unattributed', weight: 1 }]);
	});
});
