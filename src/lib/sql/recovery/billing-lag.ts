/**
 * Billing lag from the per-day lag histogram (`recovery_lag_days`): charge lag (charge posted
 * − date of service) and billing lag (claim submitted − date of service), median and p90 in
 * days, the share of encounters billed later than the threshold (still unbilled counts as
 * late), and the first-pass denial rate (denied / claims with an answer), by week of service.
 * Only mature weeks count (see `maturityDays`): the latest weeks still have claims on the way.
 */
import type { OverviewFilters, TimeAxis } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { join, sql, trusted, type Sql } from '../fragment';
import { bucketOf } from '../overview';
import { histogramQuantiles } from './quantiles';
import { bucketEnd, firstRun, int, num, recoveryWhere, seriesKey, type RollUp } from './scope';

const PERCENTILES = { median: 0.5, p90: 0.9 };

/** Service dates whose bucket ended at least `maturityDays` before the export's last date. */
function mature(axis: TimeAxis, s: RecoverySettings): Sql {
	return sql`${bucketEnd(axis)} <= (SELECT billing_as_of FROM recovery_horizon) - ${int(s.maturityDays)}`;
}

const baselineWeeks = (s: RecoverySettings): Sql => sql`go_live_week BETWEEN -${int(s.baselineWeeks)} AND -1`;

/** Counts per group of cells: encounters, late (lag above the threshold or unbilled), denied, answered claims. */
function flowCounts(cells: Sql, keys: Sql, s: RecoverySettings): Sql {
	return sql`SELECT ${keys}, sum(encounters) AS encounters,
			coalesce(sum(encounters) FILTER (WHERE lag_days IS NULL OR lag_days > ${int(s.lagThresholdDays)}), 0) AS late,
			sum(denied) AS denied, sum(adjudicated) AS adjudicated
		FROM ${cells} WHERE kind = 'billing' GROUP BY ${keys}`;
}

/** The four lag percentiles and the flow measures per group of `keys` over the rows of `cells`. */
function lagMeasures(cells: Sql, keys: readonly string[], s: RecoverySettings): Sql {
	const keyList = trusted(keys.join(', '));
	const on = (alias: string) =>
		join(
			keys.map((k) => trusted(`${alias}.${k} = f.${k}`)),
			' AND '
		);
	const histogram = (kind: 'billing' | 'charge') => histogramQuantiles(sql`SELECT ${keyList}, lag_days AS x, encounters AS n FROM ${cells} WHERE kind = ${kind}`, keys, PERCENTILES);
	return sql`SELECT f.*, b.median AS billing_median, b.p90 AS billing_p90, c.median AS charge_median, c.p90 AS charge_p90,
			f.late / nullif(f.encounters, 0) AS late_share, f.denied / nullif(f.adjudicated, 0) AS denial_rate
		FROM (${flowCounts(cells, keyList, s)}) f
		LEFT JOIN (${histogram('billing')}) b ON ${on('b')}
		LEFT JOIN (${histogram('charge')}) c ON ${on('c')}`;
}

/** Per series and mature week: lag percentiles, late share and denial rate. */
export function billingSeries(f: OverviewFilters, s: RecoverySettings, by: RollUp): Sql {
	return sql`WITH cells AS (
			SELECT *, ${seriesKey(by)} AS series, ${bucketOf(f.axis)} AS k FROM recovery_lag_days
			WHERE ${recoveryWhere(f)} AND ${mature(f.axis, s)}
		)
		SELECT * FROM (${lagMeasures(trusted('cells'), ['series', 'k'], s)}) m ORDER BY series, k`;
}

/** The same measures pooled over the baseline weeks of the clinics in scope: the reference lines. */
export function billingBaseline(f: OverviewFilters, s: RecoverySettings): Sql {
	return sql`WITH cells AS (
			SELECT *, 'baseline' AS scope FROM recovery_lag_days WHERE ${recoveryWhere(f, { dates: false })} AND ${baselineWeeks(s)}
		)
		SELECT * FROM (${lagMeasures(trusted('cells'), ['scope'], s)}) m`;
}

/** Per clinic: its baseline median billing lag and its baseline encounters per calendar day. */
export function billingClinicBaseline(s: RecoverySettings): Sql {
	return sql`WITH cells AS (SELECT * FROM recovery_lag_days WHERE ${baselineWeeks(s)})
		SELECT q.clinic_id, q.median AS base_median, d.per_day AS base_per_day
		FROM (${histogramQuantiles(sql`SELECT clinic_id, lag_days AS x, encounters AS n FROM cells WHERE kind = 'billing'`, ['clinic_id'], { median: 0.5 })}) q
		LEFT JOIN (
			SELECT clinic_id, sum(encounters) / (7.0 * count(DISTINCT go_live_week)) AS per_day FROM cells WHERE kind = 'billing' GROUP BY clinic_id
		) d USING (clinic_id)`;
}

/** Each clinic's median billing lag per mature week since go-live (0 onwards). */
function weeklyMedian(s: RecoverySettings): Sql {
	return histogramQuantiles(
		sql`SELECT clinic_id, go_live_week AS k, lag_days AS x, encounters AS n FROM recovery_lag_days
			WHERE kind = 'billing' AND go_live_week >= 0 AND ${mature('go_live', s)}`,
		['clinic_id', 'k'],
		{ median: 0.5 }
	);
}

/**
 * Per clinic: the billing-lag recovery week (first week since go-live of `recoveryWeeks`
 * consecutive mature weeks with a median billing lag at most `lagRecoveryRatio` x the
 * baseline median) and the last mature week.
 */
export function billingRecovery(s: RecoverySettings): Sql {
	return firstRun(
		sql`SELECT w.clinic_id, w.k, w.median <= ${num(s.lagRecoveryRatio)} * b.base_median AS ok
			FROM (${weeklyMedian(s)}) w JOIN (${billingClinicBaseline(s)}) b USING (clinic_id)
			WHERE b.base_median IS NOT NULL`,
		s.recoveryWeeks
	);
}

/**
 * Per clinic, for the comparison with peers: baseline and post-window median billing lag
 * (weeks postFrom..postTo since go-live, mature weeks only; NULL unless the window's last
 * week is mature), and the recovery week.
 */
export function billingComparison(s: RecoverySettings): Sql {
	const post = histogramQuantiles(
		sql`SELECT clinic_id, lag_days AS x, encounters AS n FROM recovery_lag_days
			WHERE kind = 'billing' AND go_live_week BETWEEN ${int(s.postFrom)} AND ${int(s.postTo)} AND ${mature('go_live', s)}
				AND clinic_id IN (
					SELECT clinic_id FROM recovery_lag_days WHERE go_live_week = ${int(s.postTo)} AND ${mature('go_live', s)}
				)`,
		['clinic_id'],
		{ median: 0.5 }
	);
	return sql`SELECT r.clinic_id, r.recovery_week, r.last_week, b.base_median AS baseline, p.median AS post, p.median AS post_value
		FROM (${billingRecovery(s)}) r
		LEFT JOIN (${billingClinicBaseline(s)}) b USING (clinic_id) LEFT JOIN (${post}) p USING (clinic_id)`;
}
