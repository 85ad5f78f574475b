import { beforeThinning } from '../export-thinning';
import { trusted, type Sql } from '../fragment';

/**
 * The recovery page's pre-aggregated tables, built once per load so that every filter
 * or rule change reads a few thousand rows instead of every visit and encounter. Nothing
 * here depends on a rule's threshold: thresholds apply at query time, as parameters.
 *
 * - `recovery_visit_weeks`: per clinic and week (calendar week x go-live week, so a clinic
 *   going live mid-week has two cells that week), provider-days and visits. A throughput row
 *   with a provider is one provider-day; a clinic-total row (no provider) counts as the clinic's
 *   `providers` provider-days, or as one clinic-day when that is unknown.
 * - `recovery_lag_days`: per clinic, day of service and lag in whole days (NULL = not yet
 *   posted or billed), the count of encounters, for `kind` 'billing' (claim) and 'charge'.
 *   A histogram: percentiles and shares over any set of days and clinics come from it exactly.
 * - `recovery_horizon`: the last day of each export (billing: its latest date of any kind;
 *   tickets: the day before the export thins out, if it does: sql/export-thinning.ts).
 */
export function createRecoveryTables(): Sql[] {
	return [
		trusted(`CREATE OR REPLACE TABLE recovery_visit_weeks AS
			SELECT p.clinic_id, any_value(p.site) AS site, any_value(p.go_live_date) AS go_live_date, p.week, p.go_live_week,
				CAST(sum(CASE WHEN p.provider_id IS NULL THEN coalesce(c.providers, 1) ELSE 1 END) AS DOUBLE) AS provider_days,
				CAST(sum(p.completed_visits) AS DOUBLE) AS completed,
				CAST(sum(CASE WHEN p.provider_id IS NULL THEN coalesce(c.providers, 1) ELSE 1 END)
					FILTER (WHERE p.scheduled_visits IS NOT NULL) AS DOUBLE) AS scheduled_provider_days,
				CAST(sum(p.scheduled_visits) AS DOUBLE) AS scheduled
			FROM throughput_facts p JOIN clinics c USING (clinic_id)
			WHERE p.go_live_week IS NOT NULL AND p.completed_visits IS NOT NULL
			GROUP BY p.clinic_id, p.week, p.go_live_week`),
		trusted(`CREATE OR REPLACE TABLE recovery_lag_days AS
			SELECT 'billing' AS kind, clinic_id, any_value(site) AS site, any_value(go_live_date) AS go_live_date,
				date_of_service AS service_date, any_value(week) AS week, any_value(go_live_week) AS go_live_week,
				CAST(billing_lag_days AS INTEGER) AS lag_days, CAST(count(*) AS DOUBLE) AS encounters,
				CAST(count(*) FILTER (WHERE denied) AS DOUBLE) AS denied, CAST(count(denied) AS DOUBLE) AS adjudicated
			FROM billing_facts WHERE go_live_week IS NOT NULL
			GROUP BY clinic_id, date_of_service, billing_lag_days
			UNION ALL
			SELECT 'charge', clinic_id, any_value(site), any_value(go_live_date), date_of_service, any_value(week), any_value(go_live_week),
				CAST(charge_lag_days AS INTEGER), CAST(count(*) AS DOUBLE), 0, 0
			FROM billing_facts WHERE go_live_week IS NOT NULL
			GROUP BY clinic_id, date_of_service, charge_lag_days`),
		trusted(`CREATE OR REPLACE TABLE recovery_horizon AS SELECT
			(SELECT greatest(max(date_of_service), max(charge_posted_on), max(claim_submitted_on)) FROM billing) AS billing_as_of,
			(SELECT max(date) FROM throughput) AS visits_last_day,
			${beforeThinning('(SELECT CAST(max(opened_at) AS DATE) FROM tickets)')} AS tickets_last_day`)
	];
}
