/**
 * The root-cause page's pre-aggregates, asked once per data (`once` in page/protocol.ts): none
 * depends on the filters, so the page computes its charts for any scope in JS from them
 * (attribution/cause-cube.ts) and a filter change never reaches DuckDB. Compact on purpose:
 * kept results ship them with a published report. Days are days since 1970-01-01; the cells
 * name their clinic and cause by row number in the clinic and cause lists.
 */
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { trusted, type Sql } from './fragment';
import { GROUPED_CLINIC_ORDER } from './overview';

const DAY = (column: string) => `CAST(date_diff('day', DATE '1970-01-01', ${column}) AS INTEGER)`;

/** The clinics of `attribution_cause_days`, numbered in the matrix's order: go-live, then the id as people count (as `rankedClinics` ranks them). */
const CLINIC_ORDER = `SELECT clinic_id, CAST(row_number() OVER (ORDER BY ${GROUPED_CLINIC_ORDER.text}) - 1 AS INTEGER) AS clinic_no
	FROM attribution_cause_days GROUP BY clinic_id`;

/** Per clinic, in go-live order: its name, site, go-live day and roster users (null without a roster). */
export function causeCubeClinics(): Sql {
	return trusted(`SELECT o.clinic_id, coalesce(any_value(d.clinic_name), o.clinic_id) AS clinic_name, any_value(d.site) AS site,
			${DAY('any_value(d.go_live_date)')} AS go_live_day, any_value(u.users) AS users
		FROM (${CLINIC_ORDER}) o JOIN attribution_cause_days d USING (clinic_id) LEFT JOIN clinic_users u USING (clinic_id)
		GROUP BY o.clinic_id, o.clinic_no ORDER BY o.clinic_no`);
}

/** The root causes the cells name, numbered by their row. */
export function causeCubeCauses(): Sql {
	return trusted(`SELECT DISTINCT root_cause FROM attribution_cause_days ORDER BY root_cause`);
}

/** `attribution_cause_days` as numbers: clinic number, day opened, cause number, attributed tickets, tickets touched. */
export function causeCubeCells(): Sql {
	return trusted(`WITH causes AS (SELECT root_cause, CAST(row_number() OVER (ORDER BY root_cause) - 1 AS TINYINT) AS cause_no FROM (${causeCubeCauses().text}))
		SELECT o.clinic_no, ${DAY('d.opened_on')} AS day, c.cause_no, d.tickets, d.touched
		FROM attribution_cause_days d JOIN (${CLINIC_ORDER}) o USING (clinic_id) JOIN causes c USING (root_cause)
		ORDER BY o.clinic_no, day, c.cause_no`);
}

/** Tickets that name no clinic, per site and day opened (the page's note; counted as `unassignedTickets` counts them). */
export function unassignedDays(): Sql {
	return trusted(`SELECT site, ${DAY('opened_on')} AS day, CAST(sum(tickets) AS INTEGER) AS tickets
		FROM overview_ticket_days WHERE clinic_id = '${UNASSIGNED_CLINIC}' GROUP BY site, opened_on ORDER BY day`);
}
