import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/**
 * What a ticket's description words say about its cause, learned from the loaded data only.
 *
 * Within a clinic-area where a cause has a measured excess, the tickets the cause adds may be
 * worded differently from the tickets every clinic raises (a local workflow described in its
 * own words, a build error quoted). Per area, kind of ticket and cause, each lower-cased word is
 * counted in the n tickets where only that cause applies (a mixture: baseline tickets plus the
 * cause's, their weights W for the cause summed over them) and in the area's baseline tickets of
 * the same kind (no variance, trained or unassessed reporter, no incident), where a share f of
 * them contain it. If the cause's tickets read like the baseline's, m0 = f*n of the n contain it;
 * c do. The ratio c/m0 is shrunk towards 1 as a Poisson rate under a gamma prior of mean 1 whose
 * variance tau2 is the method-of-moments spread of all the words of that area, kind and cause,
 * Σ((c - m0)² - c - m0*n/baseline tickets) / Σ m0² (the last term is the noise of f), at least 0:
 * r = (c*tau2 + 1) / (m0*tau2 + 1). The mixture is then undone with the cause's share W/n:
 * enrichment = 1 + (r - 1)*n/W, at least `wordMinEnrichment`. Words that say nothing give a
 * spread of 0 and every enrichment exactly 1.
 */

/** Workflow tickets since go-live with an area: the ones the excess-rate model weighs. */
export const WORKFLOW_TICKETS = `kind IN ('how_to', 'break_fix', 'build_request') AND area IS NOT NULL AND k >= 0`;

/** The single cause that applies to a ticket, `baseline` for none, NULL for several. */
const ROLE = `CASE WHEN er_variance + er_training + er_defect = 0 THEN 'baseline'
	WHEN er_training = 0 AND er_defect = 0 THEN 'workflow_variance'
	WHEN er_variance = 0 AND er_defect = 0 THEN 'missed_training'
	WHEN er_variance = 0 AND er_training = 0 THEN 'build_defect' END`;

/** Distinct lower-cased words (runs of letters and digits) of a description, as a list (may hold ''); kept in attribution_ticket_base. */
export const descriptionWords = (description: string) => `list_distinct(regexp_split_to_array(lower(coalesce(${description}, '')), '[^\\p{L}\\p{N}]+'))`;

export function createWordEnrichment(): Sql {
	return trusted(`CREATE OR REPLACE TABLE attribution_word_enrichment AS
		WITH roles AS (
			SELECT ticket_id, area, kind, ${ROLE} AS role,
				(er_variance + er_training + er_defect) / (1 + er_variance + er_training + er_defect) AS cause_weight
			FROM attribution_ticket_rates WHERE ${WORKFLOW_TICKETS}
		),
		groups AS MATERIALIZED (SELECT area, kind, role, count(*) AS tickets, sum(cause_weight) AS cause_weight FROM roles WHERE role IS NOT NULL GROUP BY ALL),
		words AS MATERIALIZED (
			SELECT area, kind, role, word, count(*) AS n FROM (
				SELECT r.area, r.kind, r.role, unnest(b.words) AS word
				FROM roles r JOIN attribution_ticket_base b USING (ticket_id) WHERE r.role IS NOT NULL
			) WHERE word <> '' GROUP BY ALL
		),
		baseline AS (
			SELECT w.area, w.kind, w.word, w.n AS baseline_count, g.tickets AS baseline_tickets
			FROM words w JOIN groups g USING (area, kind, role) WHERE w.role = 'baseline'
		),
		causes AS (SELECT g.area, g.kind, g.role, g.tickets, g.cause_weight, b.tickets AS baseline_tickets FROM groups g
			JOIN groups b ON b.area = g.area AND b.kind = g.kind AND b.role = 'baseline' WHERE g.role <> 'baseline'),
		vocabulary AS (
			SELECT area, kind, role, word FROM words WHERE role <> 'baseline'
			UNION SELECT c.area, c.kind, c.role, b.word FROM causes c JOIN baseline b USING (area, kind)
		),
		pairs AS (
			SELECT c.area, c.kind, c.role, v.word, coalesce(w.n, 0) AS cause_count, coalesce(b.baseline_count, 0) AS baseline_count,
				c.tickets, c.cause_weight, c.baseline_tickets
			FROM vocabulary v JOIN causes c USING (area, kind, role)
			LEFT JOIN words w ON w.area = v.area AND w.kind = v.kind AND w.role = v.role AND w.word = v.word
			LEFT JOIN baseline b ON b.area = v.area AND b.kind = v.kind AND b.word = v.word
		),
		expected AS (
			SELECT *, baseline_count / baseline_tickets * tickets AS m0,
				(cause_count - baseline_count / baseline_tickets * tickets) ^ 2 - cause_count
					- baseline_count / baseline_tickets * tickets * tickets / baseline_tickets AS excess_spread
			FROM pairs
		),
		spread AS (
			SELECT *, greatest(sum(excess_spread) OVER cell / nullif(sum(m0 ^ 2) OVER cell, 0), 0) AS tau2 FROM expected
			WINDOW cell AS (PARTITION BY area, kind, role)
		)
		SELECT area, kind, role AS root_cause, word, CAST(cause_count AS INTEGER) AS cause_count, CAST(tickets AS INTEGER) AS cause_tickets, cause_weight,
			CAST(baseline_count AS INTEGER) AS baseline_count, CAST(baseline_tickets AS INTEGER) AS baseline_tickets, m0 AS expected_count, coalesce(tau2, 0) AS spread,
			greatest(${ATTRIBUTION_SETTINGS.wordMinEnrichment}, 1 + ((cause_count * coalesce(tau2, 0) + 1) / (m0 * coalesce(tau2, 0) + 1) - 1) * tickets / cause_weight) AS enrichment
		FROM spread`);
}
