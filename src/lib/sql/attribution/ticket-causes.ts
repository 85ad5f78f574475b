import { trusted, type Sql } from '../fragment';

/**
 * Per-ticket attribution. Category causes (access, interface/hardware, conversion) take
 * the whole ticket. A workflow ticket (how-to, break-fix, build request) is split by an
 * additive excess-rate model: with baseline rate 1, each cause that applies to it adds
 * its measured excess (variance O/E - 1, training RR - 1, defect cell (O - E)/E), and each
 * cause's weight is its excess over 1 + the sum; the baseline share stays `unattributed`.
 * A cause only counts when its measured effect is significant (CI lower bound above 1).
 */
export function createTicketCauses(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_ticket_causes AS
		WITH training_effect AS (SELECT rr_mh, rr_low, rr_high, significant FROM attribution_training_effect WHERE workflow_area IS NULL),
		roster AS (SELECT user_id, workflow_area AS area, min(completed_on) AS completed_on FROM training GROUP BY ALL),
		t AS (
			SELECT b.*, r.user_id IS NOT NULL AS in_roster, r.completed_on,
				r.user_id IS NOT NULL AND NOT coalesce(r.completed_on <= b.week_start, FALSE) AS untrained,
				v.oe, v.oe_low, v.oe_high, v.significant AS variance_significant, v.descriptions,
				i.incident_id, i.excess_rate AS defect_excess_rate, i.observed AS defect_observed, i.expected AS defect_expected,
				inc.clinic_count AS incident_clinics, inc.first_day AS incident_first_day, inc.last_day AS incident_last_day
			FROM attribution_ticket_base b
			LEFT JOIN roster r ON r.user_id = b.reporter_id AND r.area = b.area
			LEFT JOIN attribution_variance_effect v ON v.clinic_id = b.clinic_id AND v.workflow_area = b.area
				AND b.k >= 0 AND (v.reconciled_on IS NULL OR v.reconciled_on > b.week_start)
			LEFT JOIN attribution_incident_cells i ON i.clinic_id = b.clinic_id AND i.area = b.area AND i.k = b.k
				AND b.kind IN ('break_fix', 'build_request')
			LEFT JOIN attribution_incidents inc USING (incident_id)
		),
		rated AS (
			SELECT t.*, te.rr_mh, te.rr_low, te.rr_high,
				CASE WHEN kind IN ('how_to', 'break_fix', 'build_request') AND coalesce(variance_significant, FALSE)
					THEN greatest(oe - 1, 0) ELSE 0 END AS er_variance,
				CASE WHEN kind = 'how_to' AND k >= 0 AND untrained AND coalesce(te.significant, FALSE)
					THEN greatest(te.rr_mh - 1, 0) ELSE 0 END AS er_training,
				CASE WHEN incident_id IS NOT NULL THEN greatest(coalesce(defect_excess_rate, 0), 0) ELSE 0 END AS er_defect
			FROM t LEFT JOIN training_effect te ON TRUE
		),
		workflow AS (
			SELECT *, 1 + er_variance + er_training + er_defect AS total_rate FROM rated
			WHERE kind IN ('how_to', 'break_fix', 'build_request') AND area IS NOT NULL AND k >= 0
		),
		found AS (
			SELECT ticket_id, kind AS root_cause, 1.0 AS weight,
				CASE WHEN text_match IS NULL THEN printf('ticket category is %s', category)
					ELSE printf('category %s, and the description mentions "%s"', coalesce(category, '(none)'), text_match) END AS evidence
			FROM rated WHERE kind IN ('access_provisioning', 'technical', 'data_conversion')
			UNION ALL
			SELECT ticket_id, 'workflow_variance', er_variance / total_rate,
				printf('clinic %s has an unreconciled %s variance (%s); its %s tickets ran at %.1fx what peer clinics at the same go-live week had (O/E, 95%% CI %.1f-%.1f)',
					clinic_id, area, descriptions, area, oe, oe_low, oe_high)
			FROM workflow WHERE er_variance > 0
			UNION ALL
			SELECT ticket_id, 'missed_training', er_training / total_rate,
				printf('reporter %s had not completed %s training by the start of go-live week %d (%s); untrained users open %.1fx the how-to tickets of trained ones (Mantel-Haenszel rate ratio, 95%% CI %.1f-%.1f)',
					reporter_id, area, k, CASE WHEN completed_on IS NULL THEN 'never completed' ELSE 'completed ' || strftime(completed_on, '%Y-%m-%d') END,
					rr_mh, rr_low, rr_high)
			FROM workflow WHERE er_training > 0
			UNION ALL
			SELECT ticket_id, 'build_defect', er_defect / total_rate,
				printf('incident %s: %s break-fix tickets spiked in %d clinics between %s and %s; this clinic had %d that week where %.1f were expected',
					incident_id, area, incident_clinics, incident_first_day, incident_last_day, CAST(defect_observed AS INTEGER), defect_expected)
			FROM workflow WHERE er_defect > 0
			UNION ALL
			SELECT ticket_id, 'unattributed', 1 / total_rate,
				CASE WHEN total_rate = 1 THEN printf('no measured cause applies: %s', concat_ws('; ',
						CASE WHEN reporter_id IS NULL THEN 'no reporter, so training cannot be checked'
							WHEN NOT in_roster THEN printf('reporter %s is not in the training roster for %s', reporter_id, area)
							WHEN kind = 'how_to' AND NOT untrained THEN printf('reporter %s had completed %s training', reporter_id, area) END,
						CASE WHEN descriptions IS NULL THEN printf('no unreconciled %s variance at clinic %s', area, clinic_id)
							WHEN NOT coalesce(variance_significant, FALSE) THEN printf('clinic %s''s %s variance shows no significant excess', clinic_id, area) END,
						CASE WHEN kind IN ('break_fix', 'build_request') AND incident_id IS NULL THEN 'no build-defect incident in that area and week' END))
					ELSE printf('the baseline share: peer clinics and trained users raise %s tickets in %s too', kind, area) END
			FROM workflow
			UNION ALL
			SELECT ticket_id, 'unattributed', 1.0,
				CASE WHEN kind IS NULL THEN printf('category %s, and the description names no cause', coalesce(category, '(none)'))
					WHEN area IS NULL THEN printf('%s ticket without a workflow area: training, variance and defects cannot be checked', kind)
					WHEN k IS NULL THEN printf('clinic %s is not in the clinic list, so its go-live week is unknown', clinic_id)
					ELSE printf('%s ticket opened before the clinic''s go-live', kind) END
			FROM rated
			WHERE kind IS NULL OR (kind IN ('how_to', 'break_fix', 'build_request') AND (area IS NULL OR k IS NULL OR k < 0))
		)
		SELECT ticket_id, root_cause, CAST(weight AS DOUBLE) AS weight, evidence FROM found`);
}

/** The public view of the data contract. */
export function createTicketRootCauseView(): Sql {
	return trusted(`CREATE OR REPLACE VIEW ticket_root_cause AS
		SELECT ticket_id, root_cause, weight, evidence FROM attribution_ticket_causes`);
}

/**
 * The root-cause page's pre-aggregate: per clinic, day opened and root cause, the attributed
 * tickets (sum of weights) and the tickets touched. A ticket lies in one clinic and day, so
 * touched counts add up exactly over any filter. Filter changes read this, not every ticket.
 */
export function createCauseDays(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_cause_days AS
		SELECT t.clinic_id, any_value(t.clinic_name) AS clinic_name, any_value(t.site) AS site, any_value(t.go_live_date) AS go_live_date,
			CAST(t.opened_at AS DATE) AS opened_on, any_value(t.week) AS week, any_value(t.go_live_week) AS go_live_week, r.root_cause,
			sum(r.weight) AS tickets, CAST(count(DISTINCT t.ticket_id) AS INTEGER) AS touched
		FROM attribution_ticket_causes r JOIN ticket_facts t USING (ticket_id)
		GROUP BY t.clinic_id, CAST(t.opened_at AS DATE), r.root_cause`);
}
