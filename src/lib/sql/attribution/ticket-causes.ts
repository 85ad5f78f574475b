import { trusted, type Sql } from '../fragment';
import { weekBand } from './user-weeks';

/**
 * Per-ticket attribution. Category causes (access, interface/hardware, conversion) take
 * the whole ticket. A workflow ticket (how-to, break-fix, build request) is split by an
 * additive excess-rate model: with baseline rate 1, each cause that applies to it adds
 * its measured excess, and each cause's weight is its excess over 1 + the sum; the
 * baseline share stays `unattributed`. The excesses:
 * - variance: the shrunken rate ratio (O + a)/(E + a) - 1 of the clinic-area's variance,
 *   on a trained user's scale (attribution_variance_effect.excess_rate); graded, so a
 *   variance short of significance still gives its shrunken excess;
 * - missed training: RR - 1 of the area's rate ratio (attribution_training_rates), when
 *   its CI excludes 1 and the ticket lies in an informative stratum (area x role x week
 *   band with both untrained and trained person-time), as the attributable fraction does;
 * - build defect: the incident cell's (O - E)/E.
 */
export function createTicketRates(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_ticket_rates AS
		WITH roster AS (SELECT user_id, workflow_area AS area, min(completed_on) AS completed_on, coalesce(any_value(role), 'other') AS role FROM training GROUP BY ALL),
		informative AS (SELECT area, role, band FROM attribution_training_strata WHERE t1 > 0 AND t0 > 0),
		t AS (
			SELECT b.* EXCLUDE (words), r.user_id IS NOT NULL AS in_roster, r.completed_on, r.role,
				r.user_id IS NOT NULL AND NOT coalesce(r.completed_on <= CAST(b.opened_at AS DATE), FALSE) AS untrained,
				s.area IS NOT NULL AS informative_stratum,
				v.observed AS v_observed, v.expected AS v_expected, v.oe, v.oe_low, v.oe_high, v.oe_shrunk, v.q_value AS v_q,
				CASE WHEN b.kind = 'how_to' THEN v.excess_rate_how_to ELSE v.excess_rate_break_fix END AS v_excess_rate,
				CASE WHEN b.kind = 'how_to' THEN v.observed_how_to ELSE v.observed - v.observed_how_to END AS v_kind_observed,
				CASE WHEN b.kind = 'how_to' THEN v.expected_how_to ELSE v.expected - v.expected_how_to END AS v_kind_expected,
				v.significant AS variance_significant, v.descriptions,
				i.incident_id, i.excess_rate AS defect_excess_rate, i.observed AS defect_observed, i.expected AS defect_expected,
				i.wave_observed, i.wave_expected, i.wave,
				inc.clinic_count AS incident_clinics, inc.first_day AS incident_first_day, inc.last_day AS incident_last_day,
				inc.observed AS incident_observed, inc.expected AS incident_expected, inc.rule AS incident_rule,
				i.week AS incident_week, wc.run_first_week, wc.run_last_week, wc.run_observed, wc.run_expected, wc.run_z, wc.run_p, wc.tests AS run_tests,
				wc.run_dispersion, wc.run_cross_expected, wc.run_cross_z
			FROM attribution_ticket_base b
			LEFT JOIN roster r ON r.user_id = b.reporter_id AND r.area = b.area
			LEFT JOIN informative s ON s.area = b.area AND s.role = r.role AND s.band = ${weekBand('b.k')}
			LEFT JOIN attribution_variance_effect v ON v.clinic_id = b.clinic_id AND v.workflow_area = b.area
				AND b.k >= 0 AND (v.reconciled_on IS NULL OR v.reconciled_on > b.week_start)
			LEFT JOIN attribution_incident_cells i ON i.clinic_id = b.clinic_id AND i.area = b.area AND i.k = b.k
				AND b.kind IN ('break_fix', 'build_request')
			LEFT JOIN attribution_incidents inc USING (incident_id)
			LEFT JOIN attribution_wave_cells wc ON wc.wave = i.wave AND wc.area = i.area AND wc.week = i.week
		)
		SELECT t.*, tr.rr AS rr_mh, tr.rr_low, tr.rr_high, tr.source AS rr_source, tr.heterogeneity_q, tr.heterogeneity_df, tr.heterogeneity_p,
			CASE WHEN kind IN ('how_to', 'break_fix', 'build_request') AND v_excess_rate IS NOT NULL
				THEN v_excess_rate ELSE 0 END AS er_variance,
			CASE WHEN kind = 'how_to' AND k >= 0 AND untrained AND informative_stratum AND coalesce(tr.significant, FALSE)
				THEN greatest(tr.rr - 1, 0) ELSE 0 END AS er_training,
			CASE WHEN incident_id IS NOT NULL THEN greatest(coalesce(defect_excess_rate, 0), 0) ELSE 0 END AS er_defect
		FROM t LEFT JOIN attribution_training_rates tr ON tr.workflow_area = t.area`);
}

/**
 * Per-ticket rows of `ticket_root_cause`, from the rates above and the weights that the
 * description's words place within each clinic-area (word-weights.ts).
 */
/**
 * The evidence's note on how a ticket's words moved its weight for one cause (empty when they did
 * not move it by 0.005): their likelihood ratio, what it compares, the weight and the prior one.
 */
function wordNote(cause: 'v' | 't' | 'd', tickets: string): string {
	return `CASE WHEN ww.ticket_id IS NULL OR abs(ww.w${cause} - ww.w0${cause}) < 0.005 THEN '' ELSE printf('; the description''s %d words are on average %.2fx as common in %s as in the area''s baseline %s tickets (geometric mean of each word''s enrichment, learned from this data), so weight %.2f instead of %.2f',
		ww.words, ww.lr${cause}, ${tickets}, kind_words, ww.w${cause}, ww.w0${cause}) END`;
}

export function createTicketCauses(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_ticket_causes AS
		WITH rated AS NOT MATERIALIZED (SELECT * FROM attribution_ticket_rates),
		workflow AS NOT MATERIALIZED (
			SELECT r.*, 1 + er_variance + er_training + er_defect AS total_rate,
				${wordNote('v', "printf('%s %s tickets at clinics with an unreconciled %s variance', area, kind_words, area)")} AS words_v,
				${wordNote('t', "printf('%s %s tickets from reporters who had not completed its training', area, kind_words)")} AS words_t,
				${wordNote('d', "printf('%s %s tickets in build-defect incident weeks', area, kind_words)")} AS words_d,
				coalesce(ww.wv, er_variance / total_rate) AS weight_v, coalesce(ww.wt, er_training / total_rate) AS weight_t,
				coalesce(ww.wd, er_defect / total_rate) AS weight_d,
				CASE WHEN ww.ticket_id IS NULL OR (ww.wv = ww.w0v AND ww.wt = ww.w0t AND ww.wd = ww.w0d) THEN 1 / total_rate
					ELSE greatest(1 - ww.wv - ww.wt - ww.wd, 0) END AS weight_u
			FROM (SELECT *, replace(kind, '_', '-') AS kind_words FROM rated) r LEFT JOIN attribution_word_weights ww USING (ticket_id)
			WHERE kind IN ('how_to', 'break_fix', 'build_request') AND area IS NOT NULL AND k >= 0
		),
		found AS (
			SELECT ticket_id, kind AS root_cause, 1.0 AS weight,
				CASE WHEN text_match IS NULL THEN printf('ticket category is %s', category)
					ELSE printf('category %s, and the description mentions "%s"', coalesce(category, '(none)'), text_match) END AS evidence
			FROM rated WHERE kind IN ('access_provisioning', 'technical', 'data_conversion')
			UNION ALL
			SELECT ticket_id, 'workflow_variance', weight_v,
				printf('workflow-variance rule: clinic %s has an unreconciled %s variance (%s); %d workflow tickets observed vs %.1f expected from peer clinics at the same go-live week and training status (O/E %.2f, Byar 95%% CI %.2f-%.2f allowing for the noise in E; BH q = %.3g, %s at FDR 5%%); its %s tickets alone %d vs %.1f expected, shrunken excess %.2fx a trained user''s rate, give this ticket weight %.2f',
					clinic_id, area, descriptions, CAST(v_observed AS INTEGER), v_expected, oe, oe_low, oe_high, v_q,
					CASE WHEN variance_significant THEN 'a discovery' ELSE 'not a discovery' END,
					CASE WHEN kind = 'how_to' THEN 'how-to' ELSE 'break-fix and build-request' END, CAST(v_kind_observed AS INTEGER), v_kind_expected, er_variance, er_variance / total_rate) || words_v
			FROM workflow WHERE er_variance > 0
			UNION ALL
			SELECT ticket_id, 'missed_training', weight_t,
				printf('missed-training rule: reporter %s had not completed %s training when the ticket was opened in go-live week %d (%s); untrained users open %.2fx the how-to tickets of trained ones (%s Mantel-Haenszel rate ratio, 95%% CI %.2f-%.2f; %s), so weight %.2f',
					reporter_id, area, k, CASE WHEN completed_on IS NULL THEN 'never completed' ELSE 'completed ' || strftime(completed_on, '%Y-%m-%d') END,
					rr_mh, CASE WHEN rr_source = 'area' THEN area || ' area' ELSE 'pooled' END, rr_low, rr_high,
					CASE WHEN heterogeneity_p IS NULL THEN 'no second area to test heterogeneity'
						ELSE printf('Cochran''s Q across areas %.1f on %d df, p = %.3g', heterogeneity_q, heterogeneity_df, heterogeneity_p) END,
					er_training / total_rate) || words_t
			FROM workflow WHERE er_training > 0
			UNION ALL
			SELECT ticket_id, 'build_defect', weight_d,
				CASE WHEN incident_rule = 'single wave' THEN
					printf('build-defect incident %s (single-wave rule, wave live %s): %d observed vs %.1f expected in %d clinics between %s and %s, from the wave''s other weeks and other areas; the weeks of %s to %s together had %d where %.1f were expected (z = %.2f); %s; dispersion %.2f; p = %.2g, within 5%% over the %d runs of weeks tested; the week of %s the wave had %d where %.1f were expected, so weight %.2f',
						incident_id, strftime(wave, '%Y-%m-%d'), incident_observed, incident_expected, incident_clinics, incident_first_day, incident_last_day,
						strftime(run_first_week, '%Y-%m-%d'), strftime(run_last_week, '%Y-%m-%d'), CAST(run_observed AS INTEGER), run_expected, run_z,
						CASE WHEN run_cross_z IS NULL THEN 'no other wave reached those weeks since go-live'
							ELSE printf('other waves at the same weeks since go-live had %.1f (z = %.2f)', run_cross_expected, run_cross_z) END,
						run_dispersion, run_p, run_tests,
						strftime(incident_week, '%Y-%m-%d'), CAST(wave_observed AS INTEGER), wave_expected, er_defect / total_rate)
				ELSE
					printf('build-defect incident %s (shared-build rule): %d observed vs %.1f expected in %d clinics between %s and %s; this clinic had %d that week where %.1f were expected, so weight %.2f',
						incident_id, incident_observed, incident_expected, incident_clinics, incident_first_day, incident_last_day,
						CAST(defect_observed AS INTEGER), defect_expected, er_defect / total_rate) END || words_d
			FROM workflow WHERE er_defect > 0
			UNION ALL
			SELECT ticket_id, 'unattributed', weight_u,
				CASE WHEN total_rate = 1 THEN printf('no measured cause applies: %s', concat_ws('; ',
						CASE WHEN reporter_id IS NULL THEN 'no reporter, so training cannot be checked'
							WHEN NOT in_roster THEN printf('reporter %s is not in the training roster for %s', reporter_id, area)
							WHEN kind = 'how_to' AND NOT untrained THEN printf('reporter %s had completed %s training before the ticket', reporter_id, area)
							WHEN kind = 'how_to' AND NOT informative_stratum THEN printf('training not assessed: no %s users in %s at that go-live week band had both trained and untrained person-time', role, area) END,
						CASE WHEN descriptions IS NULL THEN printf('no unreconciled %s variance at clinic %s', area, clinic_id)
							WHEN er_variance = 0 THEN printf('clinic %s''s %s variance shows no excess (%d observed vs %.1f expected)', clinic_id, area, CAST(v_observed AS INTEGER), v_expected) END,
						CASE WHEN kind IN ('break_fix', 'build_request') AND incident_id IS NULL THEN 'no build-defect incident in that area and week' END))
					ELSE printf('the baseline share 1/%.2f: peer clinics and trained users raise %s tickets in %s too%s', total_rate, kind, area,
						CASE WHEN weight_u = 1 / total_rate THEN '' ELSE printf('; the description''s words move it to %.2f', weight_u) END) END
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
