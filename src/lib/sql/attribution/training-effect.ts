import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/**
 * Untrained vs trained person-time (user-weeks, counted by workday) and how-to tickets per
 * stratum (area x role x week band). Weeks in which the user's clinic had an active
 * variance in the area are left out: a variance adds about as many tickets per user to
 * trained and untrained users alike, which would pull the rate ratio towards 1, and its
 * tickets are the variance's excess, measured apart.
 */
export function createTrainingStrata(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_training_strata AS
		SELECT w.area, w.role, w.band,
			CAST(coalesce(sum(w.tickets_untrained), 0) AS DOUBLE) AS a,
			CAST(coalesce(sum(w.untrained_share), 0) AS DOUBLE) AS t1,
			CAST(coalesce(sum(w.tickets - w.tickets_untrained), 0) AS DOUBLE) AS b,
			CAST(coalesce(sum(1 - w.untrained_share), 0) AS DOUBLE) AS t0
		FROM attribution_user_weeks w
		JOIN clinics c USING (clinic_id)
		LEFT JOIN attribution_variances v ON v.clinic_id = w.clinic_id AND v.area = w.area
		WHERE NOT coalesce(v.active_until > c.go_live_date + CAST(7 * w.k AS INTEGER), FALSE)
		GROUP BY ALL`);
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
			rr_mh, se_log_rr,
			exp(ln(nullif(rr_mh, 0)) - ${z} * se_log_rr) AS rr_low,
			exp(ln(nullif(rr_mh, 0)) + ${z} * se_log_rr) AS rr_high,
			a / nullif(a + b, 0) * (rr_mh - 1) / nullif(rr_mh, 0) AS attributable_fraction,
			a * (rr_mh - 1) / nullif(rr_mh, 0) AS excess_tickets,
			coalesce(exp(ln(nullif(rr_mh, 0)) - ${z} * se_log_rr) > 1, FALSE) AS significant
		FROM rated WHERE strata > 0 ORDER BY workflow_area NULLS FIRST`);
}

/**
 * Which rate ratio weighs each area's untrained how-to tickets. Cochran's Q tests whether
 * the per-area Mantel-Haenszel log rate ratios differ more than chance allows
 * (Q = sum w (ln RR_area - ln RR_pooled)^2, w = 1 / SE^2, on areas - 1 df, p by the
 * Wilson-Hilferty approximation). When they do (p < `heterogeneityAlpha`), each area uses
 * its own ratio; otherwise every area uses the pooled one. Either way a ratio gives weight
 * only when its 95% CI excludes 1.
 */
export function createTrainingRates(): Sql {
	const alpha = ATTRIBUTION_SETTINGS.heterogeneityAlpha;
	return trusted(`CREATE OR REPLACE TABLE attribution_training_rates AS
		WITH pooled AS (SELECT * FROM attribution_training_effect WHERE workflow_area IS NULL),
		areas AS (SELECT * FROM attribution_training_effect WHERE workflow_area IS NOT NULL AND rr_mh > 0 AND se_log_rr > 0),
		q AS (
			SELECT sum((ln(a.rr_mh) - ln(p.rr_mh)) ^ 2 / (a.se_log_rr ^ 2)) AS q, CAST(count(*) - 1 AS INTEGER) AS df
			FROM areas a, pooled p
		),
		test AS (SELECT q, df, attribution_chi2_upper(q, df) AS p FROM q),
		per_area AS (SELECT coalesce(test.p < ${alpha}, FALSE) AS heterogeneous FROM test)
		SELECT a.workflow_area,
			CASE WHEN h.heterogeneous THEN 'area' ELSE 'pooled' END AS source,
			CASE WHEN h.heterogeneous THEN a.rr_mh ELSE p.rr_mh END AS rr,
			CASE WHEN h.heterogeneous THEN a.rr_low ELSE p.rr_low END AS rr_low,
			CASE WHEN h.heterogeneous THEN a.rr_high ELSE p.rr_high END AS rr_high,
			CASE WHEN h.heterogeneous THEN a.significant ELSE p.significant END AS significant,
			test.q AS heterogeneity_q, test.df AS heterogeneity_df, test.p AS heterogeneity_p
		FROM attribution_training_effect a, pooled p, per_area h, test
		WHERE a.workflow_area IS NOT NULL`);
}
