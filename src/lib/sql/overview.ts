/**
 * Query builders of the stabilization overview. Pure: filters in, SQL values out. They read
 * the pre-aggregated tables of overview-tables.ts, built once per load, never every ticket.
 *
 * Every time series returns an integer bucket `k`: on the calendar axis the Monday of the
 * ISO week as days since 1970-01-01, on the go-live axis the go-live week. Charts fill
 * the empty buckets between, so a quiet week shows as zero, not as a gap.
 */
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import type { OverviewFilters, TimeAxis } from '$lib/scope/filters';
import { join, sql, trusted, type Sql } from './fragment';
import { scopeWhere } from './scope-where';

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

const OPENED_DAY = trusted('CAST(opened_at AS DATE)');

/** Days the data covers, inclusive, as days since 1970-01-01 (charts/coverage.ts `observedWindow`). */
type DayWindow = { readonly first: number; readonly last: number };

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * On the go-live axis with the days the data covers: only clinic-weeks observed whole (the
 * clinic's week go-live + 7k .. +6 days inside the window), so that a clinic's cut-short
 * last week or a wave reaching the end of the export never reads as fewer tickets. The
 * charts divide by the clinics observed (charts/coverage.ts counts them the same way).
 */
function observedWeeks(axis: TimeAxis, window: DayWindow | null | undefined): Sql {
	if (axis !== 'go_live' || !window) return trusted('TRUE');
	return sql`(go_live_date + 7 * go_live_week) BETWEEN CAST(${isoDay(window.first)} AS DATE) AND CAST(${isoDay(window.last)} AS DATE) - 6`;
}

/**
 * Clinic (site and clinic lists) and opened-date filters. `day` is the date a ticket was
 * opened in the relation filtered: `ticket_facts` by default, `opened_on` in the overview's tables.
 */
export function ticketWhere(f: OverviewFilters, options: { dates?: boolean; day?: Sql } = {}): Sql {
	const { dates = true, day = OPENED_DAY } = options;
	const parts: Sql[] = [scopeWhere(f)];
	if (dates && f.from) parts.push(sql`${day} >= CAST(${f.from} AS DATE)`);
	if (dates && f.to) parts.push(sql`${day} <= CAST(${f.to} AS DATE)`);
	return join(parts, ' AND ');
}

/** The filters over the overview's pre-aggregated tables (overview-tables.ts). */
const cubeWhere = (f: OverviewFilters, dates = true): Sql => ticketWhere(f, { dates, day: trusted('opened_on') });

/** Tickets opened per bucket and category. */
export function ticketsByWeek(f: OverviewFilters, window?: DayWindow | null): Sql {
	return sql`SELECT ${bucketOf(f.axis)} AS k, category, CAST(sum(tickets) AS INTEGER) AS tickets
		FROM overview_ticket_days WHERE ${cubeWhere(f)} AND ${onAxis(f.axis)} AND ${observedWeeks(f.axis, window)}
		GROUP BY ALL ORDER BY k, category`;
}

/**
 * Open backlog at the end of each bucket: opened before the bucket ended and not
 * resolved by then. Tickets opened before the date range still count while open.
 * On the go-live axis each clinic's week ends at its own go-live date + 7(k+1) days.
 * Counted in one pass: backlog(k) = tickets opened in buckets <= k minus tickets resolved
 * in buckets <= k (a ticket is resolved after it is opened), as a running sum.
 */
export function backlogByWeek(f: OverviewFilters, window?: DayWindow | null): Sql {
	if (f.axis === 'go_live' && window) return observedBacklog(f, window);
	const step = trusted(f.axis === 'calendar' ? '7' : '1');
	return sql`WITH bounds AS (
			SELECT min(${bucketOf(f.axis)}) AS lo, max(${bucketOf(f.axis)}) AS hi
			FROM overview_ticket_days WHERE ${cubeWhere(f)} AND ${onAxis(f.axis)}
		), changes AS (
			SELECT ${bucketOf(f.axis)} AS k, tickets AS delta FROM overview_ticket_days WHERE ${cubeWhere(f, false)} AND ${onAxis(f.axis)}
			UNION ALL
			SELECT ${bucketOf(f.axis)} AS k, -resolved AS delta FROM overview_resolved_days WHERE ${cubeWhere(f, false)} AND ${onAxis(f.axis)}
		), buckets AS (
			SELECT CAST(unnest(generate_series(lo, hi, ${step})) AS INTEGER) AS k, 0 AS delta FROM bounds
		), running AS (
			SELECT k, sum(sum(delta)) OVER (ORDER BY k) AS open_tickets FROM (SELECT * FROM changes UNION ALL SELECT * FROM buckets) GROUP BY k
		)
		SELECT r.k, CAST(r.open_tickets AS INTEGER) AS open_tickets FROM running r, bounds
		WHERE r.k BETWEEN bounds.lo AND bounds.hi AND (r.k - bounds.lo) % ${step} = 0
		ORDER BY r.k`;
}

/**
 * The go-live axis's backlog with the days the data covers: per clinic, the running sum of
 * opened minus resolved up to the end of each of its weeks, summed over the clinics observed
 * for that whole week only (a clinic's weeks after the export ends are not carried as open).
 */
function observedBacklog(f: OverviewFilters, window: DayWindow): Sql {
	const [first, last] = [isoDay(window.first), isoDay(window.last)];
	return sql`WITH changes AS (
			SELECT clinic_id, go_live_week AS k, tickets AS delta FROM overview_ticket_days WHERE ${cubeWhere(f, false)} AND go_live_week IS NOT NULL
			UNION ALL
			SELECT clinic_id, go_live_week AS k, -resolved AS delta FROM overview_resolved_days WHERE ${cubeWhere(f, false)} AND go_live_week IS NOT NULL
		), live AS (
			SELECT clinic_id, any_value(go_live_date) AS g FROM overview_ticket_days WHERE ${cubeWhere(f, false)} AND go_live_date IS NOT NULL GROUP BY clinic_id
		), grid AS (
			SELECT clinic_id, CAST(unnest(generate_series(
				CAST(ceil(date_diff('day', g, CAST(${first} AS DATE)) / 7) AS BIGINT),
				CAST(floor(date_diff('day', g, CAST(${last} AS DATE) - 6) / 7) AS BIGINT))) AS INTEGER) AS k
			FROM live
		), running AS (
			SELECT clinic_id, k, sum(sum(delta)) OVER (PARTITION BY clinic_id ORDER BY k) AS open_tickets
			FROM (SELECT * FROM changes UNION ALL SELECT clinic_id, k, 0 AS delta FROM grid) GROUP BY clinic_id, k
		)
		SELECT k, CAST(sum(open_tickets) AS INTEGER) AS open_tickets FROM running JOIN grid USING (clinic_id, k)
		GROUP BY k ORDER BY k`;
}

/** Median and 90th percentile hours to resolve, by the bucket the ticket was opened in. */
export function timeToResolveByWeek(f: OverviewFilters, window?: DayWindow | null): Sql {
	return sql`SELECT ${bucketOf(f.axis)} AS k,
			CAST(count(*) AS INTEGER) AS resolved,
			quantile_cont(hours_to_resolve, 0.5) AS median_hours,
			quantile_cont(hours_to_resolve, 0.9) AS p90_hours
		FROM overview_resolve_times
		WHERE ${cubeWhere(f)} AND ${onAxis(f.axis)} AND ${observedWeeks(f.axis, window)}
		GROUP BY ALL ORDER BY k`;
}

/**
 * The most clinics a clinic-by-something heatmap draws: a row each, 14 px high, and a data
 * table row per cell. An export with thousands of locations would otherwise build a canvas
 * taller than the browser allows and a table that freezes the tab.
 */
export const HEATMAP_CLINICS = 300;

/**
 * The clinics of a per-clinic pre-aggregate (`relation`, rows matching `where`) ranked in
 * the clinics' order (`GROUPED_CLINIC_ORDER`), with `clinics_in_scope` counting them all: join it and keep `rank <= HEATMAP_CLINICS`.
 */
export function rankedClinics(relation: Sql, where: Sql): Sql {
	return sql`SELECT clinic_id, row_number() OVER (ORDER BY ${GROUPED_CLINIC_ORDER}) AS rank, count(*) OVER () AS clinics_in_scope
		FROM ${relation} WHERE ${where} GROUP BY clinic_id`;
}

/** The clinics' order in a query grouped by clinic: go-live date (none last), then the id as people count (`naturalOrder`). */
export const GROUPED_CLINIC_ORDER = trusted(`any_value(go_live_date) NULLS LAST, ${naturalOrder('clinic_id')}`);

export const FIRST_CLINICS = trusted(`r.rank <= ${HEATMAP_CLINICS}`);

/**
 * Clinics by their id as people count: "Location 2" before "Location 10" (the text around the
 * first number, then the number, then the id).
 */
export function naturalOrder(column: string): string {
	return `regexp_replace(${column}, '[0-9]+', '', 'g'), TRY_CAST(regexp_extract(${column}, '([0-9]+)', 1) AS BIGINT), ${column}`;
}

/**
 * The most clinics the overview heatmap draws: those with the most tickets in scope, so a
 * ticket export with hundreds of locations shows the busiest ones legibly and says how many
 * it leaves out.
 */
export const HEATMAP_TOP = 60;

/**
 * Tickets per 100 users (users = the clinic's training roster) per clinic and bucket, for
 * the `HEATMAP_TOP` clinics with the most tickets in scope, drawn in go-live order;
 * `clinics_in_scope` counts them all.
 */
export function ticketRateHeatmap(f: OverviewFilters, window?: DayWindow | null): Sql {
	// A per-clinic measure: tickets that name no clinic are left out (the totals say how many).
	const where = sql`${cubeWhere(f)} AND ${onAxis(f.axis)} AND ${observedWeeks(f.axis, window)} AND ${assigned}`;
	return sql`WITH ranked AS (
			SELECT clinic_id, row_number() OVER (ORDER BY sum(tickets) DESC, clinic_id) AS rank, count(*) OVER () AS clinics_in_scope
			FROM overview_ticket_days WHERE ${where} GROUP BY clinic_id
		)
		SELECT clinic_id, coalesce(any_value(clinic_name), clinic_id) AS clinic_name,
			${bucketOf(f.axis)} AS k,
			CAST(sum(tickets) AS INTEGER) AS tickets,
			sum(tickets) * 100.0 / nullif(any_value(u.users), 0) AS per_100_users,
			CAST(any_value(r.clinics_in_scope) AS INTEGER) AS clinics_in_scope
		FROM overview_ticket_days JOIN ranked r USING (clinic_id) LEFT JOIN clinic_users u USING (clinic_id)
		WHERE ${where} AND r.rank <= ${trusted(String(HEATMAP_TOP))}
		GROUP BY clinic_id, k ORDER BY ${GROUPED_CLINIC_ORDER}, k`;
}

/** A row whose ticket names a clinic (not the "unassigned" one): every per-clinic measure keeps only these. */
export const assigned = sql`clinic_id IS DISTINCT FROM ${UNASSIGNED_CLINIC}`;

/** Tickets in scope that name no clinic, for the note each page shows (counted in totals and trends, left out of per-clinic measures). */
export function unassignedTickets(f: OverviewFilters): Sql {
	return sql`SELECT CAST(coalesce(sum(tickets), 0) AS INTEGER) AS tickets FROM overview_ticket_days WHERE ${cubeWhere(f)} AND NOT ${assigned}`;
}

/** Headline figures for the filtered tickets; the clinic count leaves out "unassigned", whose tickets are counted apart. */
export function overviewTotals(f: OverviewFilters): Sql {
	return sql`SELECT * FROM (
			SELECT CAST(coalesce(sum(tickets), 0) AS INTEGER) AS tickets,
				CAST(coalesce(sum(open_tickets), 0) AS INTEGER) AS open_tickets,
				CAST(count(DISTINCT clinic_id) FILTER (WHERE ${assigned}) AS INTEGER) AS clinics,
				CAST(coalesce(sum(tickets) FILTER (WHERE NOT ${assigned}), 0) AS INTEGER) AS unassigned_tickets
			FROM overview_ticket_days WHERE ${cubeWhere(f)}
		), (
			SELECT quantile_cont(hours_to_resolve, 0.5) AS median_hours, quantile_cont(hours_to_resolve, 0.9) AS p90_hours
			FROM overview_resolve_times WHERE ${cubeWhere(f)}
		)`;
}

/**
 * Choices for the filter bar: every clinic with its site and go-live date, then the clinics
 * tickets name that the clinic list lacks (a ticket export alone, such as ServiceNow's
 * locations), without site or go-live. Not "unassigned": tickets that name no clinic are no clinic to choose.
 */
export function clinicChoices(): Sql {
	return trusted(`SELECT * FROM (
			SELECT clinic_id, coalesce(clinic_name, clinic_id) AS clinic_name, site,
				strftime(go_live_date, '%Y-%m-%d') AS go_live_date
			FROM clinics
			UNION ALL
			SELECT DISTINCT clinic_id, clinic_id, NULL, NULL FROM tickets
			WHERE clinic_id IS NOT NULL AND clinic_id NOT IN (SELECT clinic_id FROM clinics WHERE clinic_id IS NOT NULL)
				AND clinic_id <> '${UNASSIGNED_CLINIC}'
		)
		ORDER BY go_live_date NULLS LAST, ${naturalOrder('clinic_id')}`);
}

/** The span of ticket dates, for the date-range inputs. */
export function ticketDateSpan(): Sql {
	return trusted(`SELECT strftime(min(opened_at), '%Y-%m-%d') AS first_day, strftime(max(opened_at), '%Y-%m-%d') AS last_day
		FROM tickets`);
}
