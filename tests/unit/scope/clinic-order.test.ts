/**
 * Clinic ids sorted in JS (the scorecard's clinic column and tie-breaks, the watchlist's ties) in
 * the same order as SQL's `naturalOrder` sorts them (the filter bar, the heatmaps, the matrix), on
 * real DuckDB: "Location 2" before "Location 10", whatever the ids look like.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { compareClinicIds } from '$lib/scope/clinic-order';
import { naturalOrder } from '$lib/sql/overview';
import { rows } from '../helpers/fixture';

const IDS = [
	'Location 10',
	'Location 2',
	'Location 100',
	'Location 101',
	'Location 9',
	'(annex) Location 7',
	'C01',
	'C1',
	'C10',
	'C2',
	'c2',
	'Clinic',
	'2 North',
	'10 North',
	'Loc 2b',
	'Loc 2a',
	'Loc 2',
	'Wing 3 bed 10',
	'Wing 3 bed 2',
	'X99999999999999999999',
	'X9',
	'Zürich 4',
	'Zurich 4',
	''
];

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
}, 60_000);
afterAll(() => engine?.close());

describe('compareClinicIds', () => {
	it('sorts ids as SQL naturalOrder does', async () => {
		const values = IDS.map((id) => `('${id.replace(/'/g, "''")}')`).join(', ');
		const sql = await rows(engine, `SELECT id FROM (VALUES ${values}) t(id) ORDER BY ${naturalOrder('id')}`);
		expect([...IDS].sort(compareClinicIds)).toEqual(sql.map((r) => r.id));
	});

	it('puts Location 2 before Location 10 and Location 100', () => {
		expect(['Location 100', 'Location 10', 'Location 2'].sort(compareClinicIds)).toEqual(['Location 2', 'Location 10', 'Location 100']);
	});
});
