import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';
import { byarHigh, byarLow, withBhQ } from './tests';

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
 * go-live, split by whether the reporter had completed the area's training by the ticket's
 * day (reporters outside the roster count with the trained), with the area's untrained and
 * trained user-weeks that week (counted by workday, as in attribution_user_weeks). The expected count is standardised indirectly
 * by go-live week and training status: u1 * r1 + u0 * r0, with r1 and r0 the untrained
 * and trained rates of peer clinics without an active variance in the area at the same
 * go-live week. So a poorly trained clinic is expected to raise more tickets, and its
 * training gap is not read as a variance. Cells of a build-defect incident are left out
 * on both sides.
 */
export function createVarianceCells(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_variance_cells AS
		WITH roster AS (SELECT user_id, workflow_area AS area, min(completed_on) AS completed_on FROM training GROUP BY ALL),
		wf AS (
			SELECT b.clinic_id, b.area, b.k,
				CAST(count(*) FILTER (WHERE r.user_id IS NOT NULL AND NOT coalesce(r.completed_on <= CAST(b.opened_at AS DATE), FALSE)) AS DOUBLE) AS tickets_untrained,
				CAST(count(*) AS DOUBLE) AS tickets,
				CAST(count(*) FILTER (WHERE b.kind = 'how_to') AS DOUBLE) AS how_to,
				CAST(count(*) FILTER (WHERE b.kind = 'how_to' AND r.user_id IS NOT NULL AND NOT coalesce(r.completed_on <= CAST(b.opened_at AS DATE), FALSE)) AS DOUBLE) AS how_to_untrained
			FROM attribution_ticket_base b LEFT JOIN roster r ON r.user_id = b.reporter_id AND r.area = b.area
			WHERE b.kind IN ('how_to', 'break_fix', 'build_request') AND b.area IS NOT NULL AND b.k >= 0 GROUP BY ALL
		),
		person_weeks AS (
			SELECT clinic_id, area, k, sum(untrained_share) AS untrained_users
			FROM attribution_user_weeks GROUP BY ALL
		),
		cells AS (
			SELECT d.clinic_id, d.area, d.k, d.users, least(coalesce(p.untrained_users, 0), d.users) AS untrained_users,
				coalesce(wf.tickets, 0) AS tickets, coalesce(wf.tickets_untrained, 0) AS tickets_untrained,
				coalesce(wf.how_to, 0) AS how_to, coalesce(wf.how_to_untrained, 0) AS how_to_untrained,
				coalesce(v.active_until > c.go_live_date + CAST(7 * d.k AS INTEGER), FALSE) AS variance_active
			FROM attribution_defect_cells d
			JOIN clinics c USING (clinic_id)
			LEFT JOIN wf USING (clinic_id, area, k)
			LEFT JOIN person_weeks p USING (clinic_id, area, k)
			LEFT JOIN attribution_variances v USING (clinic_id, area)
			ANTI JOIN attribution_incident_cells i USING (clinic_id, area, k)
		),
		peer AS (
			SELECT area, k,
				sum(tickets) AS a, sum(users) AS t,
				sum(tickets_untrained) AS a1, sum(untrained_users) AS t1,
				sum(tickets - tickets_untrained) AS a0, sum(users - untrained_users) AS t0,
				sum(how_to) AS h, sum(how_to_untrained) AS h1, sum(how_to - how_to_untrained) AS h0
			FROM cells WHERE NOT variance_active GROUP BY ALL
		),
		rates AS (
			SELECT *, a / nullif(t, 0) AS rate, a1 / nullif(t1, 0) AS rate_untrained, a0 / nullif(t0, 0) AS rate_trained,
				h / nullif(t, 0) AS how_to_rate, h1 / nullif(t1, 0) AS how_to_rate_untrained, h0 / nullif(t0, 0) AS how_to_rate_trained FROM peer
		)
		SELECT cells.*,
			CASE WHEN r.rate_untrained IS NULL OR r.rate_trained IS NULL THEN cells.users * r.rate
				ELSE cells.untrained_users * r.rate_untrained + (cells.users - cells.untrained_users) * r.rate_trained END AS expected,
			-- Sampling variance of that expectation: each peer rate is a Poisson count over its person-time.
			CASE WHEN r.rate_untrained IS NULL OR r.rate_trained IS NULL THEN cells.users ^ 2 * r.a / r.t ^ 2
				ELSE cells.untrained_users ^ 2 * r.a1 / r.t1 ^ 2 + (cells.users - cells.untrained_users) ^ 2 * r.a0 / r.t0 ^ 2 END AS expected_variance,
			cells.users * coalesce(r.rate_trained, r.rate) AS expected_if_trained,
			-- The how-to part of the same expectation: a variance's weight is measured per kind of ticket (how-to vs break-fix/build).
			CASE WHEN r.rate_untrained IS NULL OR r.rate_trained IS NULL THEN cells.users * r.how_to_rate
				ELSE cells.untrained_users * r.how_to_rate_untrained + (cells.users - cells.untrained_users) * r.how_to_rate_trained END AS expected_how_to,
			cells.users * coalesce(r.how_to_rate_trained, r.how_to_rate) AS expected_how_to_if_trained
		FROM cells LEFT JOIN rates r USING (area, k)`);
}

/**
 * Every clinic and area's workflow tickets since go-live against the expected count: the
 * same test as a variance's, for any clinic-area, so that a reader (and the benchmark) can
 * see how often areas without a variance would test significant.
 */
export function createAreaTests(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_area_tests AS
		SELECT clinic_id, area AS workflow_area, sum(tickets) AS observed, sum(expected) AS expected, sum(expected_variance) AS expected_variance,
			attribution_normal_upper(attribution_noisy_z(sum(tickets), sum(expected), sum(expected_variance))) AS p_value
		FROM attribution_variance_cells GROUP BY ALL`);
}

/**
 * Observed vs expected workflow tickets while each variance was active, with Byar's
 * approximation to the exact Poisson 95% CI of O/E, its one-sided p-value, and the
 * Benjamini-Hochberg q-value over all registered variances: `significant` (the list of
 * variances to fix) keeps the false discovery rate at `varianceFdr`. The weight a
 * variance gives its tickets is graded: the shrunken rate ratio (O + a) / (E + a), with a
 * gamma prior of mean 1 (no effect) whose variance 1 / a is the method-of-moments spread
 * of the registered variances' rate ratios around 1 (Clayton & Kaldor), so a small cell
 * is pulled towards no effect and a large one keeps its O/E. `excess_rate` is that
 * shrunken excess in units of a trained user's baseline rate (times E over what E would be
 * were every user trained), the scale of the per-ticket model (ticket-causes.ts): a variance
 * adds about the same tickets per user whether the user is trained or not.
 */
export function createVarianceEffect(): Sql {
	const s = ATTRIBUTION_SETTINGS;
	const sums = `(SELECT v.clinic_id, v.area AS workflow_area, any_value(v.descriptions) AS descriptions,
				any_value(v.unreconciled) AS unreconciled,
				any_value(CASE WHEN v.active_until = ${OPEN_ENDED} THEN NULL ELSE v.active_until END) AS reconciled_on,
				CAST(count(*) AS INTEGER) AS weeks, any_value(c.users) AS users,
				sum(c.tickets) AS observed, sum(c.expected) AS expected, sum(c.expected_variance) AS expected_variance, sum(c.expected_if_trained) AS expected_if_trained,
				sum(c.how_to) AS observed_how_to, sum(c.expected_how_to) AS expected_how_to, sum(c.expected_how_to_if_trained) AS expected_how_to_if_trained,
				attribution_normal_upper(attribution_noisy_z(sum(c.tickets), sum(c.expected), sum(c.expected_variance))) AS p_value,
				v.clinic_id || '|' || v.area AS pair
			FROM attribution_variances v
			JOIN attribution_variance_cells c ON c.clinic_id = v.clinic_id AND c.area = v.area AND c.variance_active
			GROUP BY v.clinic_id, v.area)`;
	return trusted(`CREATE OR REPLACE TABLE attribution_variance_effect AS
		WITH tested AS (${withBhQ(sums, 'p_value', 'pair')}),
		spread AS (
			SELECT sum(((observed - expected) ^ 2 - observed) / expected) / nullif(sum(expected), 0) AS tau2
			FROM tested WHERE expected > 0
		),
		prior AS (SELECT least(50, 1 / greatest(coalesce(tau2, 0), 0.02)) AS prior_a FROM spread)
		SELECT t.* EXCLUDE (pair), observed / nullif(expected, 0) AS oe,
			${byarLow('observed', 'expected', 'sqrt(1 + coalesce(expected_variance, 0) / expected)')} AS oe_low,
			${byarHigh('observed', 'expected', 'sqrt(1 + coalesce(expected_variance, 0) / expected)')} AS oe_high,
			observed - expected AS excess,
			prior_a,
			(observed + prior_a) / (expected + prior_a) AS oe_shrunk,
			greatest((observed + prior_a) / (expected + prior_a) - 1, 0) * expected / nullif(expected_if_trained, 0) AS excess_rate,
			-- The same shrunken excess per kind: how-to tickets, and break-fix/build requests (the rest).
			greatest((observed_how_to + prior_a) / (expected_how_to + prior_a) - 1, 0) * expected_how_to / nullif(expected_how_to_if_trained, 0) AS excess_rate_how_to,
			greatest((observed - observed_how_to + prior_a) / (expected - expected_how_to + prior_a) - 1, 0)
				* (expected - expected_how_to) / nullif(expected_if_trained - expected_how_to_if_trained, 0) AS excess_rate_break_fix,
			coalesce(q_value <= ${s.varianceFdr}, FALSE) AS significant
		FROM tested t, prior ORDER BY excess DESC`);
}
