/** The contract's vocabularies (docs/data-contract.md). Other values are kept and flagged, never dropped. */

export const WORKFLOW_AREAS = ['scheduling', 'registration', 'intake', 'documentation', 'orders', 'results', 'inbox', 'charge_capture', 'billing'] as const;
export type WorkflowArea = (typeof WORKFLOW_AREAS)[number];

export const ROLES = ['front_desk', 'medical_assistant', 'nurse', 'physician', 'advanced_practice', 'biller', 'coder', 'manager', 'other'] as const;
export type Role = (typeof ROLES)[number];

export const TICKET_CATEGORIES = ['how_to', 'break_fix', 'access', 'build_request', 'interface', 'hardware', 'data_conversion', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const ROOT_CAUSES = ['workflow_variance', 'missed_training', 'build_defect', 'data_conversion', 'access_provisioning', 'technical', 'unattributed'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const VARIANCE_STATUSES = ['unreconciled', 'reconciled', 'accepted_exception'] as const;
export type VarianceStatus = (typeof VARIANCE_STATUSES)[number];

/**
 * The clinic of a ticket whose export names none (a Jira issue without the clinic field): it
 * counts in totals and weekly trends, and is left out of per-clinic measures, which say how many.
 */
export const UNASSIGNED_CLINIC = 'unassigned';
