/**
 * Root causes' clinic × cause matrix lists its clinics in the order every other clinic list uses:
 * go-live date first (clinics without one last), then the id as people count it ("Location 2" before
 * "Location 10"), from the pre-aggregates in JS and from the SQL statement they stand for alike. The
 * ServiceNow log's 224 locations read "Location 10, Location 100, Location 101, …" before.
 */
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { causeFigures } from '$lib/attribution/cause-cube';
import { clinicCauseMatrixChart } from '$lib/charts/attribution/clinic-cause-matrix';
import type { Engine } from '$lib/engine';
import { strings } from '$lib/results/columns';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { causeCubeCauses, causeCubeCells, causeCubeClinics, unassignedDays } from '$lib/sql/attribution-cube';
import { causeByClinic } from '$lib/sql/attribution-report';
import { csvFile, engineWith } from '../helpers/fixture';

const HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description,source_system';
/** Two clinics of the list share a go-live date, one goes live earlier; the rest are locations the list lacks. */
const LOCATIONS = ['Location 10', 'Location 2', 'Location 101', 'Location 9', 'Location 100', 'Location 30', 'Location 4', 'Location 200'];
const EXPECTED = ['Location 200', 'Location 4', 'Location 30', 'Location 2', 'Location 9', 'Location 10', 'Location 100', 'Location 101'];

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith([
		csvFile('clinics', [
			'clinic_id,clinic_name,site,specialty,go_live_date,providers',
			'Location 30,Location 30,S1,primary_care,2026-03-09,3',
			'Location 4,Location 4,S1,primary_care,2026-03-09,3',
			'Location 200,Location 200,S2,primary_care,2026-03-02,3'
		]),
		csvFile('tickets', [HEADER, ...LOCATIONS.map((id, i) => `T${i},2026-03-${String(10 + i).padStart(2, '0')} 09:00:00,,2026-03-20 09:00:00,${id},U${i},access,,3,open,SD,Cannot log in,SN`)])
	]);
	await buildAttribution(engine);
}, 120_000);
afterAll(() => engine?.close());

describe('the clinic × cause matrix', () => {
	it('lists clinics in go-live order, then by id as people count (Location 2 before Location 10), in JS and in SQL', async () => {
		const [clinics, causes, cells, unassigned] = (await Promise.all([causeCubeClinics(), causeCubeCauses(), causeCubeCells(), unassignedDays()].map((s) => engine.query(s)))) as Table[];
		const figures = causeFigures({ clinics: clinics!, causes: causes!, cells: cells!, unassigned: unassigned! }, DEFAULT_FILTERS);
		expect(clinicCauseMatrixChart(figures.matrix).rowKeys).toEqual(EXPECTED);
		const live = await engine.query(causeByClinic(DEFAULT_FILTERS));
		expect([...new Set(strings(live, 'clinic_id'))]).toEqual(EXPECTED);
	});
});
