import { trusted, type Sql } from './fragment';

/**
 * Where the export itself thins out: the day after which tickets keep arriving, but at a tenth or
 * less of the weeks before, to the export's end. An extract taken by opening date (the ServiceNow
 * log holds incidents opened March–May 2016, then a trickle of later ones up to February 2017)
 * looks exactly like a desk that went quiet: ~1,900 tickets a week, then ~5. Charts shade those
 * weeks and pages say so, so that the fall is read as the export's, not the clinics'.
 *
 * The rule (docs/methods.md, "An export that thins out"), on tickets per calendar week over the
 * whole export (not the scope: it is a property of the file):
 * - the first week W from which every week to the end has at most 10% of the median of the
 *   8 weeks before W (at least 4 weeks before, a median of at least 20 tickets);
 * - the tail lasts at least 3 weeks (a last, short week alone is a partial week, not a thinning);
 * - the thinning starts the day after the last day before W with at least 10% of that median's
 *   daily rate (the ServiceNow extract stops on a Tuesday: its last week is 2 busy days).
 * A desk that recovers falls gradually, and stays above a tenth of its last two months' median;
 * none of the bundled sample's weeks, nor a real go-live's decline, meets the rule (tests).
 * One row when it applies, none otherwise.
 */
export function exportThinning(): Sql {
	return trusted(`WITH days AS (
			SELECT CAST(opened_at AS DATE) AS d, count(*) AS n FROM tickets WHERE opened_at IS NOT NULL GROUP BY 1),
		bounds AS (SELECT min(d) AS first, max(d) AS last FROM days),
		mondays AS (
			SELECT CAST(unnest(generate_series(date_trunc('week', first), date_trunc('week', last), INTERVAL 7 DAY)) AS DATE) AS monday FROM bounds),
		weeks AS (
			SELECT m.monday, coalesce(sum(days.n), 0) AS n FROM mondays m LEFT JOIN days ON CAST(date_trunc('week', days.d) AS DATE) = m.monday GROUP BY m.monday),
		scored AS (
			SELECT monday,
				median(n) OVER (ORDER BY monday ROWS BETWEEN 8 PRECEDING AND 1 PRECEDING) AS before_median,
				count(*) OVER (ORDER BY monday ROWS BETWEEN 8 PRECEDING AND 1 PRECEDING) AS before_weeks,
				max(n) OVER (ORDER BY monday ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS tail_max,
				count(*) OVER (ORDER BY monday ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS tail_weeks
			FROM weeks),
		cliff AS (
			SELECT monday, before_median FROM scored
			WHERE before_weeks >= 4 AND before_median >= 20 AND tail_weeks >= 3 AND tail_max <= 0.1 * before_median
			ORDER BY monday LIMIT 1),
		thin AS (
			SELECT coalesce((SELECT max(d) FROM days WHERE d < cliff.monday AND n >= 0.1 * cliff.before_median / 7), cliff.monday - 1) + 1 AS from_day,
				cliff.before_median
			FROM cliff)
		SELECT strftime(thin.from_day, '%Y-%m-%d') AS thin_from,
			CAST(thin.before_median AS DOUBLE) AS per_week_before,
			CAST((SELECT coalesce(sum(n), 0) FROM days WHERE d >= thin.from_day) AS DOUBLE) / ((bounds.last - thin.from_day + 1) / 7.0) AS per_week_after,
			strftime(bounds.last, '%Y-%m-%d') AS last_day
		FROM thin, bounds`);
}

/**
 * A ticket "last day" taken before the export thins out: `lastDay` (a SQL date expression), or the
 * day before the thinning when there is one. Measures of "now" (the action list's recent weeks,
 * Recovery's ticket stabilization) read the weeks before it, not two weeks of the trickle, which
 * would say every clinic had gone quiet.
 */
export function beforeThinning(lastDay: string): string {
	return `coalesce(least(${lastDay}, (SELECT CAST(thin_from AS DATE) - 1 FROM (${exportThinning().text}))), ${lastDay})`;
}
