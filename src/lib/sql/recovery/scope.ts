/**
 * Shared pieces of the recovery queries: the filter bar's scope over the pre-aggregated
 * tables (clinics by `scopeWhere`, as `ticketWhere`'s), series keys for roll-ups, settings as typed
 * parameters, and the one definition of "first run of N weeks" used by every recovery rule.
 */
import type { OverviewFilters, TimeAxis } from '$lib/scope/filters';
import { ident, join, sql, trusted, type Sql } from '../fragment';
import { scopeWhere } from '../scope-where';

/** Settings enter SQL as parameters; a cast keeps date arithmetic and comparisons typed. */
export const int = (n: number): Sql => sql`CAST(${n} AS INTEGER)`;
export const num = (x: number): Sql => sql`CAST(${x} AS DOUBLE)`;

/**
 * Site, clinic and date filters over a recovery table (columns `site`, `clinic_id`, `week`).
 * Rates are weekly, so dates select whole calendar weeks: those overlapping the range.
 */
export function recoveryWhere(f: OverviewFilters, options: { dates: boolean } = { dates: true }): Sql {
	const parts: Sql[] = [scopeWhere(f)];
	if (options.dates && f.from) parts.push(sql`week >= date_trunc('week', CAST(${f.from} AS DATE))`);
	if (options.dates && f.to) parts.push(sql`week <= CAST(${f.to} AS DATE)`);
	return join(parts, ' AND ');
}

/** The last day of a row's bucket: the calendar week's Sunday, or day 6 of the clinic's go-live week. */
export function bucketEnd(axis: TimeAxis): Sql {
	return axis === 'calendar' ? trusted(`CAST(week + 6 AS DATE)`) : trusted(`CAST(go_live_date + 7 * go_live_week + 6 AS DATE)`);
}

/** What a roll-up groups by: each clinic, each site, each go-live wave (Monday of the go-live week), or all in scope. */
export type RollUp = 'clinic' | 'site' | 'wave' | 'all';

export function seriesKey(by: RollUp): Sql {
	switch (by) {
		case 'clinic':
			return trusted('clinic_id');
		case 'site':
			return trusted(`coalesce(site, '(no site)')`);
		case 'wave':
			return trusted(`strftime(date_trunc('week', go_live_date), '%Y-%m-%d')`);
		case 'all':
			return trusted(`'all clinics'`);
	}
}

/**
 * From rows (clinic_id, k, ok) with one row per observed week, each clinic's first week k
 * that starts a run of at least `weeks` consecutive observed weeks with `ok`, and the last
 * week observed. Weeks with no data are skipped, not breaks.
 */
export function firstRun(source: Sql, weeks: number): Sql {
	return sql`SELECT clinic_id, min(first_k) FILTER (WHERE ok AND run_weeks >= ${int(weeks)}) AS recovery_week,
			max(last_k) AS last_week
		FROM (
			SELECT clinic_id, ok, island, min(k) AS first_k, max(k) AS last_k, count(*) AS run_weeks
			FROM (
				SELECT clinic_id, k, ok,
					row_number() OVER (PARTITION BY clinic_id ORDER BY k) - row_number() OVER (PARTITION BY clinic_id, ok ORDER BY k) AS island
				FROM (${source}) runs_source
			) islands
			GROUP BY clinic_id, ok, island
		) runs
		GROUP BY clinic_id`;
}

/**
 * A clinic's standing on one recovery rule, one definition for the scorecard's colours and
 * the causes table: on track (by the target week), watch (by the slow week), slow (later, or
 * not yet after the slow week), pending (not yet, but live for less than that), unknown (no data).
 */
export function statusOf(recoveryWeek: string, lastWeek: string, target: number, slowAfter: number): Sql {
	const week = ident(recoveryWeek);
	const last = ident(lastWeek);
	return sql`CASE
		WHEN ${week} IS NOT NULL AND ${week} <= ${int(target)} THEN 'on_track'
		WHEN ${week} IS NOT NULL AND ${week} <= ${int(slowAfter)} THEN 'watch'
		WHEN ${week} IS NOT NULL THEN 'slow'
		WHEN ${last} IS NULL THEN 'unknown'
		WHEN ${last} >= ${int(slowAfter)} THEN 'slow'
		ELSE 'pending' END`;
}

/** The span of visit dates, for the date-range inputs. */
export function recoveryDateSpan(): Sql {
	return trusted(`SELECT strftime(min(date), '%Y-%m-%d') AS first_day, strftime(max(date), '%Y-%m-%d') AS last_day FROM throughput`);
}
