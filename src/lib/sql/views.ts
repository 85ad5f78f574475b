import { trusted, type Sql } from './fragment';
import { createOverviewTables } from './overview-tables';

/**
 * Analysis views over the canonical tables: each activity row gets its clinic's site,
 * its calendar week (ISO, Monday start) and its go-live week (whole weeks since the
 * clinic's own go-live; 0 is the go-live week, negative weeks are the baseline).
 * These names extend the public SQL surface and are documented in docs/sql.md.
 */
const goLiveWeek = (day: string) => `CAST(floor(date_diff('day', c.go_live_date, ${day}) / 7) AS INTEGER)`;

export const ANALYSIS_VIEWS = {
	clinic_users: `
		SELECT clinic_id, CAST(count(DISTINCT user_id) AS INTEGER) AS users
		FROM training GROUP BY clinic_id`,
	ticket_facts: `
		SELECT t.*, coalesce(c.clinic_name, t.clinic_id) AS clinic_name, c.site, c.go_live_date,
			CAST(date_trunc('week', t.opened_at) AS DATE) AS week,
			${goLiveWeek('CAST(t.opened_at AS DATE)')} AS go_live_week,
			date_diff('second', t.opened_at, t.resolved_at) / 3600.0 AS hours_to_resolve
		FROM tickets t LEFT JOIN clinics c USING (clinic_id)`,
	throughput_facts: `
		SELECT p.*, c.clinic_name, c.site, c.go_live_date,
			CAST(date_trunc('week', p.date) AS DATE) AS week,
			${goLiveWeek('p.date')} AS go_live_week
		FROM throughput p LEFT JOIN clinics c USING (clinic_id)`,
	billing_facts: `
		SELECT b.*, c.clinic_name, c.site, c.go_live_date,
			CAST(date_trunc('week', b.date_of_service) AS DATE) AS week,
			${goLiveWeek('b.date_of_service')} AS go_live_week,
			date_diff('day', b.date_of_service, b.charge_posted_on) AS charge_lag_days,
			date_diff('day', b.date_of_service, b.claim_submitted_on) AS billing_lag_days
		FROM billing b LEFT JOIN clinics c USING (clinic_id)`
} as const;

/** The analysis views, then the overview's pre-aggregates over them: rebuilt with every load, so never stale. */
export function createAnalysisRelations(): Sql[] {
	const views = Object.entries(ANALYSIS_VIEWS).map(([name, body]) => trusted(`CREATE OR REPLACE VIEW ${name} AS ${body}`));
	return [...views, ...createOverviewTables()];
}
