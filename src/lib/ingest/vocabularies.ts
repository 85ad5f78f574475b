import { ROLES, TICKET_CATEGORIES, VARIANCE_STATUSES, WORKFLOW_AREAS } from '$lib/contract/vocabulary';

/** Columns with a contract vocabulary; other values are kept and reported, never dropped. */
export const VOCABULARIES: Readonly<Record<string, readonly string[]>> = {
	'tickets.category': TICKET_CATEGORIES,
	'tickets.workflow_area': WORKFLOW_AREAS,
	'training.workflow_area': WORKFLOW_AREAS,
	'training.role': ROLES,
	'workflow_variance.workflow_area': WORKFLOW_AREAS,
	'workflow_variance.status': VARIANCE_STATUSES
};

export function vocabularyOf(table: string, column: string): readonly string[] | undefined {
	return VOCABULARIES[`${table}.${column}`];
}
