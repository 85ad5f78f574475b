/**
 * The week's action list: one row per action the data supports, with the excess tickets it
 * explains now and the tickets it would remove over the next weeks if done now. Built from
 * the attribution's tables (run after them); the estimator is stated in docs/methods.md
 * ("Action list") and in `ACTION_SETTINGS`.
 */
import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { beforeThinning } from '../export-thinning';
import { trusted, type Sql } from '../fragment';
import { ACTION_SETTINGS } from './settings';

const z = ATTRIBUTION_SETTINGS.z;

/** Byar's approximation to the exact Poisson 95% limits of a count `o`. */
export const byarLow = (o: string) => `CASE WHEN ${o} = 0 THEN 0 ELSE ${o} * pow(1 - 1 / (9 * ${o}) - ${z} / (3 * sqrt(${o})), 3) END`;
export const byarHigh = (o: string) => `(${o} + 1) * pow(1 - 1 / (9 * (${o} + 1)) + ${z} / (3 * sqrt(${o} + 1)), 3)`;

/**
 * "Now": the last `nowWeeks` complete calendar weeks (Monday start) before the last day with
 * tickets (before the export thins out, sql/export-thinning.ts); an action is done at `done_on`, the Monday after them, and its effect is counted
 * over the `aheadWeeks` weeks from then. A week is complete once the data reaches its Friday:
 * clinics raise few tickets at weekends, so an export taken on a weekend ends on a Friday.
 */
export function createActionHorizon(): Sql {
	const s = ACTION_SETTINGS;
	return trusted(`CREATE OR REPLACE TABLE action_horizon AS
		SELECT last_day, done_on, CAST(done_on - ${7 * s.nowWeeks} AS DATE) AS now_from, CAST(done_on - 1 AS DATE) AS now_to,
			CAST(done_on + ${7 * s.aheadWeeks - 1} AS DATE) AS ahead_to
		FROM (SELECT last_day, CAST(date_trunc('week', last_day + 3) AS DATE) AS done_on
			FROM (SELECT ${beforeThinning('(SELECT max(CAST(opened_at AS DATE)) FROM attribution_ticket_base)')} AS last_day))
		WHERE last_day IS NOT NULL`);
}

/**
 * How each action's tickets change with weeks since go-live, so the excess now can be carried
 * forward: per complete go-live week k, workflow tickets per roster user in clinic-areas
 * without an active variance or a defect (the curve variance and training excess follow),
 * and conversion tickets per clinic. Every clinic whose week k is complete counts (zero-filled).
 */
export function createActionCurves(): Sql {
	return trusted(`CREATE OR REPLACE TABLE action_curves AS
		WITH complete AS (
			SELECT c.clinic_id, CAST(unnest(generate_series(0, CAST(floor(date_diff('day', c.go_live_date, h.done_on) / 7) AS BIGINT) - 1)) AS INTEGER) AS k
			FROM clinics c, action_horizon h WHERE c.go_live_date IS NOT NULL AND c.go_live_date + 7 <= h.done_on
		),
		workflow AS (
			SELECT 'workflow' AS curve, v.k, sum(v.tickets) / nullif(sum(v.users), 0) AS rate
			FROM attribution_variance_cells v JOIN complete USING (clinic_id, k) WHERE NOT v.variance_active GROUP BY v.k
		),
		conversion_tickets AS (
			SELECT clinic_id, k, count(*) AS tickets FROM attribution_ticket_base WHERE kind = 'data_conversion' AND k >= 0 GROUP BY ALL
		),
		conversion AS (
			SELECT 'conversion' AS curve, c.k, avg(coalesce(t.tickets, 0)) AS rate
			FROM complete c LEFT JOIN conversion_tickets t USING (clinic_id, k) GROUP BY c.k
		)
		SELECT * FROM workflow UNION ALL SELECT * FROM conversion`);
}

/**
 * Per clinic and curve: the factor D that turns the excess per week now into the excess over
 * the weeks ahead, D = sum of rate(k+j), j = 1..aheadWeeks, over the mean rate of the weeks now.
 * Weeks beyond the last one any clinic has reached take the last rate measured (a flat tail).
 */
export function createActionDecay(): Sql {
	const s = ACTION_SETTINGS;
	return trusted(`CREATE OR REPLACE TABLE action_decay AS
		WITH clinic_now AS (
			SELECT c.clinic_id, CAST(floor(date_diff('day', c.go_live_date, h.done_on) / 7) AS INTEGER) - 1 AS k_last
			FROM clinics c, action_horizon h WHERE c.go_live_date IS NOT NULL
		),
		tail AS (SELECT curve, max(k) AS k_max, arg_max(rate, k) AS last_rate FROM action_curves GROUP BY curve),
		filled AS (
			SELECT n.clinic_id, n.k_last, t.curve, j,
				coalesce((SELECT rate FROM action_curves a WHERE a.curve = t.curve AND a.k = n.k_last + j), t.last_rate) AS rate
			FROM clinic_now n, tail t, generate_series(${1 - s.nowWeeks}, ${s.aheadWeeks}) g(j)
			WHERE n.k_last >= ${s.nowWeeks - 1} AND n.k_last <= t.k_max
		)
		SELECT clinic_id, curve, any_value(k_last) AS k_last,
			sum(rate) FILTER (WHERE j > 0) / nullif(avg(rate) FILTER (WHERE j <= 0), 0) AS decay
		FROM filled GROUP BY clinic_id, curve`);
}

/**
 * How much of a build-defect incident's weekly excess is still there in the weeks after its
 * last spiking week, from the incidents that ended before now: the sum, over the aheadWeeks
 * after, of each cell's excess (observed - expected, the incident's clinics and area), over
 * the excess of the last spiking week. Without such an incident the projection is not assessed.
 */
export function createDefectPersistence(): Sql {
	const s = ACTION_SETTINGS;
	return trusted(`CREATE OR REPLACE TABLE action_defect_persistence AS
		WITH ended AS (
			SELECT incident_id, any_value(area) AS area, max(week) AS last_week FROM attribution_incident_cells GROUP BY incident_id
			HAVING max(week) + ${7 * (s.aheadWeeks + 1)} <= (SELECT done_on FROM action_horizon)
		),
		last_cells AS (
			SELECT e.incident_id, i.clinic_id, i.observed - i.expected AS excess
			FROM ended e JOIN attribution_incident_cells i ON i.incident_id = e.incident_id AND i.week = e.last_week
		),
		after AS (
			SELECT e.incident_id, sum(greatest(d.observed - d.expected, 0)) AS excess
			FROM ended e JOIN last_cells l USING (incident_id)
			JOIN attribution_defect_cells d ON d.clinic_id = l.clinic_id AND d.area = e.area
				AND d.week > e.last_week AND d.week <= e.last_week + ${7 * s.aheadWeeks}
			GROUP BY e.incident_id
		)
		SELECT count(*) AS incidents, sum(coalesce(a.excess, 0)) / nullif((SELECT sum(excess) FROM last_cells), 0) AS persistence
		FROM ended e LEFT JOIN after a USING (incident_id)`);
}
