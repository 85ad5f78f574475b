import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/** Byar's z of `o` against `e`, deflated for the noise in e = y * u / v (var e ~ e^2 (1/y + 1/u + 1/v)). */
const modelZ = (o: string, e: string, y: string, u: string, v: string) =>
	`attribution_byar_z(${o}, ${e}) / sqrt(1 + ${e} * (1 / nullif(${y}, 0) + 1 / nullif(${u}, 0) + 1 / nullif(${v}, 0)))`;

/**
 * Single-wave rule for build defects in a part of the build only one wave uses. Per go-live
 * wave, area and calendar week, the break-fix and build-request tickets of the wave's clinics
 * (clinic-areas with a variance active after go-live left out) follow a multiplicative
 * area x week model within the wave: E(a, t) = O(a, other weeks) * O(other areas, t) /
 * O(other areas, other weeks), i.e. the wave's own neighbouring weeks and its other areas in
 * the same week. Nothing here needs another wave.
 *
 * 1. Screen: each cell against the model fitted without it; cells with z >= `singleWaveScreenZ`
 *    are replaced by their expected count (one imputation step), so a defect in one area or
 *    week raises no other cell's baseline.
 * 2. Test runs of 1 to `singleWaveMaxRun` consecutive weeks of an area: O of the run against
 *    the model fitted without the run (so a defect's own weeks never raise its baseline). A
 *    run is a defect when its one-sided p is at most `singleWaveFamilyError` / m (Bonferroni
 *    over the m runs tested: at most that chance of any false incident), O >= `singleWaveMinRatio`
 *    x E, O - E >= max(`spikeMinTickets`, `singleWaveMinExcessPerClinic` x clinics x weeks), and,
 *    where other waves reached the same go-live weeks, O >= `singleWaveMinRatio` x what they had
 *    (`cross_expected`, from their weeks that the screen did not flag: a go-live pattern every
 *    wave shows is not a defect, and another wave's defect does not hide this one).
 * 3. The weeks of a flagged run that stand out on their own (O >= ratio x E and z >= 1.96, E from
 *    the run's fit) are the defect's cells; each keeps its own (O - E) / E.
 */
export function createWaveCells(): Sql {
	const s = ATTRIBUTION_SETTINGS;
	const lengths = Array.from({ length: s.singleWaveMaxRun }, (_, i) => i + 1).join(', ');
	return trusted(`CREATE OR REPLACE TABLE attribution_wave_cells AS
		WITH with_variance AS (
			SELECT v.clinic_id, v.area FROM attribution_variances v JOIN clinics c USING (clinic_id) WHERE v.active_until > c.go_live_date
		),
		cells AS (
			SELECT c.go_live_date AS wave, d.area, d.week, min(d.k) AS k, CAST(count(*) AS INTEGER) AS clinics,
				sum(d.users) AS users, sum(d.observed) AS o
			FROM attribution_defect_cells d JOIN clinics c USING (clinic_id)
			ANTI JOIN with_variance USING (clinic_id, area)
			GROUP BY ALL
		),
		area_raw AS (SELECT wave, area, sum(o) AS o FROM cells GROUP BY ALL),
		week_raw AS (SELECT wave, week, sum(o) AS o FROM cells GROUP BY ALL),
		all_raw AS (SELECT wave, sum(o) AS o FROM cells GROUP BY ALL),
		screen AS (
			SELECT *, y * u / nullif(v, 0) AS e FROM (
				SELECT c.*, a.o - c.o AS y, w.o - c.o AS u, t.o - a.o - w.o + c.o AS v
				FROM cells c JOIN area_raw a USING (wave, area) JOIN week_raw w USING (wave, week) JOIN all_raw t USING (wave)
			)
		),
		kept AS (
			SELECT wave, area, week, k, clinics, users, o, e AS screen_e, ${modelZ('o', 'e', 'y', 'u', 'v')} AS screen_z,
				coalesce(${modelZ('o', 'e', 'y', 'u', 'v')} >= ${s.singleWaveScreenZ}, FALSE) AS suspect
			FROM screen
		),
		imputed AS (SELECT *, CASE WHEN suspect THEN screen_e ELSE o END AS kept FROM kept),
		area_tot AS (SELECT wave, area, sum(kept) AS a FROM imputed GROUP BY ALL),
		week_tot AS (SELECT wave, week, sum(kept) AS w FROM imputed GROUP BY ALL),
		all_tot AS (SELECT wave, sum(kept) AS t FROM imputed GROUP BY ALL),
		dispersion AS (
			-- Quasi-Poisson: Pearson chi-square of the wave's area x week fit over its residual df (the screened cells fit exactly, so they leave the df).
			SELECT i.wave, greatest(1, sum((i.kept - a.a * w.w / t.t) ^ 2 / (a.a * w.w / t.t))
				/ nullif((count(DISTINCT i.area) - 1) * (count(DISTINCT i.week) - 1) - count(*) FILTER (WHERE i.suspect), 0)) AS phi
			FROM imputed i JOIN area_tot a USING (wave, area) JOIN week_tot w USING (wave, week) JOIN all_tot t USING (wave)
			WHERE a.a * w.w > 0 GROUP BY i.wave
		),
		cross_pool AS (SELECT area, k, sum(o) AS o, sum(users) AS users FROM imputed WHERE NOT suspect GROUP BY ALL),
		crossed AS (
			SELECT i.*, wt.w AS week_total, cp.o - CASE WHEN i.suspect THEN 0 ELSE i.o END AS cross_o,
				i.users * (cp.o - CASE WHEN i.suspect THEN 0 ELSE i.o END) / nullif(cp.users - CASE WHEN i.suspect THEN 0 ELSE i.users END, 0) AS cross_e
			FROM imputed i JOIN week_tot wt USING (wave, week) LEFT JOIN cross_pool cp USING (area, k)
		),
		-- Poisson noise of the other waves' rate: var(cross_e) = cross_e^2 / their tickets.
		full_cells AS (SELECT *, cross_e * cross_e / nullif(cross_o, 0) AS cross_var FROM crossed),
		runs AS (
			SELECT f.wave, f.area, f.week AS first_week, n.len, max(c.week) AS last_week,
				sum(c.o) AS o, sum(c.kept) AS kept_area, sum(c.week_total) AS week_total, max(c.clinics) AS clinics,
				sum(c.cross_e) AS cross_e, sum(c.cross_var) AS cross_var, sum(c.o) FILTER (WHERE c.cross_e IS NOT NULL) AS o_crossed
			FROM full_cells f
			CROSS JOIN (SELECT unnest([${lengths}]) AS len) n
			JOIN full_cells c ON c.wave = f.wave AND c.area = f.area AND c.week >= f.week AND c.week < f.week + CAST(7 * n.len AS INTEGER)
			GROUP BY f.wave, f.area, f.week, n.len HAVING count(*) = n.len
		),
		fitted AS (
			SELECT *, y * u / nullif(v, 0) AS e FROM (
				SELECT r.*, a.a - r.kept_area AS y, r.week_total - r.kept_area AS u, t.t - a.a - r.week_total + r.kept_area AS v
				FROM runs r JOIN area_tot a USING (wave, area) JOIN all_tot t USING (wave)
			)
		),
		own_z AS (
			SELECT f.*, d.phi, ${modelZ('o', 'e', 'y', 'u', 'v')} / sqrt(d.phi) AS z,
				CASE WHEN cross_e > 0 THEN attribution_noisy_z(o_crossed, cross_e, cross_var) END AS cross_z
			FROM fitted f JOIN dispersion d USING (wave)
		),
		scored AS (
			-- Both comparisons must reject (an intersection-union test): p is the larger of the two.
			SELECT *, greatest(attribution_normal_upper(z), coalesce(attribution_normal_upper(cross_z), 0)) AS p,
				count(*) FILTER (WHERE e > 0) OVER () AS tests
			FROM own_z
		),
		flagged_runs AS (
			SELECT * FROM scored
			WHERE p <= ${s.singleWaveFamilyError} / tests AND o >= ${s.singleWaveMinRatio} * e
				AND (o_crossed IS NULL OR o_crossed >= ${s.singleWaveMinRatio} * cross_e)
				AND o - e >= greatest(${s.spikeMinTickets}, ${s.singleWaveMinExcessPerClinic} * clinics * len)
		),
		in_runs AS (
			SELECT c.wave, c.area, c.week, r.first_week, r.last_week, r.o AS run_observed, r.e AS run_expected, r.z AS run_z, r.p AS run_p, r.tests,
				r.phi AS run_dispersion, r.o_crossed AS run_cross_observed, r.cross_e AS run_cross_expected, r.cross_z AS run_cross_z,
				r.y / nullif(r.v, 0) * (c.week_total - c.kept) AS run_cell_e
			FROM full_cells c JOIN flagged_runs r ON r.wave = c.wave AND r.area = c.area AND c.week BETWEEN r.first_week AND r.last_week
			QUALIFY row_number() OVER (PARTITION BY c.wave, c.area, c.week ORDER BY r.z DESC) = 1
		)
		SELECT c.wave, c.area, c.week, c.k, c.clinics, c.o AS observed,
			coalesce(r.run_cell_e, c.screen_e) AS expected, c.cross_e AS cross_expected,
			coalesce(attribution_byar_z(c.o, r.run_cell_e), c.screen_z) AS z,
			r.first_week AS run_first_week, r.last_week AS run_last_week, r.run_observed, r.run_expected, r.run_z, r.run_p, r.tests,
			r.run_dispersion, r.run_cross_observed, r.run_cross_expected, r.run_cross_z,
			coalesce(r.run_cell_e > 0 AND c.o >= ${s.singleWaveMinRatio} * r.run_cell_e AND attribution_byar_z(c.o, r.run_cell_e) >= ${s.z}, FALSE) AS flagged
		FROM full_cells c LEFT JOIN in_runs r USING (wave, area, week)`);
}
