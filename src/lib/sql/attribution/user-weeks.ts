import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/** `CASE` mapping go-live week k to its band label ('0-1', '2-3', ..., '12+'). */
export function weekBand(k: string): string {
	const bands = ATTRIBUTION_SETTINGS.weekBands;
	const whens = bands.map((lo, i) => {
		const hi = bands[i + 1];
		return hi === undefined ? `ELSE '${lo}+'` : `WHEN ${k} < ${hi} THEN '${lo}-${hi - 1}'`;
	});
	return `CASE ${whens.join(' ')} END`;
}

/**
 * Person-time for the training effect: one row per roster user, workflow area and week
 * since the clinic's go-live (0 up to the last week with tickets), with whether the user
 * had completed that area's training by the start of the week, and the how-to tickets
 * the user opened in that area that week.
 */
export function createUserWeeks(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_user_weeks AS
		WITH horizon AS (SELECT max(CAST(opened_at AS DATE)) AS last_day FROM attribution_ticket_base),
		roster AS (
			SELECT tr.user_id, any_value(tr.clinic_id) AS clinic_id, coalesce(any_value(tr.role), 'other') AS role,
				tr.workflow_area AS area, min(tr.completed_on) AS completed_on, any_value(c.go_live_date) AS go_live_date
			FROM training tr JOIN clinics c USING (clinic_id)
			WHERE tr.workflow_area IS NOT NULL AND tr.user_id IS NOT NULL
			GROUP BY tr.user_id, tr.workflow_area
		),
		weeks AS (
			SELECT r.*, CAST(unnest(generate_series(0, CAST(floor(date_diff('day', r.go_live_date, h.last_day) / 7) AS BIGINT))) AS INTEGER) AS k
			FROM roster r, horizon h WHERE r.go_live_date <= h.last_day
		),
		how_to AS (
			SELECT reporter_id AS user_id, area, k, CAST(count(*) AS INTEGER) AS tickets
			FROM attribution_ticket_base WHERE kind = 'how_to' AND k >= 0 AND area IS NOT NULL AND reporter_id IS NOT NULL
			GROUP BY ALL
		)
		SELECT w.user_id, w.clinic_id, w.role, w.area, w.k, ${weekBand('w.k')} AS band,
			NOT coalesce(w.completed_on <= w.go_live_date + CAST(7 * w.k AS INTEGER), FALSE) AS untrained,
			coalesce(h.tickets, 0) AS tickets
		FROM weeks w LEFT JOIN how_to h USING (user_id, area, k)`);
}
