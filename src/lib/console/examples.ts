/** Example queries over the documented tables and views, offered in the console (and docs/sql.md). */
export interface Example {
	readonly title: string;
	readonly sql: string;
}

export const EXAMPLES: readonly Example[] = [
	{
		title: 'Physicians in wave 2 with more than five how-to tickets on orders in their go-live week',
		sql: `-- Waves are the distinct go-live dates, in order.
WITH waves AS (
  SELECT clinic_id, dense_rank() OVER (ORDER BY go_live_date) AS wave FROM clinics
),
physicians AS (
  SELECT DISTINCT user_id, clinic_id FROM training WHERE role = 'physician'
)
SELECT t.reporter_id, t.clinic_id, t.clinic_name, count(*) AS how_to_tickets
FROM ticket_facts t
JOIN waves w USING (clinic_id)
JOIN physicians p ON p.user_id = t.reporter_id
WHERE w.wave = 2
  AND t.category = 'how_to'
  AND t.workflow_area = 'orders'
  AND t.go_live_week = 0
GROUP BY ALL
HAVING count(*) > 5
ORDER BY how_to_tickets DESC;`
	},
	{
		title: 'Tickets per week since go-live, by category (chart: stacked bar)',
		sql: `SELECT go_live_week, category, count(*) AS tickets
FROM ticket_facts
WHERE go_live_week BETWEEN -2 AND 12
GROUP BY ALL
ORDER BY go_live_week, category;`
	},
	{
		title: 'Tickets per 100 users by clinic and calendar week (chart: heatmap)',
		sql: `SELECT t.clinic_id, t.week, round(100.0 * count(*) / any_value(u.users), 1) AS per_100_users
FROM ticket_facts t
JOIN clinic_users u USING (clinic_id)
GROUP BY ALL
ORDER BY t.clinic_id, t.week;`
	},
	{
		title: 'Attributed tickets by root cause and site',
		sql: `SELECT t.site, r.root_cause, round(sum(r.weight), 1) AS attributed_tickets
FROM ticket_root_cause r
JOIN ticket_facts t USING (ticket_id)
GROUP BY ALL
ORDER BY t.site, attributed_tickets DESC;`
	},
	{
		title: 'Why one clinic’s tickets were raised: causes and evidence',
		sql: `SELECT t.ticket_id, t.opened_at, t.category, t.workflow_area, r.root_cause, round(r.weight, 2) AS weight, r.evidence
FROM ticket_root_cause r
JOIN ticket_facts t USING (ticket_id)
WHERE t.clinic_id = (SELECT min(clinic_id) FROM clinics)
ORDER BY t.opened_at, r.weight DESC
LIMIT 200;`
	},
	{
		title: 'Median and p90 hours to resolve by week since go-live (chart: line)',
		sql: `SELECT go_live_week,
  quantile_cont(hours_to_resolve, 0.5) AS median_hours,
  quantile_cont(hours_to_resolve, 0.9) AS p90_hours
FROM ticket_facts
WHERE hours_to_resolve IS NOT NULL
GROUP BY ALL
ORDER BY go_live_week;`
	},
	{
		title: 'Visits completed vs scheduled by week since go-live',
		sql: `SELECT go_live_week,
  sum(completed_visits) AS completed,
  sum(scheduled_visits) AS scheduled,
  round(sum(completed_visits) / nullif(sum(scheduled_visits), 0), 3) AS completion_rate
FROM throughput_facts
GROUP BY ALL
ORDER BY go_live_week;`
	},
	{
		title: 'Charge and billing lag by week since go-live',
		sql: `SELECT go_live_week,
  avg(charge_lag_days) AS avg_charge_lag_days,
  avg(billing_lag_days) AS avg_billing_lag_days,
  avg(CASE WHEN denied THEN 1 ELSE 0 END) AS denial_rate
FROM billing_facts
GROUP BY ALL
ORDER BY go_live_week;`
	},
	{
		title: 'Significant workflow variances, largest excess first',
		sql: `SELECT *
FROM attribution_variance_effect
WHERE significant
ORDER BY excess DESC;`
	},
	{
		title: 'Training effect per workflow area',
		sql: `SELECT workflow_area, rr_mh, rr_low, rr_high, attributable_fraction, excess_tickets
FROM attribution_training_effect
ORDER BY excess_tickets DESC;`
	},
	{
		title: 'Clinics not yet recovered on any measure, with their top cause (recovery_scorecard)',
		sql: `SELECT clinic_id, clinic_name, tickets_status, productivity_status, billing_status,
	dnfb_excess_days, top_cause, top_cause_share
FROM recovery_scorecard
WHERE 'slow' IN (tickets_status, productivity_status, billing_status)
ORDER BY go_live, clinic_id;`
	},
	{
		title: 'A temporary view of your own (kept on the console’s connection until reload)',
		sql: `CREATE OR REPLACE TEMP VIEW open_tickets AS
SELECT * FROM ticket_facts WHERE resolved_at IS NULL;

SELECT clinic_name, count(*) AS open_tickets
FROM open_tickets
GROUP BY ALL
ORDER BY open_tickets DESC;`
	}
];
