import { trusted, type Sql } from '../fragment';

/**
 * Tickets per clinic and complete week since go-live (zero-filled), the stabilization
 * forecast's input. A week is complete once the data reaches its Friday (as in the action list:
 * clinics raise few tickets at weekends).
 */
export function ticketWeekCounts(): Sql {
	return trusted(`WITH h AS (SELECT max(CAST(opened_at AS DATE)) AS last_day FROM ticket_facts),
		weeks AS (
			SELECT c.clinic_id, CAST(unnest(generate_series(0, CAST(floor((date_diff('day', c.go_live_date, h.last_day) + 3) / 7) AS BIGINT) - 1)) AS INTEGER) AS k
			FROM clinics c, h WHERE c.go_live_date IS NOT NULL AND c.go_live_date <= h.last_day
		),
		counts AS (SELECT clinic_id, go_live_week AS k, count(*) AS tickets FROM ticket_facts WHERE go_live_week >= 0 GROUP BY ALL)
		SELECT w.clinic_id, w.k, CAST(coalesce(n.tickets, 0) AS INTEGER) AS tickets
		FROM weeks w LEFT JOIN counts n USING (clinic_id, k) ORDER BY w.clinic_id, w.k`);
}
