/**
 * The billing measures computed from the weekly lag histogram by runs (a clinic's week, its charge
 * rows then its billing rows): weeks with only charge rows, only billing rows, or lags not billed
 * yet, on a cube small enough to count by hand. The bundled sample's random scopes are in
 * chart-cube.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { billingBaselineOf, billingSeriesOf } from '$lib/recovery/cube/billing';
import { cubeClinics } from '$lib/recovery/cube/clinics';
import { DEFAULT_RECOVERY_SETTINGS } from '$lib/recovery/settings';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import { DEFAULT_FILTERS } from '$lib/scope/filters';

const S = { ...DEFAULT_RECOVERY_SETTINGS, lagThresholdDays: 3, maturityDays: 0, baselineWeeks: 2 };

let engine: Engine;
let clinics: Table;
let cube: Table;
beforeAll(async () => {
	engine = await startNodeEngine();
	clinics = await engine.query(`SELECT * FROM (VALUES ('A', 'North', 14, '1970-01-12'), ('B', 'South', 14, '1970-01-12')) t(clinic_id, site, go_live_day, wave)`);
	// As lagWeeksCube orders it: clinic, week, go-live week, billing, lag (NULL: not billed yet, last).
	cube = await engine.query(`SELECT clinic_id, CAST(week AS INTEGER) AS week, CAST(go_live_week AS INTEGER) AS go_live_week, billing, CAST(lag_days AS INTEGER) AS lag_days,
			CAST(encounters AS INTEGER) AS encounters, CAST(denied AS INTEGER) AS denied, CAST(adjudicated AS INTEGER) AS adjudicated
		FROM (VALUES
			('A', 0, -2, false, 1, 2, 0, 0),
			('A', 7, -1, true, 3, 1, 0, 1),
			('A', 7, -1, true, 5, 1, 1, 1),
			('A', 14, 0, false, 2, 1, 0, 0),
			('A', 14, 0, true, 4, 2, 0, 2),
			('A', 14, 0, true, NULL, 2, 0, 0),
			('B', 14, 0, false, 6, 1, 0, 0),
			('B', 14, 0, false, NULL, 1, 0, 0)
		) t(clinic_id, week, go_live_week, billing, lag_days, encounters, denied, adjudicated)
		ORDER BY clinic_id, week, go_live_week, billing, lag_days`);
});
afterAll(() => engine.close());

const columns = (t: ResultColumns, names: string[]) => Object.fromEntries(names.map((n) => [n, n === 'series' ? strings(t, n) : numbers(t, n)]));

describe('billing measures by runs of a clinic’s week', () => {
	it('leave out weeks with charge rows only, and count lags not billed yet as late but in no percentile', () => {
		const all = billingSeriesOf(cube, cubeClinics(clinics), 1000, DEFAULT_FILTERS, S, 'all');
		expect(columns(all, ['k', 'encounters', 'late', 'denied', 'adjudicated', 'billing_median', 'billing_p90', 'charge_median'])).toEqual({
			// Week 0 has charges only: no row. Week 14: B's charges count in its charge lag, A's billing alone in the billing measures.
			k: [7, 14],
			encounters: [2, 4],
			late: [1, 4],
			denied: [1, 0],
			adjudicated: [2, 2],
			billing_median: [4, 4],
			billing_p90: [4.8, 4],
			charge_median: [null, 4]
		});
	});

	it('pool the baseline weeks of the clinics in scope', () => {
		const base = billingBaselineOf(cube, cubeClinics(clinics), DEFAULT_FILTERS, S);
		expect(columns(base, ['encounters', 'late', 'billing_median', 'charge_median'])).toEqual({ encounters: [2], late: [1], billing_median: [4], charge_median: [1] });
		const none = billingBaselineOf(cube, cubeClinics(clinics), { ...DEFAULT_FILTERS, clinics: ['B'] }, S);
		expect(none.numRows).toBe(0);
	});
});
