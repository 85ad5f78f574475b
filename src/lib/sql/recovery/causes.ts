/**
 * Links from slow recovery to its causes: each clinic whose recovery is slow, or that has a
 * variance in the measure's related areas, beside those variances (from the attribution's
 * `attribution_variance_effect`) and its training gap, compared with its peers: the other
 * clinics of its go-live wave without such a variance. Needs the root-cause attribution.
 *
 * Difference-in-differences, in the measure's units: (clinic post − clinic baseline) −
 * (peer post − peer baseline), where post = weeks postFrom..postTo since go-live, baseline =
 * the baseline weeks, and the peer values are the means over the peers with both.
 */
import type { OverviewFilters } from '$lib/scope/filters';
import { RELATED_AREAS, type RecoveryMeasure, type RecoverySettings } from '$lib/recovery/settings';
import { list, sql, type Sql } from '../fragment';
import { billingComparison } from './billing-lag';
import { productivityComparison } from './productivity';
import { recoveryWhere, statusOf } from './scope';

/**
 * A clinic's peers are the rest of its wave without a variance: a window over the wave that
 * leaves out the clinic's own row, linear in the clinics. (A self-join on the wave was quadratic:
 * 100,000 clinics in three waves made 3.3 billion pairs.) A clinic without a go-live has no wave, so no peers.
 */
export function recoveryCauses(f: OverviewFilters, s: RecoverySettings, measure: RecoveryMeasure): Sql {
	const areas = list(RELATED_AREAS[measure]);
	const comparison = measure === 'productivity' ? productivityComparison(s) : billingComparison(s);
	return sql`WITH measured AS (${comparison}),
		variances AS (
			SELECT clinic_id, string_agg(workflow_area, ', ' ORDER BY workflow_area) AS variance_areas,
				string_agg(descriptions, '; ' ORDER BY workflow_area) AS variance_descriptions,
				bool_or(unreconciled) AS variance_unreconciled, strftime(max(reconciled_on), '%Y-%m-%d') AS variance_reconciled_on,
				max(oe) AS variance_oe, bool_or(significant) AS variance_significant
			FROM attribution_variance_effect WHERE workflow_area IN ${areas} GROUP BY clinic_id
		),
		training_gap AS (
			SELECT tr.clinic_id, avg(CASE WHEN tr.completed_on IS NULL OR tr.completed_on > c.go_live_date THEN 1.0 ELSE 0.0 END) AS untrained_share
			FROM training tr JOIN clinics c USING (clinic_id) WHERE tr.workflow_area IN ${areas} GROUP BY tr.clinic_id
		),
		clinic AS (
			SELECT c.clinic_id, coalesce(c.clinic_name, c.clinic_id) AS clinic_name, coalesce(c.site, '(no site)') AS site,
				c.go_live_date, strftime(date_trunc('week', c.go_live_date), '%Y-%m-%d') AS wave,
				m.recovery_week, m.last_week, m.baseline, m.post, m.post_value,
				v.clinic_id IS NOT NULL AS has_variance, v.* EXCLUDE (clinic_id), t.untrained_share
			FROM clinics c LEFT JOIN measured m USING (clinic_id) LEFT JOIN variances v USING (clinic_id) LEFT JOIN training_gap t USING (clinic_id)
		),
		peers AS (
			SELECT clinic_id,
				CAST(CASE WHEN wave IS NULL THEN 0 ELSE count(*) FILTER (WHERE NOT has_variance) OVER wave_peers END AS INTEGER) AS peers,
				CASE WHEN wave IS NOT NULL THEN avg(post_value) FILTER (WHERE NOT has_variance) OVER wave_peers END AS peer_post_value,
				CASE WHEN wave IS NOT NULL THEN avg(untrained_share) FILTER (WHERE NOT has_variance) OVER wave_peers END AS peer_untrained_share,
				CASE WHEN wave IS NOT NULL THEN avg(baseline) FILTER (WHERE NOT has_variance AND post IS NOT NULL) OVER wave_peers END AS peer_baseline,
				CASE WHEN wave IS NOT NULL THEN avg(post) FILTER (WHERE NOT has_variance AND baseline IS NOT NULL) OVER wave_peers END AS peer_post
			FROM clinic
			WINDOW wave_peers AS (PARTITION BY wave ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
		)
		SELECT *, post_value - peer_post_value AS vs_peers, (post - baseline) - (peer_post - peer_baseline) AS did
		FROM (
			SELECT clinic.*, peers.* EXCLUDE (clinic_id), ${statusOf('recovery_week', 'last_week', s.targetWeek, s.slowAfterWeek)} AS status
			FROM clinic JOIN peers USING (clinic_id)
		) compared
		WHERE (status = 'slow' OR has_variance) AND ${recoveryWhere(f, { dates: false })}
		ORDER BY status = 'slow' DESC, coalesce(recovery_week, 999) DESC, go_live_date, clinic_id`;
}
