/**
 * The attribution rules added for issue 21, on hand-made data: the single-wave build-defect
 * rule (found when planted, silent when not), the variance test standardised by training
 * status (a harmless register entry in a poorly trained clinic is not a variance), training
 * weight only in informative strata, Benjamini-Hochberg q-values, the normal and chi-square
 * tails, and per-area training ratios only where Cochran's Q finds heterogeneity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Engine } from '$lib/engine';
import { createTestMacros, withBhQ } from '$lib/sql/attribution/tests';
import { createTrainingRates } from '$lib/sql/attribution/training-effect';
import { trusted } from '$lib/sql/fragment';
import { Random } from '../../../scripts/sample/random';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
const TRAINING_HEADER = 'user_id,clinic_id,role,workflow_area,completed_on,score';
const GO_LIVE = '2026-03-02';
const day = (k: number, offset = 1) => new Date(Date.parse(GO_LIVE) + (7 * k + offset) * 86_400_000).toISOString().slice(0, 10);
const ticket = (id: string, date: string, clinic: string, reporter: string, category: string, area: string) => `${id},${date} 10:00:00,,,${clinic},${reporter},${category},${area},3,open,,`;

/** Eight clinics of one wave, four areas, four trained users each, ten weeks of break-fix tickets. */
function oneWave(defect: { area: string; weeks: number[]; perClinic: number } | null) {
	const clinics = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
	const areas = ['orders', 'results', 'inbox', 'intake'];
	const rng = new Random(21, 'single-wave-test');
	const training: string[] = [];
	const tickets: string[] = [];
	for (const c of clinics) {
		for (const a of areas) {
			for (let u = 0; u < 4; u++) training.push(`${c}-${a}-${u},${c},physician,${a},2026-02-01,90`);
			for (let k = 0; k < 10; k++) {
				const extra = defect !== null && defect.area === a && defect.weeks.includes(k) ? defect.perClinic : 0;
				const n = rng.poisson(2 * (0.4 + 0.6 * Math.exp(-k / 2))) + extra;
				for (let i = 0; i < n; i++) tickets.push(ticket(`${c}-${a}-${k}-${i}`, day(k, 1 + (i % 4)), c, `${c}-${a}-0`, 'break_fix', a));
			}
		}
	}
	return [
		csvFile('clinics', ['clinic_id,go_live_date', ...clinics.map((c) => `${c},${GO_LIVE}`)]),
		csvFile('training', [TRAINING_HEADER, ...training]),
		csvFile('tickets', [TICKET_HEADER, ...tickets])
	];
}

describe('single-wave build-defect rule', () => {
	let withDefect: Engine;
	let without: Engine;
	beforeAll(async () => {
		withDefect = await engineWith(oneWave({ area: 'results', weeks: [5, 6], perClinic: 4 }));
		without = await engineWith(oneWave(null));
		await buildAttribution(withDefect);
		await buildAttribution(without);
	});
	afterAll(async () => {
		await withDefect.close();
		await without.close();
	});

	it('finds a defect confined to one wave from the wave’s other weeks and areas', async () => {
		const incidents = await rows(withDefect, `SELECT incident_id, workflow_area, rule, clinic_count, observed, expected FROM attribution_incidents`);
		expect(incidents).toHaveLength(1);
		const [incident] = incidents;
		expect(incident).toMatchObject({ incident_id: `BD-results-${day(5, 0)}`, workflow_area: 'results', rule: 'single wave', clinic_count: 8 });
		expect(incident?.observed as number).toBeGreaterThan(3 * (incident?.expected as number));
		const [cause] = await rows(withDefect, `SELECT weight, evidence FROM ticket_root_cause WHERE ticket_id = 'A-results-5-0' AND root_cause = 'build_defect'`);
		expect(cause?.weight as number).toBeGreaterThan(0.5);
		expect(cause?.evidence).toMatch(
			new RegExp(
				`^build-defect incident BD-results-${day(5, 0)} \\(single-wave rule, wave live ${GO_LIVE}\\): ${incident?.observed} observed vs ${(incident?.expected as number).toFixed(1)} expected in 8 clinics`
			)
		);
	});

	it('finds no incident when no defect was planted', async () => {
		expect(await rows(without, `SELECT * FROM attribution_incidents`)).toEqual([]);
		expect(await rows(without, `SELECT count(*) AS n FROM attribution_wave_cells WHERE flagged`)).toEqual([{ n: 0 }]);
		expect(await rows(without, `SELECT count(*) AS n FROM ticket_root_cause WHERE root_cause = 'build_defect'`)).toEqual([{ n: 0 }]);
	});
});

describe('variance test standardised by training status', () => {
	// Six clinics live the same day, ten orders users each. P is poorly trained (8 of 10 never
	// trained) and has an unreconciled register entry that raises no tickets; the others have
	// one untrained user. Untrained users open 3 how-to tickets a week, trained ones 1.
	let engine: Engine;
	beforeAll(async () => {
		const clinics = ['P', 'Q', 'R', 'S', 'T', 'U'];
		const training: string[] = [];
		const tickets: string[] = [];
		for (const c of clinics) {
			const untrained = c === 'P' ? 8 : 1;
			for (let u = 0; u < 10; u++) {
				const trained = u >= untrained;
				training.push(`${c}${u},${c},medical_assistant,orders,${trained ? '2026-02-01' : ''},`);
				for (let k = 0; k < 4; k++) {
					for (let i = 0; i < (trained ? 1 : 3); i++) tickets.push(ticket(`${c}${u}-${k}-${i}`, day(k, 1 + i), c, `${c}${u}`, 'how_to', 'orders'));
				}
			}
		}
		// A nurse in P with the only results person-time: a stratum without trained users.
		training.push('PN,P,nurse,results,,');
		tickets.push(ticket('PN-0', day(1), 'P', 'PN', 'how_to', 'results'));
		engine = await engineWith([
			csvFile('clinics', ['clinic_id,go_live_date', ...clinics.map((c) => `${c},${GO_LIVE}`)]),
			csvFile('training', [TRAINING_HEADER, ...training]),
			csvFile('workflow_variance', ['clinic_id,workflow_area,description,status,reconciled_on', 'P,orders,Local workflow noted at design,unreconciled,']),
			csvFile('tickets', [TICKET_HEADER, ...tickets])
		]);
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('expects a poorly trained clinic’s extra tickets, so its harmless register entry is not flagged', async () => {
		const [p] = await rows(engine, `SELECT observed, expected, oe, p_value, q_value, significant FROM attribution_variance_effect WHERE clinic_id = 'P'`);
		// P: 8 untrained x 3 + 2 trained x 1 = 26 tickets a week, 104 over four weeks: what its training predicts.
		expect(p?.observed).toBe(104);
		expect(p?.expected as number).toBeCloseTo(104, 9);
		expect(p?.significant).toBe(false);
		// Standardised by go-live week only (the rule it replaces), P would run at 104 / (40 user-weeks x 60 / 50) = 2.17x its peers.
		const [crude] = await rows(engine, `SELECT sum(tickets) / sum(users) AS rate FROM attribution_variance_cells WHERE clinic_id <> 'P' AND area = 'orders'`);
		expect(104 / (40 * (crude?.rate as number))).toBeCloseTo(104 / 48, 9);
		expect(await rows(engine, `SELECT count(*) AS n FROM ticket_root_cause WHERE root_cause = 'workflow_variance'`)).toEqual([{ n: 0 }]);
	});

	it('gives every clinic-area the same test, and none is significant here', async () => {
		const tests = await rows(engine, `SELECT clinic_id, observed, expected, p_value FROM attribution_area_tests WHERE workflow_area = 'orders' ORDER BY clinic_id`);
		expect(tests).toHaveLength(6);
		for (const t of tests) expect(t.p_value as number, String(t.clinic_id)).toBeGreaterThan(0.025);
	});

	it('gives missed-training weight only in strata with both trained and untrained person-time', async () => {
		const [untrained] = await rows(engine, `SELECT weight, evidence FROM ticket_root_cause WHERE ticket_id = 'P0-0-0' AND root_cause = 'missed_training'`);
		expect(untrained?.weight as number).toBeCloseTo(2 / 3, 9); // RR 3: (3 - 1) / 3
		expect(untrained?.evidence).toMatch(/^missed-training rule: reporter P0 had not completed orders training/);
		expect(await rows(engine, `SELECT root_cause, weight, evidence FROM ticket_root_cause WHERE ticket_id = 'PN-0'`)).toEqual([
			{
				root_cause: 'unattributed',
				weight: 1,
				evidence:
					'no measured cause applies: training not assessed: no nurse users in results at that go-live week band had both trained and untrained person-time; no unreconciled results variance at clinic P'
			}
		]);
	});
});

describe('test statistics', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith([]);
		for (const macro of createTestMacros()) await engine.query(macro);
	});
	afterAll(() => engine.close());

	it('gives Benjamini-Hochberg q-values of a known p-value set', async () => {
		// Sorted p: .005 .01 .03 .04 .5; p m / rank: .025 .025 .05 .05 .5; monotone from the top.
		const source = `(SELECT * FROM (VALUES ('a', 0.01), ('b', 0.04), ('c', 0.03), ('d', 0.005), ('e', 0.5)) v(name, p))`;
		const q = await rows(engine, trusted(`SELECT name, q_value FROM (${withBhQ(source, 'p', 'name')}) ORDER BY name`));
		const expected = { a: 0.025, b: 0.05, c: 0.05, d: 0.025, e: 0.5 };
		for (const row of q) expect(row.q_value as number, String(row.name)).toBeCloseTo(expected[row.name as keyof typeof expected], 12);
		// At FDR 5% the first four are discoveries, though two have p above 0.025.
		expect(q.filter((r) => (r.q_value as number) <= 0.05).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('computes the normal and chi-square upper tails', async () => {
		const [t] = await rows(
			engine,
			trusted(`SELECT attribution_normal_upper(1.959964) AS z196, attribution_normal_upper(0) AS z0, attribution_normal_upper(-1) AS zm1,
				attribution_normal_upper(3.719016) AS z372, attribution_chi2_upper(15.5, 8) AS q155, attribution_chi2_upper(3.841459, 1) AS q1`)
		);
		expect(t?.z196 as number).toBeCloseTo(0.025, 6);
		expect(t?.z0 as number).toBeCloseTo(0.5, 7);
		expect(t?.zm1 as number).toBeCloseTo(0.841345, 6);
		expect(t?.z372 as number).toBeCloseTo(1e-4, 6);
		expect(t?.q155 as number).toBeCloseTo(0.0502, 3); // exact chi-square(8) tail 0.05018
		expect(t?.q1 as number).toBeCloseTo(0.05, 2); // Wilson-Hilferty is rough on 1 df
	});

	it('uses per-area training ratios only when Cochran’s Q finds them different', async () => {
		const effect = (rows: string) =>
			trusted(`CREATE OR REPLACE TABLE attribution_training_effect AS
			SELECT * FROM (VALUES ${rows}) v(workflow_area, rr_mh, se_log_rr, rr_low, rr_high, significant)`);
		const row = (area: string | null, rr: number, se: number) =>
			`(${area === null ? 'NULL' : `'${area}'`}, ${rr}::DOUBLE, ${se}::DOUBLE, ${rr * Math.exp(-1.96 * se)}::DOUBLE, ${rr * Math.exp(1.96 * se)}::DOUBLE, ${rr * Math.exp(-1.96 * se) > 1})`;
		await engine.query(effect([row(null, 3, 0.05), row('orders', 2, 0.08), row('intake', 4.5, 0.08)].join(', ')));
		await engine.query(createTrainingRates());
		const differ = await rows(engine, `SELECT workflow_area, source, rr, heterogeneity_df FROM attribution_training_rates ORDER BY 1`);
		expect(differ).toEqual([
			{ workflow_area: 'intake', source: 'area', rr: 4.5, heterogeneity_df: 1 },
			{ workflow_area: 'orders', source: 'area', rr: 2, heterogeneity_df: 1 }
		]);
		await engine.query(effect([row(null, 3, 0.05), row('orders', 2.9, 0.2), row('intake', 3.1, 0.2)].join(', ')));
		await engine.query(createTrainingRates());
		const same = await rows(engine, `SELECT workflow_area, source, rr FROM attribution_training_rates ORDER BY 1`);
		expect(same).toEqual([
			{ workflow_area: 'intake', source: 'pooled', rr: 3 },
			{ workflow_area: 'orders', source: 'pooled', rr: 3 }
		]);
	});
});
