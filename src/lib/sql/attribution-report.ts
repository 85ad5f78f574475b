/**
 * Query builders of the root-cause page over `ticket_root_cause` and the attribution's
 * effect tables. Pure: filters and selections in, SQL values out.
 */
import type { Drill } from '$lib/attribution/drill';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import type { OverviewFilters } from '$lib/scope/filters';
import { sql, trusted, type Sql } from './fragment';
import { assigned, bucketOf, FIRST_CLINICS, GROUPED_CLINIC_ORDER, onAxis, rankedClinics, ticketWhere } from './overview';

const ATTRIBUTED = trusted('ticket_root_cause r JOIN ticket_facts USING (ticket_id)');

/** Filters over `attribution_cause_days`, the page's pre-aggregate (one row per clinic, day and cause). */
const cubeWhere = (f: OverviewFilters): Sql => ticketWhere(f, { day: trusted('opened_on') });

/**
 * Attributed tickets (sum of weights) per week and root cause. Only the go-live axis needs a
 * go-live week: on calendar weeks, tickets of clinics without one ("unassigned", a ticket export
 * alone) count, as they do in the cause totals.
 */
export function causeByWeek(f: OverviewFilters): Sql {
	return sql`SELECT ${bucketOf(f.axis)} AS k, root_cause, sum(tickets) AS tickets
		FROM attribution_cause_days WHERE ${cubeWhere(f)} AND ${onAxis(f.axis)}
		GROUP BY ALL ORDER BY k`;
}

/** Attributed tickets per clinic and root cause, and per 100 users of the clinic's roster (the first `HEATMAP_CLINICS` clinics). */
export function causeByClinic(f: OverviewFilters): Sql {
	// A per-clinic measure: tickets that name no clinic are left out (the page says how many).
	const where = sql`${cubeWhere(f)} AND ${assigned}`;
	return sql`WITH ranked AS (${rankedClinics(trusted('attribution_cause_days'), where)})
		SELECT clinic_id, coalesce(any_value(clinic_name), clinic_id) AS clinic_name, root_cause,
			sum(tickets) AS tickets, sum(tickets) * 100.0 / nullif(any_value(u.users), 0) AS per_100_users,
			CAST(any_value(r.clinics_in_scope) AS INTEGER) AS clinics_in_scope
		FROM attribution_cause_days JOIN ranked r USING (clinic_id) LEFT JOIN clinic_users u USING (clinic_id)
		WHERE ${where} AND ${FIRST_CLINICS}
		GROUP BY clinic_id, root_cause ORDER BY ${GROUPED_CLINIC_ORDER}`;
}

/** Attributed tickets per root cause. */
export function causeTotals(f: OverviewFilters): Sql {
	return sql`SELECT root_cause, sum(tickets) AS tickets, CAST(sum(touched) AS INTEGER) AS touched
		FROM attribution_cause_days WHERE ${cubeWhere(f)} GROUP BY ALL`;
}

/** What the data cannot support, counted, so the page can say it. */
export function attributionLimits(): Sql {
	return trusted(`SELECT CAST(count(*) AS INTEGER) AS tickets,
			CAST(count(*) FILTER (WHERE b.kind IN ('how_to', 'break_fix', 'build_request') AND b.area IS NULL) AS INTEGER) AS no_area,
			CAST(count(*) FILTER (WHERE b.reporter_id IS NULL) AS INTEGER) AS no_reporter,
			CAST(count(*) FILTER (WHERE b.kind = 'how_to' AND b.area IS NOT NULL AND b.reporter_id IS NOT NULL AND tr.user_id IS NULL) AS INTEGER) AS not_in_roster,
			CAST(count(*) FILTER (WHERE b.kind IS NULL) AS INTEGER) AS no_cause_named,
			CAST(count(*) FILTER (WHERE b.text_match IS NOT NULL) AS INTEGER) AS from_description,
			CAST(count(*) FILTER (WHERE b.k < 0) AS INTEGER) AS before_go_live,
			CAST(count(*) FILTER (WHERE b.k IS NULL AND b.clinic_id IS DISTINCT FROM '${UNASSIGNED_CLINIC}') AS INTEGER) AS unknown_clinic,
			(SELECT CAST(count(*) AS INTEGER) FROM training) AS roster_rows,
			(SELECT CAST(count(*) AS INTEGER) FROM workflow_variance) AS variance_rows
		FROM attribution_ticket_base b
		LEFT JOIN (SELECT DISTINCT user_id, workflow_area FROM training) tr ON tr.user_id = b.reporter_id AND tr.workflow_area = b.area`);
}

export function trainingEffects(): Sql {
	return trusted(`SELECT e.*, r.source AS weights_from, r.heterogeneity_q, r.heterogeneity_df, r.heterogeneity_p
		FROM attribution_training_effect e LEFT JOIN attribution_training_rates r USING (workflow_area)
		ORDER BY e.workflow_area NULLS FIRST`);
}

export function varianceEffects(): Sql {
	return trusted(`SELECT v.*, coalesce(c.clinic_name, v.clinic_id) AS clinic_name, strftime(v.reconciled_on, '%Y-%m-%d') AS reconciled
		FROM attribution_variance_effect v LEFT JOIN clinics c USING (clinic_id)
		ORDER BY v.significant DESC, v.excess DESC`);
}

export function incidents(): Sql {
	return trusted(`SELECT incident_id, workflow_area, first_day, last_day, clinic_count, array_to_string(clinics, ', ') AS clinics,
			observed, expected, excess_tickets, rule FROM attribution_incidents ORDER BY first_day`);
}

function drillWhere(d: Drill, f: OverviewFilters): Sql {
	switch (d.by) {
		case 'cause':
			return sql`r.root_cause = ${d.cause} AND ${ticketWhere(f)}`;
		case 'cause-week':
			return sql`r.root_cause = ${d.cause} AND ${bucketOf(f.axis)} = ${d.k} AND ${ticketWhere(f)}`;
		case 'clinic-cause':
			return sql`r.root_cause = ${d.cause} AND clinic_id = ${d.clinic} AND ${ticketWhere(f)}`;
		case 'variance':
			return sql`r.root_cause = 'workflow_variance' AND clinic_id = ${d.clinic} AND workflow_area = ${d.area}`;
		case 'incident':
			return sql`r.root_cause = 'build_defect' AND ticket_id IN (
				SELECT b.ticket_id FROM attribution_ticket_base b JOIN attribution_incident_cells i
					ON i.clinic_id = b.clinic_id AND i.area = b.area AND i.k = b.k
				WHERE i.incident_id = ${d.incident} AND b.kind IN ('break_fix', 'build_request'))`;
		case 'training':
			return d.area === null ? sql`r.root_cause = 'missed_training'` : sql`r.root_cause = 'missed_training' AND workflow_area = ${d.area}`;
		case 'training-gap':
			return sql`r.root_cause = 'missed_training' AND clinic_id = ${d.clinic} AND workflow_area = ${d.area}`;
	}
}

export const DRILL_LIMIT = 500;

/** The tickets behind a chart cell or an effect, with the evidence for that cause. */
export function drillTickets(d: Drill, f: OverviewFilters): Sql {
	return sql`SELECT ticket_id, strftime(opened_at, '%Y-%m-%d %H:%M') AS opened, clinic_id, workflow_area, category,
			short_description, r.root_cause, round(r.weight, 2) AS weight, r.evidence,
			CAST(count(*) OVER () AS INTEGER) AS matching
		FROM ${ATTRIBUTED} WHERE ${drillWhere(d, f)}
		ORDER BY r.weight DESC, opened_at, ticket_id LIMIT ${trusted(String(DRILL_LIMIT))}`;
}
