/**
 * The stabilization scorecard: one row per clinic with its go-live, weeks to ticket
 * stabilization, productivity and billing-lag recovery weeks (each with its status against
 * the target and slow weeks), and its open backlog. Filters choose clinics only: every
 * clinic is measured over its whole timeline.
 */
import type { OverviewFilters } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, trusted, type Sql } from '../fragment';
import { naturalOrder } from '../overview';
import { billingClinicBaseline, billingRecovery } from './billing-lag';
import { productivityRecovery } from './productivity';
import { num, recoveryWhere, statusOf } from './scope';
import { stabilization } from './stabilization';

export function scorecard(f: OverviewFilters, s: RecoverySettings): Sql {
	const status = (week: string, last: string) => statusOf(week, last, s.targetWeek, s.slowAfterWeek);
	return sql`SELECT *,
			${status('tickets_week', 'tickets_last_week')} AS tickets_status,
			${status('productivity_week', 'productivity_last_week')} AS productivity_status,
			${status('billing_week', 'billing_last_week')} AS billing_status
		FROM (
			SELECT c.clinic_id, coalesce(c.clinic_name, c.clinic_id) AS clinic_name, coalesce(c.site, '(no site)') AS site,
				strftime(c.go_live_date, '%Y-%m-%d') AS go_live, c.go_live_date,
				st.recovery_week AS tickets_week, st.last_week AS tickets_last_week,
				pr.recovery_week AS productivity_week, pr.last_week AS productivity_last_week,
				br.recovery_week AS billing_week, br.last_week AS billing_last_week,
				${num(s.lagRecoveryRatio)} * bb.base_median AS billing_limit,
				CAST(coalesce(o.open_tickets, 0) AS INTEGER) AS open_tickets,
				coalesce(o.open_tickets, 0) * 100.0 / nullif(u.users, 0) AS open_per_100_users
			FROM clinics c
			LEFT JOIN (${stabilization(s)}) st USING (clinic_id)
			LEFT JOIN (${productivityRecovery(s)}) pr USING (clinic_id)
			LEFT JOIN (${billingRecovery(s)}) br USING (clinic_id)
			LEFT JOIN (${billingClinicBaseline(s)}) bb USING (clinic_id)
			LEFT JOIN (SELECT clinic_id, sum(open_tickets) AS open_tickets FROM overview_ticket_days GROUP BY ALL) o USING (clinic_id)
			LEFT JOIN clinic_users u USING (clinic_id)
			WHERE ${recoveryWhere(f, { dates: false })}
		) card
		ORDER BY go_live_date, ${trusted(naturalOrder('clinic_id'))}`;
}

/**
 * Each clinic's leading root cause: the cause with the most attributed tickets (sum of
 * weights) other than `unattributed`, and its share of all the clinic's tickets. Needs the
 * root-cause attribution (read from its pre-aggregate `attribution_cause_days`).
 */
export function topRootCauses(): Sql {
	return trusted(`WITH by_cause AS (
			SELECT clinic_id, root_cause, sum(tickets) AS tickets
			FROM attribution_cause_days GROUP BY ALL
		),
		ranked AS (
			SELECT *, tickets / sum(tickets) OVER (PARTITION BY clinic_id) AS share,
				row_number() OVER (PARTITION BY clinic_id ORDER BY root_cause = 'unattributed', tickets DESC, root_cause) AS rank
			FROM by_cause
		)
		SELECT clinic_id, root_cause, tickets, share FROM ranked WHERE rank = 1 AND root_cause <> 'unattributed'`);
}

/** The clinics the scorecard shows for the filters: the same test of the clinic list as its own. */
export function clinicsInScope(f: OverviewFilters): Sql {
	return sql`SELECT clinic_id FROM clinics WHERE ${recoveryWhere(f, { dates: false })}`;
}
