import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';
import { WORKFLOW_TICKETS } from './word-evidence';

/**
 * Which tickets of a clinic-area carry its causes, by their words. The excess-rate model gives
 * every ticket of a cell (clinic, area, kind and the same causes' excess rates) the same prior
 * weights w0 = er / (1 + Σ er); the cell's total per cause, n·w0, stays as it is. A ticket's
 * words give each cause a likelihood ratio LR (the geometric mean of its words' enrichment,
 * attribution_word_enrichment, so a long description counts no more than a short one), and the
 * cell's weight per cause goes to its tickets in proportion to their posterior:
 * p = λ·er·LR / (1 + Σ λ·er·LR), with one λ per cell and cause solved (Newton steps on ln λ) so
 * that Σ p = n·w0, then rescaled to the total exactly; should a ticket's weights then sum above 1,
 * the cell moves only part of the way from w0 (the largest step that keeps every ticket within
 * [0, 1]). A cell whose tickets' words all say the same keeps w0 exactly.
 */

const CAUSES = [
	['v', 'workflow_variance', 'er_variance'],
	['t', 'missed_training', 'er_training'],
	['d', 'build_defect', 'er_defect']
] as const;

const each = (f: (c: string) => string, join = ', ') => CAUSES.map(([c]) => f(c)).join(join);

/** Un-normalised posterior odds of each cause at the step's λ, and the probabilities. */
function probabilities(step: number, materialized = false): string {
	return `p${step} AS ${materialized ? 'MATERIALIZED ' : ''}(
		SELECT x.*, ${each((c) => `odds_${c} / (1 + ${each((d) => `odds_${d}`, ' + ')}) AS p${c}`)} FROM (
			SELECT c.*, ${each((c) => `exp(l.l${c}) * c.e${c} * c.lr${c} AS odds_${c}`)} FROM cells c JOIN lam${step} l USING (g)
		) x
	)`;
}

/** A Newton step on ln λ towards Σ p = W, at most ±4 (ln S is concave in ln λ, so the steps settle). */
function nextLambda(step: number): string {
	const delta = (c: string) => `CASE WHEN t.w${c} > 0 AND s.s${c} > 0 AND s.d${c} > 1e-12 THEN greatest(-4, least(4, (ln(t.w${c}) - ln(s.s${c})) * s.s${c} / s.d${c})) ELSE 0 END`;
	return `lam${step + 1} AS MATERIALIZED (
		SELECT g, ${each((c) => `l.l${c} + ${delta(c)} AS l${c}`)}
		FROM lam${step} l JOIN totals t USING (g)
		JOIN (SELECT g, ${each((c) => `sum(p${c}) AS s${c}, sum(p${c} * (1 - p${c})) AS d${c}`)} FROM p${step} GROUP BY g) s USING (g)
	)`;
}

export function createWordWeights(): Sql {
	const steps = ATTRIBUTION_SETTINGS.wordWeightSteps;
	const chain: string[] = [];
	for (let i = 0; i < steps; i++) chain.push(probabilities(i), nextLambda(i));
	chain.push(probabilities(steps, true));
	return trusted(`CREATE OR REPLACE TABLE attribution_word_weights AS
		WITH weighed AS (
			SELECT ticket_id, clinic_id, area, kind, ev, et, ed,
				${each((c) => `e${c} / (1 + ev + et + ed) AS w0${c}`)}
			FROM (SELECT *, ${CAUSES.map(([c, , er]) => `${er} AS e${c}`).join(', ')} FROM attribution_ticket_rates)
			WHERE ${WORKFLOW_TICKETS} AND ev + et + ed > 0
		),
		enrichment AS (
			SELECT area, kind, word, ${CAUSES.map(([c, cause]) => `sum(ln(enrichment)) FILTER (WHERE root_cause = '${cause}') AS ln${c}`).join(', ')}
			FROM attribution_word_enrichment GROUP BY ALL
		),
		ratios AS (
			SELECT ticket_id, count(*) AS words, ${each((c) => `exp(sum(coalesce(e.ln${c}, 0)) / count(*)) AS lr${c}`)}
			FROM (SELECT t.ticket_id, t.area, t.kind, unnest(b.words) AS word FROM weighed t JOIN attribution_ticket_base b USING (ticket_id)) w
			LEFT JOIN enrichment e USING (area, kind, word)
			WHERE word <> '' GROUP BY ticket_id
		),
		cells AS MATERIALIZED (
			SELECT t.*, coalesce(r.words, 0) AS words, ${each((c) => `coalesce(r.lr${c}, 1) AS lr${c}`)},
				dense_rank() OVER (ORDER BY clinic_id, area, kind, ev, et, ed) AS g
			FROM weighed t LEFT JOIN ratios r USING (ticket_id)
		),
		totals AS MATERIALIZED (
			SELECT g, ${each((c) => `sum(w0${c}) AS w${c}`)}, ${each((c) => `min(lr${c}) = max(lr${c})`, ' AND ')} AS flat
			FROM cells GROUP BY g
		),
		lam0 AS MATERIALIZED (SELECT g, ${each((c) => `0.0 AS l${c}`)} FROM totals WHERE NOT flat),
		${chain.join(',\n\t\t')},
		rescaled AS (
			SELECT p.*, ${each((c) => `CASE WHEN s.s${c} > 0 THEN p.p${c} * t.w${c} / s.s${c} ELSE 0 END AS q${c}`)}
			FROM p${steps} p JOIN totals t USING (g)
			JOIN (SELECT g, ${each((c) => `sum(p${c}) AS s${c}`)} FROM p${steps} GROUP BY g) s USING (g)
		),
		bounded AS (
			SELECT r.*, min(CASE WHEN ${each((c) => `q${c}`, ' + ')} > 1
				THEN (1 - (${each((c) => `w0${c}`, ' + ')})) / (${each((c) => `q${c} - w0${c}`, ' + ')}) ELSE 1 END) OVER (PARTITION BY g) AS step
			FROM rescaled r
		)
		SELECT c.ticket_id, c.words, ${each((c) => `c.lr${c}`)}, ${each((c) => `c.w0${c}`)},
			${each((c) => `coalesce(b.w0${c} + least(b.step, 1) * (b.q${c} - b.w0${c}), c.w0${c}) AS w${c}`)}
		FROM cells c LEFT JOIN bounded b USING (ticket_id)`);
}
