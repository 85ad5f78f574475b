/**
 * Ticket stabilization, with the noise of counts accounted for. Per clinic and complete week
 * since go-live (zero-filled): its tickets, and tickets per 100 users (its training roster).
 *
 * - Steady level m: the clinic's own mean tickets a week over its last `steadyWeeks` complete
 *   weeks, when all of them are at or after week `steadyFrom` and they agree with one level
 *   (their Pearson χ² about their mean, over the dispersion φ, is below the 99.9% point of
 *   χ² with steadyWeeks − 1 degrees of freedom). Otherwise (live too briefly, or still
 *   changing at the end of the data) its peers' level: the pooled rate per 100 users of the
 *   other clinics' steady weeks, at its own number of users. Neither: not assessed.
 * - Dispersion φ (quasi-Poisson): the pooled Pearson χ² of the clinics' steady weeks about
 *   their own means, per degree of freedom, at least 1 (Poisson). Clinics whose weeks do not
 *   agree with one level even as Poisson counts are left out of it, so that a clinic still
 *   changing does not widen every clinic's limit (nor its own).
 * - Upper limit of a week's count (a one-sided prediction limit on the square-root scale,
 *   where a Poisson count's variance is about 1/4): U = (√m + z/2 · √(φ (1 + 1/steadyWeeks)))².
 *   A week is within the rule when its count is at most U; in rate terms, 100 U / users.
 *
 * With the defaults (z = 2.5, 8 steady weeks, φ = 1) a 5-ticket clinic allows weeks up to 12
 * tickets (a week of 8 is noise), a 500-ticket clinic up to 561: the limit widens with √m, not m.
 */
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, type Sql } from '../fragment';
import { firstRun, int, num } from './scope';

/** 99.9% points of χ² with 1..11 degrees of freedom (the steady window's weeks − 1). */
const CHI2_999 = [10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588, 31.264];

/**
 * Per clinic and complete week since go-live: tickets, users, rate per 100 users, the steady level and the limit (both per 100 users), and where the level came from.
 * The peers' pooled rate (`pooled`) is used only for a clinic without a level of its own, which is
 * then not among the peers: so it is one rate for all clinics. (A subquery leaving out each clinic
 * joined every clinic with every other: quadratic in the clinics.)
 */
export function ticketWeekRates(s: RecoverySettings): Sql {
	const chi2 = CHI2_999[s.steadyWeeks - 2] ?? CHI2_999[CHI2_999.length - 1] ?? 31.264;
	return sql`WITH weeks AS (
			SELECT c.clinic_id, CAST(unnest(generate_series(0,
				CAST(floor((date_diff('day', c.go_live_date, h.tickets_last_day) + 1) / 7) AS BIGINT) - 1)) AS INTEGER) AS k
			FROM clinics c, recovery_horizon h WHERE c.go_live_date IS NOT NULL AND c.go_live_date <= h.tickets_last_day
		),
		counts AS (SELECT clinic_id, go_live_week AS k, sum(tickets) AS tickets FROM overview_ticket_days WHERE go_live_week >= 0 GROUP BY ALL),
		rates AS (
			SELECT w.clinic_id, w.k, CAST(coalesce(n.tickets, 0) AS INTEGER) AS tickets, u.users, coalesce(n.tickets, 0) * 100.0 / u.users AS rate,
				max(w.k) OVER (PARTITION BY w.clinic_id) AS last_k
			FROM weeks w JOIN clinic_users u USING (clinic_id) LEFT JOIN counts n USING (clinic_id, k) WHERE u.users > 0
		),
		window_weeks AS (
			SELECT *, avg(tickets) OVER (PARTITION BY clinic_id) AS mean FROM rates
			WHERE k > last_k - ${int(s.steadyWeeks)} AND last_k - ${int(s.steadyWeeks)} + 1 >= ${int(s.steadyFrom)}
		),
		windows AS (
			SELECT clinic_id, any_value(mean) AS mean, any_value(users) AS users, sum(tickets) AS tickets, count(*) AS n,
				coalesce(sum((tickets - mean) ^ 2 / nullif(mean, 0)), 0) AS pearson
			FROM window_weeks GROUP BY clinic_id
		),
		dispersion AS (
			SELECT greatest(1.0, coalesce(sum(pearson) / nullif(sum(n - 1), 0), 1.0)) AS phi FROM windows WHERE pearson <= ${num(chi2)}
		),
		own AS (
			SELECT w.clinic_id, w.mean FROM windows w, dispersion d WHERE w.pearson <= d.phi * ${num(chi2)}
		),
		pooled AS (
			SELECT sum(p.tickets) * 100.0 / sum(p.n * p.users) AS rate FROM windows p JOIN own q USING (clinic_id)
		),
		reference AS (
			SELECT r.clinic_id, r.users,
				coalesce(o.mean, pooled.rate * r.users / 100.0) AS mean,
				CASE WHEN o.clinic_id IS NOT NULL THEN 'own' ELSE 'peers' END AS source
			FROM (SELECT DISTINCT clinic_id, users FROM rates) r LEFT JOIN own o USING (clinic_id), pooled
		),
		limits AS (
			SELECT f.clinic_id, f.mean, f.users, CASE WHEN f.mean IS NOT NULL THEN f.source END AS level_source,
				(sqrt(f.mean) + ${num(s.stabilizationZ)} / 2 * sqrt(d.phi * (1 + 1.0 / ${int(s.steadyWeeks)}))) ^ 2 AS count_limit
			FROM reference f, dispersion d
		)
		SELECT r.clinic_id, r.k, r.tickets, r.users, r.rate, l.mean * 100.0 / r.users AS level, l.count_limit,
			l.count_limit * 100.0 / r.users AS rate_limit, l.level_source
		FROM rates r LEFT JOIN limits l USING (clinic_id)`;
}

/**
 * Per clinic: weeks to stabilization (the first week since go-live of `stabilizationWeeks`
 * consecutive complete weeks with a count within the limit), and the last complete week. A
 * clinic without a steady level (its own or its peers') has no limit: not stabilized.
 */
export function stabilization(s: RecoverySettings): Sql {
	return firstRun(sql`SELECT clinic_id, k, coalesce(tickets <= count_limit, FALSE) AS ok FROM (${ticketWeekRates(s)}) t`, s.stabilizationWeeks);
}
