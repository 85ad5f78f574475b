import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';
import { byarHigh, byarLow } from './action-list';
import { ACTION_SETTINGS } from './settings';

/**
 * `action_list`: one row per action the data supports, ranked by the tickets it would remove.
 *
 * - Excess tickets per week now (the weeks of `action_horizon`), by the additive excess-rate
 *   model the ticket weights use (each cause adds its excess rate to a baseline of 1, so a
 *   ticket shared by a variance and a training gap is split, never counted twice): a variance,
 *   (O/E - 1) x the tickets peers lead one to expect in that clinic and area now; a training
 *   gap, (RR - 1) x the how-to tickets the untrained users would raise now at trained users'
 *   rates (same area, role and week band); the 95% interval puts the rate ratio's limits in its
 *   place. A defect or conversion clean-up: the sum of the ticket weights now, with Byar's
 *   Poisson limits of the tickets behind it scaled alike.
 * - Tickets removed over the weeks ahead: R = excess per week x the decay factor D of the
 *   clinic's go-live curve (action_decay; a defect: the persistence of earlier incidents).
 *   95% prediction interval R +/- z sqrt((R s)^2 + R): s the relative standard error of the
 *   excess (from its interval), R the Poisson noise of the weeks to come.
 */
export function createActionListView(): Sql {
	const s = ACTION_SETTINGS;
	const z = ATTRIBUTION_SETTINGS.z;
	return trusted(`CREATE OR REPLACE VIEW action_list AS
		WITH h AS (SELECT * FROM action_horizon),
		win AS (
			SELECT r.ticket_id, r.root_cause, r.weight, b.clinic_id, b.area, b.reporter_id, b.k
			FROM attribution_ticket_causes r JOIN attribution_ticket_base b USING (ticket_id), h
			WHERE CAST(b.opened_at AS DATE) BETWEEN h.now_from AND h.now_to
				AND r.root_cause IN ('workflow_variance', 'missed_training', 'build_defect', 'data_conversion')
		),
		te AS (SELECT rr_mh, rr_low, rr_high FROM attribution_training_effect WHERE workflow_area IS NULL AND significant),
		untrained AS (
			SELECT tr.clinic_id, tr.workflow_area AS area, tr.user_id, any_value(tr.role) AS role FROM training tr, h
			WHERE tr.workflow_area IS NOT NULL AND tr.user_id IS NOT NULL AND tr.clinic_id IS NOT NULL
			GROUP BY tr.clinic_id, tr.workflow_area, tr.user_id
			HAVING NOT coalesce(min(tr.completed_on) <= any_value(h.done_on), FALSE)
		),
		now_cells AS (
			SELECT v.clinic_id, v.area, sum(v.expected) AS expected FROM attribution_variance_cells v JOIN clinics c USING (clinic_id), h
			WHERE c.go_live_date + CAST(7 * v.k AS INTEGER) BETWEEN h.now_from AND h.now_to GROUP BY ALL
		),
		pooled AS (
			SELECT sum(observed) / sum(expected) AS r0, sum(expected) / count(*) AS mean_e, sum(expected) AS total_e
			FROM attribution_variance_effect WHERE expected > 0
		),
		spread AS (
			SELECT greatest(sum(v.expected * pow(v.oe - p.r0, 2)) / sum(v.expected) - any_value(p.r0 / p.mean_e), 0) AS tau2
			FROM attribution_variance_effect v, pooled p WHERE v.expected > 0
		),
		shrunk AS (
			SELECT v.clinic_id, v.workflow_area, w * v.oe + (1 - w) * r0 AS oe_eb,
				sqrt(w * r0 / v.expected + pow(1 - w, 2) * r0 / total_e) AS se_eb
			FROM (SELECT v.*, p.r0, p.total_e, coalesce(s.tau2 / nullif(s.tau2 + p.r0 / v.expected, 0), 0) AS w
				FROM attribution_variance_effect v, pooled p, spread s WHERE v.expected > 0) v
		),
		variance AS (
			SELECT 'reconcile_variance' AS kind, v.clinic_id, v.workflow_area AS area, CAST(NULL AS VARCHAR) AS incident_id,
				(any_value(e.oe_eb) - 1) * any_value(n.expected) AS excess,
				(any_value(e.oe_eb) - ${z} * any_value(e.se_eb) - 1) * any_value(n.expected) AS excess_low,
				(any_value(e.oe_eb) + ${z} * any_value(e.se_eb) - 1) * any_value(n.expected) AS excess_high,
				count(w.ticket_id) AS touched, CAST(any_value(v.users) AS INTEGER) AS users_touched,
				CAST(NULL AS VARCHAR[]) AS users, any_value(v.descriptions) AS detail,
				any_value(v.observed) AS observed, any_value(v.expected) AS expected,
				any_value(v.oe) AS rate_ratio, any_value(v.oe_low) AS rr_low, any_value(v.oe_high) AS rr_high
			FROM attribution_variance_effect v
			JOIN attribution_variances av ON av.clinic_id = v.clinic_id AND av.area = v.workflow_area
			JOIN now_cells n ON n.clinic_id = v.clinic_id AND n.area = v.workflow_area
			JOIN shrunk e ON e.clinic_id = v.clinic_id AND e.workflow_area = v.workflow_area
			LEFT JOIN win w ON w.root_cause = 'workflow_variance' AND w.clinic_id = v.clinic_id AND w.area = v.workflow_area, h
			WHERE v.significant AND av.active_until > h.done_on
			GROUP BY v.clinic_id, v.workflow_area
		),
		trained_rates AS (SELECT area, role, band, b / t0 AS rate FROM attribution_training_strata WHERE t0 > 0),
		untrained_base AS (
			SELECT u.clinic_id, u.area, sum(coalesce(r.rate, 0)) AS base
			FROM untrained u JOIN attribution_user_weeks uw ON uw.user_id = u.user_id AND uw.area = u.area AND uw.untrained
			JOIN clinics c ON c.clinic_id = u.clinic_id
			LEFT JOIN trained_rates r ON r.area = uw.area AND r.role = uw.role AND r.band = uw.band, h
			WHERE c.go_live_date + CAST(7 * uw.k AS INTEGER) BETWEEN h.now_from AND h.now_to
			GROUP BY ALL
		),
		training AS (
			SELECT 'train_users', u.clinic_id, u.area, NULL,
				(any_value(te.rr_mh) - 1) * any_value(b.base), (any_value(te.rr_low) - 1) * any_value(b.base), (any_value(te.rr_high) - 1) * any_value(b.base),
				count(w.ticket_id),
				CAST(count(DISTINCT u.user_id) AS INTEGER), list(DISTINCT u.user_id || ' (' || coalesce(u.role, 'no role') || ')' ORDER BY u.user_id || ' (' || coalesce(u.role, 'no role') || ')'),
				NULL, count(w.ticket_id), any_value(b.base), any_value(te.rr_mh), any_value(te.rr_low), any_value(te.rr_high)
			FROM untrained u JOIN te ON TRUE JOIN untrained_base b ON b.clinic_id = u.clinic_id AND b.area = u.area
			LEFT JOIN win w ON w.root_cause = 'missed_training' AND w.reporter_id = u.user_id AND w.area = u.area AND w.clinic_id = u.clinic_id
			GROUP BY u.clinic_id, u.area
		),
		defect AS (
			SELECT 'fix_defect', NULL, any_value(inc.workflow_area), inc.incident_id, sum(w.weight),
				sum(w.weight) * ${byarLow('count(w.ticket_id)')} / count(w.ticket_id), sum(w.weight) * ${byarHigh('count(w.ticket_id)')} / count(w.ticket_id),
				count(w.ticket_id),
				CAST((SELECT sum(users) FROM attribution_area_users au WHERE au.area = any_value(inc.workflow_area) AND list_contains(any_value(inc.clinics), au.clinic_id)) AS INTEGER),
				NULL, NULL, any_value(inc.observed), any_value(inc.expected), any_value(inc.observed) / nullif(any_value(inc.expected), 0),
				${byarLow('any_value(inc.observed)')} / nullif(any_value(inc.expected), 0), ${byarHigh('any_value(inc.observed)')} / nullif(any_value(inc.expected), 0)
			FROM win w JOIN attribution_incident_cells i ON i.clinic_id = w.clinic_id AND i.area = w.area AND i.k = w.k
			JOIN attribution_incidents inc ON inc.incident_id = i.incident_id
			WHERE w.root_cause = 'build_defect' GROUP BY inc.incident_id
		),
		conversion AS (
			SELECT 'clean_conversion', w.clinic_id, NULL, NULL, sum(w.weight),
				sum(w.weight) * ${byarLow('count(w.ticket_id)')} / count(w.ticket_id), sum(w.weight) * ${byarHigh('count(w.ticket_id)')} / count(w.ticket_id),
				count(w.ticket_id), CAST(any_value(cu.users) AS INTEGER),
				NULL, NULL, count(w.ticket_id), NULL, NULL, NULL, NULL
			FROM win w LEFT JOIN clinic_users cu USING (clinic_id) WHERE w.root_cause = 'data_conversion' GROUP BY w.clinic_id
		),
		actions AS (SELECT * FROM variance UNION ALL SELECT * FROM training UNION ALL SELECT * FROM defect UNION ALL SELECT * FROM conversion),
		projected AS (
			SELECT a.*, a.excess / ${s.nowWeeks} AS excess_per_week,
				greatest(a.excess_low, 0) / ${s.nowWeeks} AS excess_per_week_low, a.excess_high / ${s.nowWeeks} AS excess_per_week_high,
				(a.excess_high - a.excess_low) / (2 * ${z} * a.excess) AS relative_se,
				CASE WHEN a.kind = 'fix_defect' THEN p.persistence ELSE d.decay END AS decay,
				CASE WHEN a.kind = 'fix_defect' THEN 'persistence of earlier incidents' ELSE 'go-live curve of clinics at the same weeks' END AS decay_basis
			FROM actions a
			LEFT JOIN action_decay d ON d.clinic_id = a.clinic_id AND d.curve = CASE WHEN a.kind = 'clean_conversion' THEN 'conversion' ELSE 'workflow' END
			LEFT JOIN action_defect_persistence p ON a.kind = 'fix_defect'
			WHERE a.excess > 0
		),
		removed AS (
			SELECT *, excess_per_week * decay AS removed,
				sqrt(pow(excess_per_week * decay * relative_se, 2) + excess_per_week * decay) AS removed_se
			FROM projected
		)
		SELECT row_number() OVER (ORDER BY r.removed DESC NULLS LAST, r.excess_per_week DESC, r.kind, r.incident_id, r.clinic_id, r.area) AS rank,
			r.kind || ':' || coalesce(r.incident_id, r.clinic_id) || coalesce(':' || r.area, '') AS action_id,
			r.kind, r.clinic_id, c.clinic_name, c.site, r.area AS workflow_area, r.incident_id,
			CASE r.kind
				WHEN 'reconcile_variance' THEN printf('Reconcile the %s variance at %s', r.area, coalesce(c.clinic_name, r.clinic_id))
				WHEN 'train_users' THEN printf('Train the %d untrained %s user%s of %s', r.users_touched, r.area, CASE WHEN r.users_touched = 1 THEN '' ELSE 's' END, coalesce(c.clinic_name, r.clinic_id))
				WHEN 'fix_defect' THEN printf('Fix build defect %s (%s) while it is active', r.incident_id, r.area)
				ELSE printf('Clean up converted data at %s', coalesce(c.clinic_name, r.clinic_id)) END AS action,
			r.detail,
			CASE WHEN r.kind = 'fix_defect' THEN inc.clinics ELSE [r.clinic_id] END AS clinics,
			CAST(CASE WHEN r.kind = 'fix_defect' THEN inc.clinic_count ELSE 1 END AS INTEGER) AS clinic_count,
			r.users_touched, r.users,
			h.now_from, h.now_to, h.done_on, h.ahead_to,
			CAST(r.touched AS INTEGER) AS tickets_touched, r.excess AS excess_now,
			r.excess_per_week,
			r.excess_per_week_low AS excess_low, r.excess_per_week_high AS excess_high,
			r.decay, r.decay_basis, r.removed AS removed_ahead,
			greatest(r.removed - ${z} * r.removed_se, 0) AS removed_low, r.removed + ${z} * r.removed_se AS removed_high,
			r.observed, r.expected, r.rate_ratio, r.rr_low, r.rr_high
		FROM removed r CROSS JOIN h
		LEFT JOIN clinics c ON c.clinic_id = r.clinic_id
		LEFT JOIN attribution_incidents inc ON inc.incident_id = r.incident_id
		ORDER BY rank`);
}
