/**
 * DNFB as revenue-cycle teams define it (HFMA's "discharged, not final billed" days, for
 * visits): at a day D, the encounters whose date of service is inside the window
 * (D − window + 1 .. D) and past the hold days (on or before D − hold), with no claim
 * submitted by D; in days of the window's average daily encounters (encounters served in
 * the window ÷ window days). Encounters older than the window are not DNFB: a never-billed
 * tail ages out instead of piling up, so a constant never-billed share gives a flat DNFB.
 *
 * A bucket is measured at its last day (the export's last date for the last bucket) and only
 * when its whole window lies after the billing export's first date of service: a window cut
 * short would read low. Daily encounters count the window's days up to the export's last date
 * of service (after it, claims still arrive but no visits). The baseline is the same measure over each clinic's weeks before its
 * go-live; the chart shows the excess over it.
 */
import type { OverviewFilters, TimeAxis } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, type Sql } from '../fragment';
import { bucketOf } from '../overview';
import { bucketEnd, int, recoveryWhere, seriesKey, type RollUp } from './scope';

/** Per clinic and bucket of `axis` (rows of recovery_lag_days matching `where`): DNFB encounters and average daily encounters. */
function clinicStock(axis: TimeAxis, s: RecoverySettings, where: Sql): Sql {
	const window = int(s.dnfbWindowDays);
	return sql`WITH horizon AS (
			SELECT billing_as_of AS as_of, min(service_date) AS first_day, max(service_date) AS last_day
			FROM recovery_horizon, recovery_lag_days WHERE kind = 'billing' GROUP BY billing_as_of
		),
		ends AS (
			SELECT DISTINCT clinic_id, site, go_live_date, k, day, least(day, last_day) - (day - ${window} + 1) + 1 AS days FROM (
				SELECT clinic_id, site, go_live_date, ${bucketOf(axis)} AS k, least(${bucketEnd(axis)}, as_of) AS day, first_day, last_day
				FROM recovery_lag_days, horizon WHERE kind = 'billing' AND ${where}
			) bucket_ends WHERE day - ${window} + 1 >= first_day
		)
		SELECT e.clinic_id, any_value(e.site) AS site, any_value(e.go_live_date) AS go_live_date, e.k,
			coalesce(sum(b.encounters) FILTER (WHERE b.service_date <= e.day - ${int(s.lagThresholdDays)}
				AND (b.lag_days IS NULL OR b.service_date + b.lag_days > e.day)), 0) AS dnfb,
			coalesce(sum(b.encounters), 0) / any_value(e.days) AS per_day
		FROM ends e LEFT JOIN recovery_lag_days b
			ON b.kind = 'billing' AND b.clinic_id = e.clinic_id AND b.service_date BETWEEN e.day - ${window} + 1 AND e.day
		GROUP BY e.clinic_id, e.k`;
}

/**
 * Per series and bucket: DNFB encounters (`unbilled`), average daily encounters (`per_day`)
 * and DNFB days. The two sums add up over series, so one roll-up gives the total too.
 */
export function dnfbSeries(f: OverviewFilters, s: RecoverySettings, by: RollUp): Sql {
	return sql`SELECT ${seriesKey(by)} AS series, k, sum(dnfb) AS unbilled, sum(per_day) AS per_day, sum(dnfb) / nullif(sum(per_day), 0) AS dnfb_days
		FROM (${clinicStock(f.axis, s, recoveryWhere(f))}) stock
		GROUP BY ALL ORDER BY series, k`;
}

const baselineWeeks = (s: RecoverySettings): Sql => sql`go_live_week BETWEEN -${int(s.baselineWeeks)} AND -1`;

/**
 * Per clinic, its DNFB baseline over its weeks before go-live (with whole windows): the pooled
 * DNFB days (Σ DNFB ÷ Σ daily encounters), the weeks measured, and the band's upper edge,
 * the baseline plus twice the standard deviation of its weekly values (at least a day).
 */
export function dnfbClinicBaseline(s: RecoverySettings): Sql {
	return sql`SELECT clinic_id, sum(dnfb) / nullif(sum(per_day), 0) AS base_days, CAST(count(*) AS INTEGER) AS base_weeks,
			sum(dnfb) / nullif(sum(per_day), 0) + greatest(1.0, 2 * coalesce(stddev_samp(dnfb / nullif(per_day, 0)), 0)) AS base_upper
		FROM (${clinicStock('go_live', s, baselineWeeks(s))}) stock
		GROUP BY clinic_id`;
}

/** The DNFB baseline of the clinics in scope, pooled: the chart's reference line. */
export function dnfbBaseline(f: OverviewFilters, s: RecoverySettings): Sql {
	return sql`SELECT sum(dnfb) / nullif(sum(per_day), 0) AS base_days, CAST(count(DISTINCT clinic_id) AS INTEGER) AS clinics
		FROM (${clinicStock('go_live', s, sql`${recoveryWhere(f, { dates: false })} AND ${baselineWeeks(s)}`)}) stock`;
}
