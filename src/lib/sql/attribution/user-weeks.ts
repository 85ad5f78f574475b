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
 * since the clinic's go-live (0 up to the last week with tickets), with the share of the
 * week's five workdays before the user completed that area's training (1 = never
 * completed or completed after the week, 0 = completed by its start), and the how-to
 * tickets the user opened in that area that week before and after completing it. Counting
 * the days, not the status at the start of the week, keeps a user who finishes training
 * mid-week from diluting the untrained rate.
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
			SELECT b.reporter_id AS user_id, b.area, b.k,
				CAST(count(*) FILTER (WHERE r.completed_on IS NULL OR CAST(b.opened_at AS DATE) < r.completed_on) AS INTEGER) AS tickets_untrained,
				CAST(count(*) AS INTEGER) AS tickets
			FROM attribution_ticket_base b JOIN roster r ON r.user_id = b.reporter_id AND r.area = b.area
			WHERE b.kind = 'how_to' AND b.k >= 0
			GROUP BY ALL
		)
		SELECT w.user_id, w.clinic_id, w.role, w.area, w.k, ${weekBand('w.k')} AS band,
			NOT coalesce(w.completed_on <= w.go_live_date + CAST(7 * w.k AS INTEGER), FALSE) AS untrained,
			CASE WHEN w.completed_on IS NULL THEN 1.0
				ELSE least(5, greatest(0, date_diff('day', w.go_live_date + CAST(7 * w.k AS INTEGER), w.completed_on))) / 5 END AS untrained_share,
			coalesce(h.tickets, 0) AS tickets,
			coalesce(h.tickets_untrained, 0) AS tickets_untrained
		FROM weeks w LEFT JOIN how_to h USING (user_id, area, k)`);
}
