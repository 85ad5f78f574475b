/**
 * The Overview's pre-aggregates for filter changes in the page: four small results over the
 * tables of overview-tables.ts that do not depend on the filters. The page asks each once per
 * data (`once`, page/protocol.ts) and computes every figure for any scope from them in JS
 * (overview/cube.ts), so a change of site, clinic, dates or axis never reaches DuckDB.
 * Days and calendar weeks are days since 1970-01-01; rows come per clinic, in day order.
 */
import { trusted, type Sql } from './fragment';
import { naturalOrder } from './overview';

const DAYS = (date: string) => `CAST(date_diff('day', DATE '1970-01-01', ${date}) AS INTEGER)`;

/**
 * One row per clinic the tickets name, in the heatmap's order (go-live date, then the id as
 * people count); `id_order` ranks the ids as SQL compares them (the heatmap's tie-break).
 */
export function cubeClinics(): Sql {
	return trusted(`SELECT clinic_id, coalesce(any_value(d.clinic_name), clinic_id) AS clinic_name, any_value(d.site) AS site,
			${DAYS('any_value(d.go_live_date)')} AS go_live_day, any_value(u.users) AS users,
			CAST(row_number() OVER (ORDER BY clinic_id) AS INTEGER) AS id_order
		FROM overview_ticket_days d LEFT JOIN clinic_users u USING (clinic_id)
		GROUP BY clinic_id ORDER BY any_value(d.go_live_date) NULLS LAST, ${naturalOrder('clinic_id')}`);
}

/** Tickets and those still open per clinic, day opened and category (`overview_ticket_days`). */
export function cubeTicketDays(): Sql {
	return trusted(`SELECT clinic_id, ${DAYS('opened_on')} AS day, ${DAYS('week')} AS week, go_live_week, category, tickets, open_tickets
		FROM overview_ticket_days ORDER BY clinic_id, opened_on, category`);
}

/** Tickets resolved per clinic and day resolved, with that day's weeks (`overview_resolved_days`). */
export function cubeResolvedDays(): Sql {
	return trusted(`SELECT clinic_id, ${DAYS('week')} AS week, go_live_week, resolved
		FROM overview_resolved_days ORDER BY clinic_id, resolved_on`);
}

/**
 * Per clinic and day opened, the sorted seconds each resolved ticket took: hours = seconds /
 * 3600, the very double `ticket_facts.hours_to_resolve` holds, so medians and p90s computed
 * from these cells are the exact ones (whole seconds keep the result small).
 */
export function cubeResolveTimes(): Sql {
	return trusted(`SELECT clinic_id, ${DAYS('opened_on')} AS day, ${DAYS('week')} AS week, go_live_week,
			list(CAST(round(hours_to_resolve * 3600) AS INTEGER) ORDER BY hours_to_resolve) AS seconds
		FROM overview_resolve_times GROUP BY clinic_id, opened_on, week, go_live_week ORDER BY clinic_id, opened_on`);
}
