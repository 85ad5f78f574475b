import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import type { Drill } from '$lib/attribution/drill';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { attributionLimits, causeByClinic, causeByWeek, causeTotals, drillTickets, incidents, trainingEffects, varianceEffects } from '$lib/sql/attribution-report';
import { engineWith, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

const filters: OverviewFilters[] = [DEFAULT_FILTERS, { sites: ['S1'], clinics: ['A', 'B'], from: '2026-03-01', to: '2026-03-31', axis: 'go_live' }];

describe('root-cause page queries', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith(SMALL_GO_LIVE);
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it.each(filters)('sum to the number of tickets in scope (%o)', async (f) => {
		const [scope] = await rows(
			engine,
			`SELECT count(*) AS n FROM ticket_facts WHERE ${f.sites.length ? "site = 'S1' AND clinic_id IN ('A', 'B') AND CAST(opened_at AS DATE) BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'" : 'TRUE'}`
		);
		const total = (await rows(engine, causeTotals(f))).reduce((s, r) => s + (r.tickets as number), 0);
		expect(total).toBeCloseTo(scope?.n as number, 9);
		const weekly = (await rows(engine, causeByWeek(f))).reduce((s, r) => s + (r.tickets as number), 0);
		expect(weekly).toBeCloseTo(scope?.n as number, 9);
		const byClinic = (await rows(engine, causeByClinic(f))).reduce((s, r) => s + (r.tickets as number), 0);
		expect(byClinic).toBeCloseTo(scope?.n as number, 9);
	});

	it.each(filters)('reads the same figures from the pre-aggregate as from ticket_root_cause (%o)', async (f) => {
		const scope = f.sites.length ? "site = 'S1' AND clinic_id IN ('A', 'B') AND CAST(opened_at AS DATE) BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'" : 'TRUE';
		const direct = await rows(
			engine,
			`SELECT r.root_cause, sum(r.weight) AS tickets, count(DISTINCT ticket_id) AS touched
			FROM ticket_root_cause r JOIN ticket_facts USING (ticket_id) WHERE ${scope} GROUP BY ALL ORDER BY 1`
		);
		const ours = (await rows(engine, causeTotals(f))).sort((a, b) => String(a.root_cause).localeCompare(String(b.root_cause)));
		expect(ours.map((r) => [r.root_cause, r.touched])).toEqual(direct.map((r) => [r.root_cause, r.touched]));
		ours.forEach((r, i) => expect(r.tickets).toBeCloseTo(direct[i]?.tickets as number, 9));
	});

	it('runs the effect queries', async () => {
		for (const q of [trainingEffects(), varianceEffects(), incidents(), attributionLimits()]) await expect(engine.query(q)).resolves.toBeDefined();
		const [limits] = await rows(engine, attributionLimits());
		// T4 (access) has no area but is not a workflow ticket; T6 is 3 days before C's go-live.
		expect(limits).toMatchObject({ tickets: 7, no_area: 0, before_go_live: 1, roster_rows: 12, variance_rows: 2 });
	});

	const drills: Drill[] = [
		{ by: 'cause', cause: 'access_provisioning' },
		{ by: 'cause-week', cause: 'unattributed', k: Date.parse('2026-03-02') / 86_400_000 },
		{ by: 'clinic-cause', clinic: 'A', cause: 'unattributed' },
		{ by: 'variance', clinic: 'A', area: 'intake' },
		{ by: 'incident', incident: 'none' },
		{ by: 'training', area: null },
		{ by: 'training', area: 'orders' }
	];
	it.each(drills)('drills down with only the tickets of that selection ($by)', async (d) => {
		const listed = await rows(engine, drillTickets(d, DEFAULT_FILTERS));
		const cause = 'cause' in d ? d.cause : { variance: 'workflow_variance', incident: 'build_defect', training: 'missed_training' }[d.by as string];
		expect(listed.every((r) => r.root_cause === cause)).toBe(true);
		if (d.by === 'clinic-cause') expect(listed.map((r) => r.ticket_id).sort()).toEqual(['T1', 'T2', 'T3']);
		if (d.by === 'cause') expect(listed.map((r) => [r.ticket_id, r.matching])).toEqual([['T4', 1]]);
	});
});

describe('without a training roster or a variance register', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await engineWith(SMALL_GO_LIVE.filter((f) => f.table !== 'training' && f.table !== 'workflow_variance'));
		await buildAttribution(engine);
	});
	afterAll(() => engine.close());

	it('still attributes every ticket, says what is missing and guesses nothing', async () => {
		const [limits] = await rows(engine, attributionLimits());
		expect(limits).toMatchObject({ roster_rows: 0, variance_rows: 0 });
		const causes = await rows(engine, `SELECT root_cause, count(DISTINCT ticket_id) AS n, sum(weight) AS w FROM ticket_root_cause GROUP BY ALL ORDER BY 1`);
		expect(causes).toEqual([
			{ root_cause: 'access_provisioning', n: 1, w: 1 },
			{ root_cause: 'unattributed', n: 6, w: 6 }
		]);
		expect(await rows(engine, trainingEffects())).toEqual([]);
		expect(await rows(engine, varianceEffects())).toEqual([]);
	});
});
