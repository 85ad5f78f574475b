import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/** Users per clinic and workflow area in the training roster: the exposure of area rates. */
export function createAreaUsers(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_area_users AS
		SELECT clinic_id, workflow_area AS area, CAST(count(DISTINCT user_id) AS DOUBLE) AS users
		FROM training WHERE workflow_area IS NOT NULL AND clinic_id IS NOT NULL GROUP BY ALL`);
}

/** Leave-one-calendar-week-out rate per area and go-live week over the cells of `source`. */
function baselineCtes(source: string, prefix: string): string {
	return `${prefix}_by_week AS (SELECT area, k, week, sum(observed) AS o, sum(users) AS u FROM ${source} GROUP BY ALL),
		${prefix}_by_k AS (SELECT area, k, sum(o) AS o, sum(u) AS u FROM ${prefix}_by_week GROUP BY ALL),
		${prefix}_by_area_week AS (SELECT area, week, sum(o) AS o, sum(u) AS u FROM ${prefix}_by_week GROUP BY ALL),
		${prefix}_by_area AS (SELECT area, sum(o) AS o, sum(u) AS u FROM ${prefix}_by_week GROUP BY ALL),
		${prefix} AS (
			SELECT g.area, g.k, g.week,
				coalesce((bk.o - coalesce(w.o, 0)) / nullif(bk.u - coalesce(w.u, 0), 0),
					(ba.o - coalesce(aw.o, 0)) / nullif(ba.u - coalesce(aw.u, 0), 0)) AS rate
			FROM (SELECT DISTINCT area, k, week FROM cells) g
			LEFT JOIN ${prefix}_by_week w USING (area, k, week)
			LEFT JOIN ${prefix}_by_k bk USING (area, k)
			LEFT JOIN ${prefix}_by_area_week aw USING (area, week)
			LEFT JOIN ${prefix}_by_area ba USING (area)
		)`;
}

/**
 * Break-fix and build-request tickets per clinic, area and week since go-live, against
 * what peers at the same go-live week lead one to expect. Peers come from other calendar
 * weeks (other waves), so a defect hitting many clinics at once does not raise its own
 * baseline; and the baseline is computed twice, the second time without the first pass's
 * spikes, so one wave's defect does not raise another wave's expectation either. A cell
 * spikes when it has at least `spikeMinTickets` tickets and `spikeMinRatio` times the
 * expected count; cells of clinics with an active variance in the area do not count as
 * spikes (their excess is the variance's).
 */
export function createDefectCells(): Sql {
	const s = ATTRIBUTION_SETTINGS;
	const spike = (expected: string) => `c.observed >= ${s.spikeMinTickets} AND c.observed >= ${s.spikeMinRatio} * ${expected} AND NOT c.variance_active`;
	return trusted(`CREATE OR REPLACE TABLE attribution_defect_cells AS
		WITH grid AS (
			SELECT u.clinic_id, u.area, u.users, w.k, w.week_start,
				CAST(date_trunc('week', w.week_start) AS DATE) AS week
			FROM attribution_area_users u
			JOIN (SELECT DISTINCT clinic_id, k, c.go_live_date + CAST(7 * k AS INTEGER) AS week_start
				FROM attribution_user_weeks JOIN clinics c USING (clinic_id)) w USING (clinic_id)
		),
		observed AS (
			SELECT clinic_id, area, k, CAST(count(*) AS DOUBLE) AS observed,
				min(opened_at) AS first_opened, max(opened_at) AS last_opened
			FROM attribution_ticket_base
			WHERE kind IN ('break_fix', 'build_request') AND area IS NOT NULL AND k >= 0
			GROUP BY ALL
		),
		cells AS (
			SELECT g.*, coalesce(o.observed, 0) AS observed, o.first_opened, o.last_opened,
				coalesce(v.active_until > g.week_start, FALSE) AS variance_active
			FROM grid g LEFT JOIN observed o USING (clinic_id, area, k) LEFT JOIN attribution_variances v USING (clinic_id, area)
		),
		${baselineCtes('cells', 'first_pass')},
		first_spikes AS (
			SELECT c.*, ${spike('c.users * b.rate')} AS spike FROM cells c JOIN first_pass b USING (area, k, week)
		),
		${baselineCtes('(SELECT * FROM first_spikes WHERE NOT spike)', 'second_pass')}
		SELECT c.clinic_id, c.area, c.k, c.week, c.users, c.observed, c.users * b.rate AS expected,
			c.first_opened, c.last_opened, ${spike('c.users * b.rate')} AS spike, c.variance_active
		FROM cells c JOIN second_pass b USING (area, k, week)`);
}

/**
 * Build-defect incidents, from two rules. Shared build: one workflow area spiking in many
 * clinics in the same calendar week (at least `incidentMinClinics`, or `incidentMinShare`
 * of the clinics live that week, from at least `incidentMinWaves` go-live waves); in such
 * a week a clinic-area with an active variance joins when it spikes against its own
 * level (its other weeks' O/E times the peers' expectation). Single
 * wave: a wave-area-week flagged by the single-wave rule (single-wave.ts); its cells are
 * every clinic of the wave with tickets in that area and week, all sharing the wave's
 * excess rate. Consecutive flagged weeks of the same area make one incident.
 */
export function createIncidents(): Sql[] {
	const s = ATTRIBUTION_SETTINGS;
	return [
		trusted(`CREATE OR REPLACE TABLE attribution_incident_cells AS
			WITH weekly AS (
				SELECT d.area, d.week, count(*) FILTER (WHERE d.spike) AS spiking, count(DISTINCT d.clinic_id) AS live,
					count(DISTINCT c.go_live_date) FILTER (WHERE d.spike) AS waves
				FROM attribution_defect_cells d JOIN clinics c USING (clinic_id) GROUP BY ALL
			),
			shared AS (
				SELECT area, week FROM weekly
				WHERE spiking >= greatest(${s.incidentMinClinics}, ceil(${s.incidentMinShare} * live)) AND waves >= ${s.incidentMinWaves}
			),
			own AS (
				-- A clinic-area with a variance spikes against its own level: its other weeks' O/E.
				SELECT clinic_id, area, week,
					(sum(observed) OVER w - observed) / nullif(sum(expected) OVER w - expected, 0) AS ratio
				FROM attribution_defect_cells WINDOW w AS (PARTITION BY clinic_id, area)
			),
			shared_cells AS (
				SELECT d.clinic_id, d.area, d.k, d.week, d.observed, d.expected, d.first_opened, d.last_opened,
					(d.observed - d.expected) / nullif(d.expected, 0) AS excess_rate, 'shared build' AS rule,
					CAST(NULL AS DATE) AS wave, CAST(NULL AS DOUBLE) AS wave_observed, CAST(NULL AS DOUBLE) AS wave_expected
				FROM shared JOIN own USING (area, week) JOIN attribution_defect_cells d USING (clinic_id, area, week)
				WHERE d.spike OR (d.variance_active AND d.observed >= ${s.spikeMinTickets} AND d.observed >= ${s.spikeMinRatio} * own.ratio * d.expected)
			),
			wave_cells AS (
				SELECT d.clinic_id, d.area, d.k, d.week, d.observed, d.observed * w.expected / w.observed AS expected, d.first_opened, d.last_opened,
					(w.observed - w.expected) / nullif(w.expected, 0) AS excess_rate, 'single wave' AS rule,
					w.wave, w.observed AS wave_observed, w.expected AS wave_expected
				FROM attribution_wave_cells w
				JOIN clinics c ON c.go_live_date = w.wave
				JOIN attribution_defect_cells d ON d.clinic_id = c.clinic_id AND d.area = w.area AND d.week = w.week
				ANTI JOIN shared ON shared.area = w.area AND shared.week = w.week
				WHERE w.flagged AND d.observed > 0
			),
			cells AS (
				SELECT * FROM shared_cells
				UNION ALL
				SELECT * FROM wave_cells ANTI JOIN shared_cells USING (clinic_id, area, k)
			),
			flagged AS (SELECT DISTINCT area, week FROM cells),
			islands AS (
				SELECT area, week, week - CAST(7 * row_number() OVER (PARTITION BY area ORDER BY week) AS INTEGER) AS island FROM flagged
			),
			named AS (
				SELECT area, week, 'BD-' || area || '-' || strftime(min(week) OVER (PARTITION BY area, island), '%Y-%m-%d') AS incident_id FROM islands
			)
			SELECT n.incident_id, c.* FROM named n JOIN cells c USING (area, week)`),
		trusted(`CREATE OR REPLACE TABLE attribution_incidents AS
			SELECT incident_id, any_value(area) AS workflow_area,
				strftime(min(first_opened), '%Y-%m-%d') AS first_day, strftime(max(last_opened), '%Y-%m-%d') AS last_day,
				CAST(count(DISTINCT clinic_id) AS INTEGER) AS clinic_count,
				list(DISTINCT clinic_id ORDER BY clinic_id) AS clinics,
				CAST(sum(observed) AS INTEGER) AS observed, sum(expected) AS expected, sum(observed - expected) AS excess_tickets,
				CASE WHEN bool_or(rule = 'shared build') THEN 'shared build' ELSE 'single wave' END AS rule,
				CAST(count(DISTINCT wave) AS INTEGER) AS single_waves
			FROM attribution_incident_cells GROUP BY incident_id ORDER BY first_day`)
	];
}
