/** The contract's vocabularies (../shared/DATA-CONTRACT.md), spelled exactly as the loader expects. */

export const AREAS = [
	'scheduling',
	'registration',
	'intake',
	'documentation',
	'orders',
	'results',
	'inbox',
	'charge_capture',
	'billing'
] as const;
export type Area = (typeof AREAS)[number];

export const ROLES = [
	'front_desk',
	'medical_assistant',
	'nurse',
	'physician',
	'advanced_practice',
	'biller',
	'coder',
	'manager',
	'other'
] as const;
export type Role = (typeof ROLES)[number];

export const CATEGORIES = [
	'how_to',
	'break_fix',
	'access',
	'build_request',
	'interface',
	'hardware',
	'data_conversion',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CAUSES = [
	'workflow_variance',
	'missed_training',
	'build_defect',
	'data_conversion',
	'access_provisioning',
	'technical',
	'unattributed'
] as const;
export type Cause = (typeof CAUSES)[number];

export const VARIANCE_STATUSES = ['unreconciled', 'reconciled', 'accepted_exception'] as const;
export type VarianceStatus = (typeof VARIANCE_STATUSES)[number];

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
export const COLUMNS = {
	clinics: ['clinic_id', 'clinic_name', 'site', 'specialty', 'go_live_date', 'providers'],
	training: ['user_id', 'clinic_id', 'role', 'workflow_area', 'completed_on', 'score'],
	workflow_variance: ['clinic_id', 'workflow_area', 'description', 'status', 'reconciled_on'],
	tickets: [
		'ticket_id',
		'opened_at',
		'resolved_at',
		'updated_at',
		'clinic_id',
		'reporter_id',
		'category',
		'workflow_area',
		'priority',
		'status',
		'assignment_group',
		'short_description'
	],
	throughput: ['date', 'clinic_id', 'provider_id', 'scheduled_visits', 'completed_visits'],
	billing: ['encounter_id', 'clinic_id', 'date_of_service', 'charge_posted_on', 'claim_submitted_on', 'denied']
} as const;
export type TableName = keyof typeof COLUMNS;
