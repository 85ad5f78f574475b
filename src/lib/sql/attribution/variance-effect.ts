import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

const OPEN_ENDED = `DATE '9999-12-31'`;

/**
 * Each clinic and area's workflow variance, and until when it was left unreconciled:
 * open-ended while any entry is unreconciled, else until the last `reconciled_on`.
 * Accepted exceptions are the intended workflow, not a cause.
 */
export function createVariances(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_variances AS
		SELECT clinic_id, workflow_area AS area,
			bool_or(status = 'unreconciled') AS unreconciled,
			CASE WHEN bool_or(status = 'unreconciled') THEN ${OPEN_ENDED}
				ELSE max(reconciled_on) FILTER (WHERE status = 'reconciled') END AS active_until,
			string_agg(coalesce(description, '(no description)'), '; ' ORDER BY description) AS descriptions
		FROM workflow_variance
		WHERE status IN ('unreconciled', 'reconciled') AND workflow_area IS NOT NULL AND clinic_id IS NOT NULL
		GROUP BY ALL`);
}

/**
 * Workflow tickets (how-to, break-fix, build request) per clinic, area and week since
 * go-live, with the expected count from peer clinics without an active variance in that
 * area at the same go-live week (indirect standardisation). Cells of a build-defect
 * incident are left out on both sides.
 */
export function createVarianceCells(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_variance_cells AS
		WITH wf AS (
			SELECT clinic_id, area, k, CAST(count(*) AS DOUBLE) AS tickets FROM attribution_ticket_base
			WHERE kind IN ('how_to', 'break_fix', 'build_request') AND area IS NOT NULL AND k >= 0 GROUP BY ALL
		),
		cells AS (
			SELECT d.clinic_id, d.area, d.k, d.users, coalesce(wf.tickets, 0) AS tickets,
				coalesce(v.active_until > c.go_live_date + CAST(7 * d.k AS INTEGER), FALSE) AS variance_active
			FROM attribution_defect_cells d
			JOIN clinics c USING (clinic_id)
			LEFT JOIN wf USING (clinic_id, area, k)
			LEFT JOIN attribution_variances v USING (clinic_id, area)
			ANTI JOIN attribution_incident_cells i USING (clinic_id, area, k)
		),
		peer AS (SELECT area, k, sum(tickets) / nullif(sum(users), 0) AS rate FROM cells WHERE NOT variance_active GROUP BY ALL)
		SELECT cells.*, cells.users * peer.rate AS expected FROM cells LEFT JOIN peer USING (area, k)`);
}

/**
 * Observed vs expected workflow tickets while each variance was active, with Byar's
 * approximation to the exact Poisson 95% CI of O/E, and excess tickets O - E.
 */
export function createVarianceEffect(): Sql {
	const z = ATTRIBUTION_SETTINGS.z;
	return trusted(`CREATE OR REPLACE TABLE attribution_variance_effect AS
		WITH sums AS (
			SELECT v.clinic_id, v.area AS workflow_area, any_value(v.descriptions) AS descriptions,
				any_value(v.unreconciled) AS unreconciled,
				any_value(CASE WHEN v.active_until = ${OPEN_ENDED} THEN NULL ELSE v.active_until END) AS reconciled_on,
				CAST(count(*) AS INTEGER) AS weeks, any_value(c.users) AS users,
				sum(c.tickets) AS observed, sum(c.expected) AS expected
			FROM attribution_variances v
			JOIN attribution_variance_cells c ON c.clinic_id = v.clinic_id AND c.area = v.area AND c.variance_active
			GROUP BY v.clinic_id, v.area
		)
		SELECT *, observed / nullif(expected, 0) AS oe,
			CASE WHEN observed = 0 THEN 0
				ELSE observed * pow(1 - 1 / (9 * observed) - ${z} / (3 * sqrt(observed)), 3) / nullif(expected, 0) END AS oe_low,
			(observed + 1) * pow(1 - 1 / (9 * (observed + 1)) + ${z} / (3 * sqrt(observed + 1)), 3) / nullif(expected, 0) AS oe_high,
			observed - expected AS excess,
			coalesce(observed > 0 AND observed * pow(1 - 1 / (9 * observed) - ${z} / (3 * sqrt(observed)), 3) / nullif(expected, 0) > 1, FALSE) AS significant
		FROM sums ORDER BY excess DESC`);
}
