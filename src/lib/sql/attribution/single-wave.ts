import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/**
 * Model-based expectation of one cell from the rest of its wave: with O(a, t) the wave's
 * tickets in area a and week t, E = O(a, other weeks) * O(other areas, t) / O(other areas,
 * other weeks), the multiplicative area x week model. `src` gives the totals; `own`
 * says whether the cell itself is in them (and must be taken out).
 */
function expectation(cells: string, src: string, own: string): string {
	return `SELECT c.*, y * u / nullif(v, 0) AS e
		FROM (
			SELECT c.*,
				area_tot.o - ${own} AS y,
				week_tot.o - ${own} AS u,
				all_tot.o - area_tot.o - week_tot.o + ${own} AS v
			FROM ${cells} c
			JOIN (SELECT wave, area, sum(o) AS o FROM ${src} GROUP BY ALL) area_tot USING (wave, area)
			JOIN (SELECT wave, week, sum(o) AS o FROM ${src} GROUP BY ALL) week_tot USING (wave, week)
			JOIN (SELECT wave, sum(o) AS o FROM ${src} GROUP BY ALL) all_tot USING (wave)
		) c`;
}

/**
 * Single-wave rule for build defects in a part of the build only one wave uses. Per go-live
 * wave, area and calendar week, break-fix and build-request tickets of the wave's clinics
 * (clinic-areas with a variance active after go-live left out) are compared with what the
 * wave's own other weeks and its other areas in the same week lead one to expect (above),
 * and with what other waves at the same go-live week had (`cross_expected`, the defect
 * cells' baseline). The test is Byar's Poisson z of O against E, deflated for the noise in
 * E itself (var E ~ E^2 (1/y + 1/u + 1/v)). Computed twice, the second time with the first
 * pass's flagged cells replaced by their expected counts (one EM-style imputation step that
 * keeps the area x week table complete), so a defect's other weeks do not raise its own
 * baseline nor lower its neighbours'.
 */
export function createWaveCells(): Sql {
	const s = ATTRIBUTION_SETTINGS;
	const flag = (t: string) => `(${t}.z >= ${s.singleWaveMinZ} AND ${t}.o >= ${s.singleWaveMinRatio} * ${t}.e
		AND ${t}.o >= ${s.singleWaveMinRatio} * ${t}.cross_e
		AND ${t}.o - ${t}.e >= greatest(${s.spikeMinTickets}, ${s.singleWaveMinExcessPerClinic} * ${t}.clinics))`;
	const tested = (t: string) => `SELECT *, attribution_byar_z(o, e) / sqrt(1 + e * (1 / nullif(y, 0) + 1 / nullif(u, 0) + 1 / nullif(v, 0))) AS z FROM (${t})`;
	return trusted(`CREATE OR REPLACE TABLE attribution_wave_cells AS
		WITH with_variance AS (
			SELECT v.clinic_id, v.area FROM attribution_variances v JOIN clinics c USING (clinic_id) WHERE v.active_until > c.go_live_date
		),
		wave_cells AS (
			SELECT c.go_live_date AS wave, d.area, d.week, CAST(count(*) AS INTEGER) AS clinics,
				sum(d.observed) AS o, sum(d.expected) AS cross_e
			FROM attribution_defect_cells d JOIN clinics c USING (clinic_id)
			ANTI JOIN with_variance USING (clinic_id, area)
			GROUP BY ALL
		),
		first_pass AS (SELECT *, ${flag('f')} AS first_flag FROM (${tested(expectation('wave_cells', 'wave_cells', 'c.o'))}) f),
		kept AS (SELECT wave, area, week, CASE WHEN first_flag THEN e ELSE o END AS o FROM first_pass),
		cells_again AS (SELECT wave, area, week, clinics, o, cross_e, first_flag, e AS first_e FROM first_pass)
		SELECT s.wave, s.area, s.week, s.clinics, s.o AS observed, s.e AS expected, s.cross_e AS cross_expected, s.z,
			coalesce(${flag('s')}, FALSE) AS flagged
		FROM (${tested(expectation('cells_again', 'kept', 'CASE WHEN c.first_flag THEN c.first_e ELSE c.o END'))}) s`);
}
