/**
 * The recovery charts' pre-aggregates: what every chart of the page is computed from, in the
 * page, for any scope and rules (`$lib/recovery/cube`). None depends on the filters or the
 * rules, so the page asks each once per data (`once` in page/protocol.ts) and a filter change
 * never reaches DuckDB. Dates are whole days since 1970-01-01 (calendar weeks by their
 * Monday), as `bucketOf` keys them; a NULL lag is an encounter not yet posted or billed.
 */
import { sql, trusted, type Sql } from '../fragment';
import { assigned } from '../overview';

const day = (column: string) => `CAST(date_diff('day', DATE '1970-01-01', ${column}) AS INTEGER)`;

/** DNFB looks back at most this many days (the rules' window maximum): longer lags all count as "not billed yet" there. */
export const DNFB_LAG_CAP = 120;

/** Each clinic of the recovery tables: its site and go-live day, and its wave (the Monday of its go-live week, as the roll-ups name it). */
export function recoveryClinicsCube(): Sql {
	return trusted(`SELECT clinic_id, any_value(site) AS site, ${day('any_value(go_live_date)')} AS go_live_day,
			strftime(date_trunc('week', any_value(go_live_date)), '%Y-%m-%d') AS wave
		FROM (SELECT clinic_id, site, go_live_date FROM recovery_visit_weeks UNION ALL SELECT clinic_id, site, go_live_date FROM recovery_lag_days) c
		GROUP BY clinic_id ORDER BY clinic_id`);
}

/** `recovery_visit_weeks` with its weeks as day numbers: productivity for any scope and baseline. */
export function visitWeeksCube(): Sql {
	return trusted(`SELECT clinic_id, ${day('week')} AS week, CAST(go_live_week AS INTEGER) AS go_live_week,
			provider_days, completed, scheduled_provider_days, scheduled
		FROM recovery_visit_weeks ORDER BY clinic_id, week, go_live_week`);
}

/**
 * Clinic × calendar week × go-live week × kind × lag: the lag histogram by week. Percentiles
 * of any set of clinics and weeks are exact from it (merged counts per lag value), and so are
 * the late shares and denial rates.
 */
export function lagWeeksCube(): Sql {
	return trusted(`SELECT clinic_id, ${day('week')} AS week, CAST(go_live_week AS INTEGER) AS go_live_week, kind = 'billing' AS billing, lag_days,
			CAST(sum(encounters) AS INTEGER) AS encounters, CAST(sum(denied) AS INTEGER) AS denied, CAST(sum(adjudicated) AS INTEGER) AS adjudicated
		FROM recovery_lag_days GROUP BY ALL ORDER BY clinic_id, week, go_live_week, billing, lag_days`);
}

/** Clinic × day of service × billing lag (capped at DNFB_LAG_CAP): the DNFB stock at any day, for any window and hold days. */
export function lagDaysCube(): Sql {
	return sql`SELECT clinic_id, ${trusted(day('service_date'))} AS day, ${trusted(day('any_value(week)'))} AS week, CAST(any_value(go_live_week) AS INTEGER) AS go_live_week,
			CASE WHEN lag_days > ${DNFB_LAG_CAP} THEN ${DNFB_LAG_CAP} ELSE lag_days END AS lag, CAST(sum(encounters) AS INTEGER) AS encounters
		FROM recovery_lag_days WHERE kind = 'billing' GROUP BY clinic_id, service_date, lag ORDER BY clinic_id, day, lag`;
}

/** The billing export's last date (of any kind) and its first and last dates of service. */
export function billingHorizonCube(): Sql {
	return trusted(`SELECT ${day('any_value(billing_as_of)')} AS as_of, ${day('min(service_date)')} AS first_day, ${day('max(service_date)')} AS last_day
		FROM recovery_horizon, recovery_lag_days WHERE kind = 'billing'`);
}

/** Every clinic with its site: the scorecard's clinics in scope, by `clinicInScope`. */
export function clinicSitesCube(): Sql {
	return trusted(`SELECT clinic_id, site FROM clinics`);
}

/** Tickets that name no clinic, by site and day opened: the page's note for any scope. */
export function unassignedDaysCube(): Sql {
	return sql`SELECT site, clinic_id, ${trusted(day('opened_on'))} AS day, CAST(sum(tickets) AS INTEGER) AS tickets
		FROM overview_ticket_days WHERE NOT ${assigned} GROUP BY ALL ORDER BY day`;
}
