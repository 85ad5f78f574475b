/**
 * Productivity: completed visits per provider-day against each clinic's own baseline (the
 * weeks before its go-live). Per provider-day rates make holidays (no rows) and part-time
 * providers (fewer rows) neutral. Roll-ups weigh clinics by provider-days:
 * index = Σ completed / Σ (provider-days × the clinic's baseline rate).
 */
import type { OverviewFilters } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, type Sql } from '../fragment';
import { bucketOf } from '../overview';
import { firstRun, int, num, recoveryWhere, seriesKey, type RollUp } from './scope';

/** Per clinic: visits per provider-day (completed; scheduled where recorded) over its baseline weeks. */
export function productivityBaseline(s: RecoverySettings): Sql {
	return sql`SELECT clinic_id,
			sum(completed) / nullif(sum(provider_days), 0) AS base_rate,
			sum(scheduled) / nullif(sum(scheduled_provider_days), 0) AS base_scheduled_rate
		FROM recovery_visit_weeks WHERE go_live_week BETWEEN -${int(s.baselineWeeks)} AND -1
		GROUP BY clinic_id HAVING sum(completed) > 0`;
}

/**
 * Per series (clinic, site, wave or all) and week: actual = completed visits per provider-day
 * as a share of baseline; planned = scheduled visits per provider-day as a share of the
 * baseline's scheduled (only where scheduled visits are recorded). Clinics without a
 * baseline are left out.
 */
export function productivitySeries(f: OverviewFilters, s: RecoverySettings, by: RollUp): Sql {
	return sql`WITH base AS (${productivityBaseline(s)})
		SELECT ${seriesKey(by)} AS series, ${bucketOf(f.axis)} AS k,
			sum(v.completed) / sum(v.provider_days * b.base_rate) AS actual,
			sum(v.scheduled) FILTER (WHERE b.base_scheduled_rate > 0)
				/ nullif(sum(v.scheduled_provider_days * b.base_scheduled_rate) FILTER (WHERE b.base_scheduled_rate > 0), 0) AS planned,
			sum(v.provider_days) AS provider_days
		FROM recovery_visit_weeks v JOIN base b USING (clinic_id)
		WHERE ${recoveryWhere(f)} AND v.provider_days > 0
		GROUP BY ALL ORDER BY series, k`;
}

/** Each clinic's productivity index per week since go-live (0 onwards). */
function weeklyIndex(s: RecoverySettings): Sql {
	return sql`WITH base AS (${productivityBaseline(s)})
		SELECT v.clinic_id, v.go_live_week AS k,
			sum(v.completed) / nullif(sum(v.provider_days), 0) / any_value(b.base_rate) AS idx
		FROM recovery_visit_weeks v JOIN base b USING (clinic_id)
		WHERE v.go_live_week >= 0
		GROUP BY v.clinic_id, v.go_live_week`;
}

/**
 * Per clinic: the recovery week (first week since go-live of `recoveryWeeks` consecutive
 * weeks at or above the threshold) and the last week observed.
 */
export function productivityRecovery(s: RecoverySettings): Sql {
	return firstRun(sql`SELECT clinic_id, k, idx >= ${num(s.productivityThreshold)} AS ok FROM (${weeklyIndex(s)}) w WHERE idx IS NOT NULL`, s.recoveryWeeks);
}

/**
 * Per clinic, for the comparison with peers: baseline and post-window visits per provider-day
 * (weeks postFrom..postTo since go-live; NULL unless the clinic was observed to the window's end),
 * the post-window index, and the recovery week.
 */
export function productivityComparison(s: RecoverySettings): Sql {
	return sql`WITH base AS (${productivityBaseline(s)}),
		post AS (
			SELECT clinic_id, sum(completed) / nullif(sum(provider_days), 0) AS post_rate
			FROM recovery_visit_weeks WHERE go_live_week BETWEEN ${int(s.postFrom)} AND ${int(s.postTo)}
			GROUP BY clinic_id HAVING max(go_live_week) = ${int(s.postTo)}
		)
		SELECT r.clinic_id, r.recovery_week, r.last_week, b.base_rate AS baseline, p.post_rate AS post,
			p.post_rate / b.base_rate AS post_value
		FROM (${productivityRecovery(s)}) r
		LEFT JOIN base b USING (clinic_id) LEFT JOIN post p USING (clinic_id)`;
}
