/**
 * `recovery_scorecard`: the Recovery page's scorecard as a view analysts can query and export,
 * one row per clinic, under the default rules (a Recovery page whose rules were not changed):
 * each measure's status (on_track, watch, slow, pending, unknown), recovery week and last week
 * measured; the DNFB baseline, band and latest value; the open backlog; the top root cause.
 * DuckDB views take no parameters, so the rules are written into it as literals.
 */
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { sql, trusted, type Sql } from '../fragment';
import { naturalOrder } from '../overview';
import { dnfbClinicBaseline, dnfbSeries } from './dnfb';
import { scorecard, topRootCauses } from './scorecard';

export const RECOVERY_SCORECARD = 'recovery_scorecard';

/** The view's query; `attributed`: whether the root-cause attribution is built (else no top cause). */
export function recoveryScorecardSql(s: RecoverySettings, attributed: boolean): Sql {
	const top = attributed ? topRootCauses() : trusted(`SELECT NULL::VARCHAR AS clinic_id, NULL::VARCHAR AS root_cause, NULL::DOUBLE AS share WHERE FALSE`);
	return sql`SELECT card.clinic_id, card.clinic_name, card.site, card.go_live,
			card.tickets_status, card.tickets_week, card.tickets_last_week,
			card.productivity_status, card.productivity_week, card.productivity_last_week,
			card.billing_status, card.billing_week, card.billing_last_week,
			d.base_days AS dnfb_baseline_days, d.base_upper AS dnfb_band_upper, now.dnfb_days AS dnfb_days_now,
			now.dnfb_days - d.base_days AS dnfb_excess_days,
			card.open_tickets, card.open_per_100_users,
			top.root_cause AS top_cause, top.share AS top_cause_share
		FROM (${scorecard(DEFAULT_FILTERS, s)}) card
		LEFT JOIN (${dnfbClinicBaseline(s)}) d USING (clinic_id)
		LEFT JOIN (SELECT series AS clinic_id, arg_max(dnfb_days, k) AS dnfb_days FROM (${dnfbSeries({ ...DEFAULT_FILTERS, axis: 'go_live' }, s, 'clinic')}) GROUP BY ALL) now USING (clinic_id)
		LEFT JOIN (${top}) top USING (clinic_id)
		ORDER BY card.go_live_date, ${trusted(naturalOrder('card.clinic_id'))}`;
}
