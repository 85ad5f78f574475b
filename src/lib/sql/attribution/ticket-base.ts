import { CATEGORY_CAUSES, WORKFLOW_KINDS } from '$lib/attribution/settings';
import { sql, trusted, type Sql } from '../fragment';
import { textKind, textMatch } from './text-rules';
import { descriptionWords } from './word-evidence';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const categoryCases = Object.entries(CATEGORY_CAUSES)
	.map(([category, cause]) => `WHEN t.category = '${category}' THEN '${cause}'`)
	.join(' ');

/**
 * One row per ticket with what attribution needs: the ticket's kind (its category's cause,
 * a workflow category, or what its description says when the category says nothing), its
 * go-live week and the start of that week, and its description's distinct words (word-evidence.ts).
 */
export function createTicketBase(): Sql {
	const description = `lower(coalesce(t.short_description, ''))`;
	const knownCategory = `t.category IN (${quoted([...Object.keys(CATEGORY_CAUSES), ...WORKFLOW_KINDS])})`;
	return sql`CREATE OR REPLACE TABLE attribution_ticket_base AS
		SELECT t.ticket_id, t.clinic_id, t.reporter_id, t.category, t.workflow_area AS area,
			t.opened_at, t.week, t.go_live_week AS k, t.go_live_date,
			t.go_live_date + CAST(7 * t.go_live_week AS INTEGER) AS week_start,
			CASE ${trusted(categoryCases)}
				WHEN t.category IN (${trusted(quoted(WORKFLOW_KINDS))}) THEN t.category
				ELSE ${textKind(description)} END AS kind,
			CASE WHEN ${trusted(knownCategory)} THEN NULL ELSE ${textMatch(description)} END AS text_match,
			CASE WHEN kind IN (${trusted(quoted(WORKFLOW_KINDS))}) AND t.workflow_area IS NOT NULL AND t.go_live_week >= 0
				THEN ${trusted(descriptionWords('t.short_description'))} END AS words
		FROM ticket_facts t`;
}
