/**
 * Query builders of the stabilization overview. Pure: filters in, SQL values out.
 *
 * Every time series returns an integer bucket `k`: on the calendar axis the Monday of the
 * ISO week as days since 1970-01-01, on the go-live axis the go-live week. Charts fill
 * the empty buckets between, so a quiet week shows as zero, not as a gap.
 */
import type { OverviewFilters, TimeAxis } from '$lib/overview/filters';
import { join, list, sql, trusted, type Sql } from './fragment';

const EPOCH = trusted(`DATE '1970-01-01'`);

export function bucketOf(axis: TimeAxis): Sql {
	return axis === 'calendar' ? sql`CAST(date_diff('day', ${EPOCH}, week) AS INTEGER)` : trusted('go_live_week');
}

/**
 * Tickets that have a place on the axis: on the go-live axis only those of a clinic with a
 * go-live date; on the calendar every ticket (an import of tickets alone, without a
 * clinic list, still charts by location and week).
 */
export function onAxis(axis: TimeAxis): Sql {
	return trusted(axis === 'go_live' ? 'go_live_week IS NOT NULL' : 'TRUE');
}

/** Clinic (site and clinic lists) and opened-date filters over `ticket_facts`. */
export function ticketWhere(f: OverviewFilters, options: { dates: boolean } = { dates: true }): Sql {
	const parts: Sql[] = [trusted('TRUE')];
	if (f.sites.length > 0) parts.push(sql`site IN ${list(f.sites)}`);
	if (f.clinics.length > 0) parts.push(sql`clinic_id IN ${list(f.clinics)}`);
	if (options.dates && f.from) parts.push(sql`CAST(opened_at AS DATE) >= CAST(${f.from} AS DATE)`);
	if (options.dates && f.to) parts.push(sql`CAST(opened_at AS DATE) <= CAST(${f.to} AS DATE)`);
	return join(parts, ' AND ');
}

/** Tickets opened per bucket and category. */
export function ticketsByWeek(f: OverviewFilters): Sql {
	return sql`SELECT ${bucketOf(f.axis)} AS k, category, CAST(count(*) AS INTEGER) AS tickets
		FROM ticket_facts WHERE ${ticketWhere(f)} AND ${onAxis(f.axis)}
		GROUP BY ALL ORDER BY k, category`;
}

/**
 * Open backlog at the end of each bucket: opened before the bucket ended and not
 * resolved by then. Tickets opened before the date range still count while open.
 * On the go-live axis each clinic's week ends at its own go-live date + 7(k+1) days.
 * Counted in one pass: backlog(k) = tickets opened in buckets <= k minus tickets resolved
 * in buckets <= k (a ticket is resolved after it is opened), as a running sum.
 */
export function backlogByWeek(f: OverviewFilters): Sql {
	const calendar = f.axis === 'calendar';
	const resolvedBucket = calendar
		? sql`CAST(date_diff('day', ${EPOCH}, CAST(date_trunc('week', resolved_at) AS DATE)) AS INTEGER)`
		: trusted(`CAST(floor(date_diff('day', go_live_date, CAST(resolved_at AS DATE)) / 7) AS INTEGER)`);
	return sql`WITH scoped AS (
			SELECT * FROM ticket_facts WHERE ${ticketWhere(f, { dates: false })} AND ${onAxis(f.axis)}
		), bounds AS (
			SELECT min(${bucketOf(f.axis)}) AS lo, max(${bucketOf(f.axis)}) AS hi
			FROM scoped WHERE ${ticketWhere({ ...f, sites: [], clinics: [] })}
		), changes AS (
			SELECT ${bucketOf(f.axis)} AS k, 1 AS delta FROM scoped
			UNION ALL
			SELECT ${resolvedBucket} AS k, -1 AS delta FROM scoped WHERE resolved_at IS NOT NULL
		), buckets AS (
			SELECT CAST(unnest(generate_series(lo, hi, ${trusted(calendar ? '7' : '1')})) AS INTEGER) AS k, 0 AS delta FROM bounds
		), running AS (
			SELECT k, sum(sum(delta)) OVER (ORDER BY k) AS open_tickets FROM (SELECT * FROM changes UNION ALL SELECT * FROM buckets) GROUP BY k
		)
		SELECT r.k, CAST(r.open_tickets AS INTEGER) AS open_tickets FROM running r, bounds
		WHERE r.k BETWEEN bounds.lo AND bounds.hi AND (r.k - bounds.lo) % ${trusted(calendar ? '7' : '1')} = 0
		ORDER BY r.k`;
}

/** Median and 90th percentile hours to resolve, by the bucket the ticket was opened in. */
export function timeToResolveByWeek(f: OverviewFilters): Sql {
	return sql`SELECT ${bucketOf(f.axis)} AS k,
			CAST(count(*) AS INTEGER) AS resolved,
			quantile_cont(hours_to_resolve, 0.5) AS median_hours,
			quantile_cont(hours_to_resolve, 0.9) AS p90_hours
		FROM ticket_facts
		WHERE ${ticketWhere(f)} AND ${onAxis(f.axis)} AND hours_to_resolve IS NOT NULL
		GROUP BY ALL ORDER BY k`;
}

/**
 * The most clinics the heatmap draws: a row each, 14 px high, and a data table row per
 * clinic and week. An export with thousands of locations would otherwise build a canvas
 * taller than the browser allows and a table that freezes the tab.
 */
export const HEATMAP_CLINICS = 300;

/**
 * Tickets per 100 users (users = the clinic's training roster) per clinic and bucket, for
 * the first `HEATMAP_CLINICS` clinics in go-live order; `clinics_in_scope` counts them all.
 */
export function ticketRateHeatmap(f: OverviewFilters): Sql {
	return sql`WITH ranked AS (
			SELECT clinic_id, row_number() OVER (ORDER BY any_value(go_live_date), clinic_id) AS rank, count(*) OVER () AS clinics_in_scope
			FROM ticket_facts WHERE ${ticketWhere(f)} AND ${onAxis(f.axis)} GROUP BY clinic_id
		)
		SELECT clinic_id, coalesce(any_value(clinic_name), clinic_id) AS clinic_name,
			${bucketOf(f.axis)} AS k,
			CAST(count(*) AS INTEGER) AS tickets,
			count(*) * 100.0 / nullif(any_value(u.users), 0) AS per_100_users,
			CAST(any_value(r.clinics_in_scope) AS INTEGER) AS clinics_in_scope
		FROM ticket_facts JOIN ranked r USING (clinic_id) LEFT JOIN clinic_users u USING (clinic_id)
		WHERE ${ticketWhere(f)} AND ${onAxis(f.axis)} AND r.rank <= ${trusted(String(HEATMAP_CLINICS))}
		GROUP BY clinic_id, k ORDER BY any_value(go_live_date), clinic_id, k`;
}

/** Headline figures for the filtered tickets. */
export function overviewTotals(f: OverviewFilters): Sql {
	return sql`SELECT CAST(count(*) AS INTEGER) AS tickets,
			CAST(count(*) FILTER (WHERE resolved_at IS NULL) AS INTEGER) AS open_tickets,
			quantile_cont(hours_to_resolve, 0.5) AS median_hours,
			quantile_cont(hours_to_resolve, 0.9) AS p90_hours,
			CAST(count(DISTINCT clinic_id) AS INTEGER) AS clinics
		FROM ticket_facts WHERE ${ticketWhere(f)}`;
}

/**
 * Choices for the filter bar: every clinic with its site and go-live date, then the clinics
 * tickets name that the clinic list lacks (a ticket export alone, such as ServiceNow's
 * locations), without site or go-live.
 */
export function clinicChoices(): Sql {
	return trusted(`SELECT clinic_id, coalesce(clinic_name, clinic_id) AS clinic_name, site,
			strftime(go_live_date, '%Y-%m-%d') AS go_live_date
		FROM clinics
		UNION ALL
		SELECT DISTINCT clinic_id, clinic_id, NULL, NULL FROM tickets
		WHERE clinic_id IS NOT NULL AND clinic_id NOT IN (SELECT clinic_id FROM clinics WHERE clinic_id IS NOT NULL)
		ORDER BY go_live_date NULLS LAST, clinic_id`);
}

/** The span of ticket dates, for the date-range inputs. */
export function ticketDateSpan(): Sql {
	return trusted(`SELECT strftime(min(opened_at), '%Y-%m-%d') AS first_day, strftime(max(opened_at), '%Y-%m-%d') AS last_day
		FROM tickets`);
}
