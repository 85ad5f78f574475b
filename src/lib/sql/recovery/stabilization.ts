/**
 * Ticket stabilization: tickets per 100 users (the clinic's training roster) per complete
 * week since go-live, zero-filled, against a reference level: the clinic's mean rate over
 * weeks referenceFrom..referenceTo after go-live. A week is within the rule when its rate is
 * at most factor x that level (`level`), or at most the level's upper u-chart limit,
 * level + sigmas x sqrt(level / (users / 100)) (`control`).
 */
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, type Sql } from '../fragment';
import { firstRun, int, num } from './scope';

/** Per clinic and complete week since go-live: tickets, users, rate per 100 users, the reference level and the rule's limit on the rate. */
export function ticketWeekRates(s: RecoverySettings): Sql {
	return sql`WITH weeks AS (
			SELECT c.clinic_id, CAST(unnest(generate_series(0,
				CAST(floor((date_diff('day', c.go_live_date, h.tickets_last_day) + 1) / 7) AS BIGINT) - 1)) AS INTEGER) AS k
			FROM clinics c, recovery_horizon h WHERE c.go_live_date IS NOT NULL AND c.go_live_date <= h.tickets_last_day
		),
		counts AS (SELECT clinic_id, go_live_week AS k, sum(tickets) AS tickets FROM overview_ticket_days WHERE go_live_week >= 0 GROUP BY ALL),
		rates AS (
			SELECT w.clinic_id, w.k, CAST(coalesce(n.tickets, 0) AS INTEGER) AS tickets, u.users, coalesce(n.tickets, 0) * 100.0 / u.users AS rate
			FROM weeks w JOIN clinic_users u USING (clinic_id) LEFT JOIN counts n USING (clinic_id, k) WHERE u.users > 0
		),
		reference AS (
			SELECT clinic_id, avg(rate) AS level FROM rates WHERE k BETWEEN ${int(s.referenceFrom)} AND ${int(s.referenceTo)}
			GROUP BY clinic_id HAVING count(*) = ${int(s.referenceTo)} - ${int(s.referenceFrom)} + 1
		)
		SELECT r.*, ref.level,
			CASE WHEN ${s.stabilizationRule} = 'level' THEN ${num(s.stabilizationFactor)} * ref.level
				ELSE ref.level + ${num(s.stabilizationSigmas)} * sqrt(ref.level * 100.0 / r.users) END AS rate_limit
		FROM rates r LEFT JOIN reference ref USING (clinic_id)`;
}

/**
 * Per clinic: weeks to stabilization (the first week since go-live of `stabilizationWeeks`
 * consecutive complete weeks within the rule), and the last complete week. A clinic not yet
 * observed through its reference weeks has no rule to meet: its weeks count as not within it.
 */
export function stabilization(s: RecoverySettings): Sql {
	return firstRun(sql`SELECT clinic_id, k, coalesce(rate <= rate_limit, FALSE) AS ok FROM (${ticketWeekRates(s)}) t`, s.stabilizationWeeks);
}
