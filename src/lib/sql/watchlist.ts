/**
 * The Overview's watchlist: which clinics are furthest above their peers now. For each clinic live
 * for at least two whole weeks, its tickets over its last two go-live weeks observed whole (O)
 * against what its users would raise at the rate of its peers, every other clinic observed
 * whole in those same weeks since go-live (E = users x peer tickets per user, week by week).
 * The page turns O and E into excess tickets per 100 users per week with a Poisson interval
 * (overview/watchlist.ts); the method is in docs/methods.md. Needs go-live dates and the
 * training roster (users per clinic).
 */
import type { OverviewFilters } from '$lib/scope/filters';
import { join, list, sql, trusted, type Sql } from './fragment';

/** Weeks since go-live compared: the clinic's last two observed whole. */
export const WATCH_WEEKS = 2;

/** `lastDay`: the export's last day of tickets (YYYY-MM-DD): "now". */
export function watchlist(f: OverviewFilters, lastDay: string, firstDay: string): Sql {
	const scope: Sql[] = [trusted('TRUE')];
	if (f.sites.length > 0) scope.push(sql`l.site IN ${list(f.sites)}`);
	if (f.clinics.length > 0) scope.push(sql`l.clinic_id IN ${list(f.clinics)}`);
	return sql`WITH span AS (SELECT CAST(${firstDay} AS DATE) AS first, CAST(${lastDay} AS DATE) AS last),
		live AS (
			SELECT c.clinic_id, coalesce(c.clinic_name, c.clinic_id) AS clinic_name, coalesce(c.site, '(no site)') AS site, c.go_live_date AS g, u.users
			FROM clinics c JOIN clinic_users u USING (clinic_id)
			WHERE c.go_live_date IS NOT NULL AND u.users > 0
		),
		weeks AS (
			SELECT clinic_id, users, CAST(unnest(generate_series(
				CAST(ceil(date_diff('day', g, span.first) / 7) AS BIGINT),
				CAST(floor((date_diff('day', g, span.last) - 6) / 7) AS BIGINT))) AS INTEGER) AS k
			FROM live, span
		),
		counts AS (SELECT clinic_id, go_live_week AS k, sum(tickets) AS tickets FROM overview_ticket_days WHERE go_live_week IS NOT NULL GROUP BY ALL),
		observed AS (SELECT w.clinic_id, w.users, w.k, coalesce(n.tickets, 0) AS tickets FROM weeks w LEFT JOIN counts n USING (clinic_id, k)),
		totals AS (SELECT k, sum(tickets) AS tickets, sum(users) AS users, count(*) AS clinics FROM observed GROUP BY k),
		recent AS (
			SELECT clinic_id, max(k) AS k_last FROM observed GROUP BY clinic_id HAVING max(k) >= ${trusted(String(WATCH_WEEKS - 1))}
		),
		compared AS (
			SELECT o.clinic_id, any_value(r.k_last) AS k_last, any_value(o.users) AS users,
				sum(o.tickets) AS observed,
				sum(o.users * (t.tickets - o.tickets) / nullif(t.users - o.users, 0)) AS expected,
				min(t.clinics - 1) AS peers
			FROM observed o JOIN recent r USING (clinic_id) JOIN totals t USING (k)
			WHERE o.k > r.k_last - ${trusted(String(WATCH_WEEKS))}
			GROUP BY o.clinic_id
		)
		SELECT l.clinic_id, l.clinic_name, l.site, strftime(l.g, '%Y-%m-%d') AS go_live, c.k_last,
			CAST(c.users AS INTEGER) AS users, CAST(c.observed AS INTEGER) AS observed, c.expected, CAST(c.peers AS INTEGER) AS peers
		FROM compared c JOIN live l USING (clinic_id)
		WHERE ${join(scope, ' AND ')}
		ORDER BY l.clinic_id`;
}
