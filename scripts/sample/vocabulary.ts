/** The contract's vocabularies, from the app's own contract module, under the generator's names. */
import { TABLES, type TableName } from '../../src/lib/contract/tables.ts';
import {
	ROLES,
	ROOT_CAUSES,
	TICKET_CATEGORIES,
	VARIANCE_STATUSES,
	WORKFLOW_AREAS,
	type Role,
	type RootCause,
	type TicketCategory,
	type VarianceStatus,
	type WorkflowArea
} from '../../src/lib/contract/vocabulary.ts';

export { ROLES, VARIANCE_STATUSES, type Role, type TableName, type VarianceStatus };
export const AREAS = WORKFLOW_AREAS;
export type Area = WorkflowArea;
export const CATEGORIES = TICKET_CATEGORIES;
export type Category = TicketCategory;
export const CAUSES = ROOT_CAUSES;
export type Cause = RootCause;

export const TICKET_STATUSES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Which workflow areas each role is trained in: what the role does in the EHR. */
export const ROLE_AREAS: Readonly<Record<Role, readonly Area[]>> = {
	front_desk: ['scheduling', 'registration'],
	medical_assistant: ['intake', 'orders'],
	nurse: ['intake', 'documentation', 'results', 'inbox'],
	physician: ['documentation', 'orders', 'results', 'inbox', 'charge_capture'],
	advanced_practice: ['documentation', 'orders', 'results', 'inbox', 'charge_capture'],
	biller: ['charge_capture', 'billing'],
	coder: ['charge_capture', 'billing'],
	manager: ['scheduling', 'inbox'],
	other: []
};

export const PROVIDER_ROLES: ReadonlySet<Role> = new Set(['physician', 'advanced_practice']);

/** Column order of each canonical table, exactly as in the contract. */
export function columnsOf(table: TableName): readonly string[] {
	return TABLES[table].columns.map((c) => c.name);
}
