import { trusted, type Sql } from './fragment';

/**
 * The overview's pre-aggregated tables, built once per load (after the analysis views), so a
 * filter change reads a few thousand rows instead of every ticket through the clinic join.
 * They keep the day a ticket was opened, so date filters stay exact to the day, and each
 * row's calendar and go-live week, so both axes read the same table.
 *
 * - `overview_ticket_days`: per clinic, day opened and category: tickets, and those still open.
 * - `overview_resolved_days`: per clinic and day resolved: tickets resolved, with the calendar
 *   and go-live week of that day (the backlog's closing side).
 * - `overview_resolve_times`: one narrow row per resolved ticket (clinic, site, day opened,
 *   go-live date, weeks, hours to resolve). Median and p90 are exact order statistics, so no
 *   histogram of a few thousand rows can hold them; this is the per-ticket part, without the join.
 */
export const OVERVIEW_TABLES = {
	overview_ticket_days: `
		SELECT clinic_id, any_value(clinic_name) AS clinic_name, any_value(site) AS site, any_value(go_live_date) AS go_live_date,
			CAST(opened_at AS DATE) AS opened_on, any_value(week) AS week, any_value(go_live_week) AS go_live_week, category,
			CAST(count(*) AS INTEGER) AS tickets, CAST(count(*) FILTER (WHERE resolved_at IS NULL) AS INTEGER) AS open_tickets
		FROM ticket_facts GROUP BY clinic_id, CAST(opened_at AS DATE), category`,
	overview_resolved_days: `
		SELECT clinic_id, any_value(site) AS site, CAST(resolved_at AS DATE) AS resolved_on,
			CAST(date_trunc('week', CAST(resolved_at AS DATE)) AS DATE) AS week,
			CAST(floor(date_diff('day', any_value(go_live_date), CAST(resolved_at AS DATE)) / 7) AS INTEGER) AS go_live_week,
			CAST(count(*) AS INTEGER) AS resolved
		FROM ticket_facts WHERE resolved_at IS NOT NULL
		GROUP BY clinic_id, CAST(resolved_at AS DATE)`,
	overview_resolve_times: `
		SELECT clinic_id, site, go_live_date, CAST(opened_at AS DATE) AS opened_on, week, go_live_week, hours_to_resolve
		FROM ticket_facts WHERE hours_to_resolve IS NOT NULL`
} as const;

export function createOverviewTables(): Sql[] {
	return Object.entries(OVERVIEW_TABLES).map(([name, body]) => trusted(`CREATE OR REPLACE TABLE ${name} AS ${body}`));
}
