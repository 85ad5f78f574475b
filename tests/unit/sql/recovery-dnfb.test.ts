/**
 * DNFB as revenue-cycle teams define it (issue 17, item 4): encounters served within the window
 * and past the hold days without a claim, in days of the window's average daily encounters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { buildRecovery } from '$lib/recovery';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS as S } from '$lib/recovery/settings';
import { dnfbBaseline, dnfbClinicBaseline, dnfbSeries } from '$lib/sql/recovery/dnfb';
import { csvFile, engineWith, rows } from '../helpers/fixture';
import { addDays } from '../helpers/small-recovery';

const FIRST = '2026-01-05';
const DAYS = 175; // to 2026-06-28
const GO_LIVE = '2026-03-02';

/** F: 10 encounters a day, every day; 9 billed 3 days later, 1 never billed. */
function billingLines(): string[] {
	const lines: string[] = [];
	for (let d = 0; d < DAYS; d++) {
		const dos = addDays(FIRST, d);
		for (let i = 0; i < 10; i++) lines.push(`F${d}-${i},F,${dos},${addDays(dos, 1)},${i === 0 ? '' : addDays(dos, 3)},${i === 0 ? '' : 'false'}`);
	}
	return lines;
}

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith([
		csvFile('clinics', ['clinic_id,clinic_name,site,specialty,go_live_date,providers', `F,Fir,S,primary_care,${GO_LIVE},1`]),
		csvFile('training', ['user_id,clinic_id,role,workflow_area,completed_on,score', 'U1,F,nurse,intake,2026-02-01,80']),
		csvFile('tickets', [
			'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description',
			'T1,2026-03-02 10:00:00,,,F,U1,how_to,,3,open,,'
		]),
		csvFile('throughput', ['date,clinic_id,provider_id,scheduled_visits,completed_visits', '2026-03-02,F,P1,10,10']),
		csvFile('billing', ['encounter_id,clinic_id,date_of_service,charge_posted_on,claim_submitted_on,denied', ...billingLines()])
	]);
	await buildRecovery(engine, engine);
}, 120_000);
afterAll(() => engine.close());

describe('DNFB', () => {
	it('is flat for a constant never-billed share: (window − hold) days × the share, every week, to the export’s end', async () => {
		const found = await rows(engine, dnfbSeries({ ...DEFAULT_FILTERS, axis: 'go_live' }, S, 'clinic'));
		// Windows of 30 days start on 2026-01-05 at the earliest: the first week measured ends on 2026-02-08.
		expect(found.length).toBeGreaterThan(15);
		// Served 8-30 days before the week's end: 23 days × 1 never-billed encounter, over 10 a day.
		for (const r of found) expect(r.dnfb_days as number, `week ${String(r.k)}`).toBeCloseTo(2.3, 9);
		expect(found.map((r) => r.unbilled)).toEqual(found.map(() => 23));
		const [base] = await rows(engine, dnfbClinicBaseline(S));
		expect(base?.base_days as number).toBeCloseTo(2.3, 9);
		// Weeks -4..-1: the earlier baseline weeks' windows start before the export.
		expect(base?.base_weeks).toBe(4);
		const [scope] = await rows(engine, dnfbBaseline(DEFAULT_FILTERS, S));
		expect(scope?.base_days as number).toBeCloseTo(2.3, 9);
	});

	it('follows the window and the hold days', async () => {
		const found = await rows(engine, dnfbSeries(DEFAULT_FILTERS, { ...S, dnfbWindowDays: 60, lagThresholdDays: 10 }, 'all'));
		for (const r of found) expect(r.dnfb_days as number).toBeCloseTo(5, 9);
	});
});
