/**
 * Query builders of the action-list page over `action_list`. Pure: filters in, SQL out.
 * The site and clinic filters keep the actions that touch a clinic in scope; "now" is always
 * the data's last complete weeks (the date range does not move it).
 */
import type { OverviewFilters } from '$lib/scope/filters';
import { list, sql, trusted, type Sql } from '../fragment';

function scopeWhere(f: OverviewFilters): Sql {
	const parts: Sql[] = [trusted('TRUE')];
	if (f.clinics.length > 0) parts.push(sql`EXISTS (SELECT 1 FROM clinics c WHERE list_contains(a.clinics, c.clinic_id) AND c.clinic_id IN ${list(f.clinics)})`);
	if (f.sites.length > 0) parts.push(sql`EXISTS (SELECT 1 FROM clinics c WHERE list_contains(a.clinics, c.clinic_id) AND c.site IN ${list(f.sites)})`);
	return parts.reduce((all, part) => sql`${all} AND ${part}`);
}

/** What the page shows of an action, with dates and lists as text. */
const ACTION_COLUMNS = trusted(`a.rank, a.action_id, a.kind, a.action, a.detail, a.clinic_id, a.workflow_area, a.incident_id,
			array_to_string(a.clinics, ', ') AS clinics, a.clinic_count, a.users_touched, array_to_string(a.users, ', ') AS users,
			a.tickets_touched, a.excess_per_week, a.excess_low, a.excess_high,
			a.removed_ahead, a.removed_low, a.removed_high, a.decay, a.decay_basis,
			a.observed, a.expected, a.rate_ratio, a.rr_low, a.rr_high`);

/** The actions in scope, best first, with dates and lists as text. */
export function actionRows(f: OverviewFilters): Sql {
	return sql`SELECT ${ACTION_COLUMNS} FROM action_list a WHERE ${scopeWhere(f)} ORDER BY a.rank`;
}

/**
 * Every action, best first, as `actionRows` gives them, with what its scope test reads: the
 * clinics of the action that the clinic list has (`scope_clinics`) and their sites
 * (`scope_sites`). It does not depend on the filters: the page asks it once per data and keeps
 * the actions in scope in JS (routes/actions/in-scope.ts), as `actionRows` would.
 */
export function allActionRows(): Sql {
	return sql`SELECT ${ACTION_COLUMNS},
			(SELECT list(c.clinic_id) FROM clinics c WHERE list_contains(a.clinics, c.clinic_id)) AS scope_clinics,
			(SELECT list(c.site) FROM clinics c WHERE list_contains(a.clinics, c.clinic_id) AND c.site IS NOT NULL) AS scope_sites
		FROM action_list a ORDER BY a.rank`;
}

/** The weeks the list speaks of, and what the loaded data can and cannot support. */
export function actionContext(): Sql {
	return trusted(`SELECT strftime(h.last_day, '%Y-%m-%d') AS last_day, strftime(h.now_from, '%Y-%m-%d') AS now_from,
			strftime(h.now_to, '%Y-%m-%d') AS now_to, strftime(h.done_on, '%Y-%m-%d') AS done_on, strftime(h.ahead_to, '%Y-%m-%d') AS ahead_to,
			(SELECT CAST(count(*) AS INTEGER) FROM training) AS roster_rows,
			(SELECT CAST(count(*) AS INTEGER) FROM workflow_variance) AS variance_rows,
			(SELECT CAST(count(*) AS INTEGER) FROM clinics WHERE go_live_date IS NOT NULL) AS clinics_dated,
			(SELECT CAST(count(*) AS INTEGER) FROM attribution_ticket_base WHERE area IS NOT NULL AND kind IN ('how_to', 'break_fix', 'build_request')) AS workflow_tickets,
			(SELECT CAST(count(*) AS INTEGER) FROM attribution_variances WHERE active_until > h.done_on) AS variances_active,
			(SELECT CAST(count(*) AS INTEGER) FROM attribution_variance_effect WHERE significant) AS variances_significant,
			(SELECT any_value(significant) FROM attribution_training_effect WHERE workflow_area IS NULL) AS training_significant,
			(SELECT any_value(rr_mh) FROM attribution_training_effect WHERE workflow_area IS NULL) AS training_rr,
			(SELECT CAST(count(*) AS INTEGER) FROM attribution_incidents) AS incidents,
			(SELECT any_value(incidents) FROM action_defect_persistence) AS incidents_ended,
			(SELECT CAST(count(*) AS INTEGER) FROM attribution_ticket_base b WHERE b.kind = 'data_conversion') AS conversion_tickets,
			(SELECT CAST(count(*) AS INTEGER) FROM action_list) AS actions
		FROM action_horizon h`);
}
