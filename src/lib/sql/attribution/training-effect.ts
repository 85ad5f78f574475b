import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/** Untrained vs trained person-time and how-to tickets per stratum (area x role x week band). */
export function createTrainingStrata(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_training_strata AS
		SELECT area, role, band,
			CAST(coalesce(sum(tickets) FILTER (WHERE untrained), 0) AS DOUBLE) AS a,
			CAST(count(*) FILTER (WHERE untrained) AS DOUBLE) AS t1,
			CAST(coalesce(sum(tickets) FILTER (WHERE NOT untrained), 0) AS DOUBLE) AS b,
			CAST(count(*) FILTER (WHERE NOT untrained) AS DOUBLE) AS t0
		FROM attribution_user_weeks GROUP BY ALL`);
}

/**
 * The training effect, over all areas and per area: the how-to ticket rate per user-week
 * of untrained vs trained users, the crude rate ratio, the Mantel-Haenszel rate ratio
 * stratified by area, role and week band with the Greenland-Robins 95% CI, Miettinen's
 * attributable fraction p_c (RR-1)/RR and the excess tickets a (RR-1)/RR.
 * Only strata with both untrained and trained person-time inform the MH estimate.
 */
export function createTrainingEffect(): Sql {
	const z = ATTRIBUTION_SETTINGS.z;
	return trusted(`CREATE OR REPLACE TABLE attribution_training_effect AS
		WITH s AS (SELECT *, t1 + t0 AS t FROM attribution_training_strata WHERE t1 > 0 AND t0 > 0),
		pooled AS (
			SELECT CASE WHEN grouping(area) = 1 THEN NULL ELSE area END AS workflow_area,
				sum(a) AS a, sum(t1) AS t1, sum(b) AS b, sum(t0) AS t0,
				sum(a * t0 / t) AS r, sum(b * t1 / t) AS q, sum((a + b) * t1 * t0 / (t * t)) AS v,
				CAST(count(*) AS INTEGER) AS strata
			FROM s GROUP BY GROUPING SETS ((), (area))
		),
		rated AS (
			SELECT *, r / nullif(q, 0) AS rr_mh, sqrt(v / nullif(r * q, 0)) AS se_log_rr FROM pooled
		)
		SELECT coalesce(workflow_area, 'all areas') AS scope, workflow_area, strata,
			CAST(a AS INTEGER) AS untrained_tickets, CAST(t1 AS INTEGER) AS untrained_user_weeks,
			CAST(b AS INTEGER) AS trained_tickets, CAST(t0 AS INTEGER) AS trained_user_weeks,
			a / nullif(t1, 0) AS untrained_rate, b / nullif(t0, 0) AS trained_rate,
			(a / nullif(t1, 0)) / nullif(b / nullif(t0, 0), 0) AS rr_crude,
			rr_mh,
			exp(ln(nullif(rr_mh, 0)) - ${z} * se_log_rr) AS rr_low,
			exp(ln(nullif(rr_mh, 0)) + ${z} * se_log_rr) AS rr_high,
			a / nullif(a + b, 0) * (rr_mh - 1) / nullif(rr_mh, 0) AS attributable_fraction,
			a * (rr_mh - 1) / nullif(rr_mh, 0) AS excess_tickets,
			coalesce(exp(ln(nullif(rr_mh, 0)) - ${z} * se_log_rr) > 1, FALSE) AS significant
		FROM rated WHERE strata > 0 ORDER BY workflow_area NULLS FIRST`);
}
