/**
 * The canonical tables of the data contract (docs/data-contract.md), as DuckDB types.
 * Everything downstream speaks only these names.
 */
export type DuckType = 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export interface ColumnSpec {
	readonly name: string;
	readonly type: DuckType;
	readonly required: boolean;
}

export interface TableSpec {
	readonly name: TableName;
	readonly columns: readonly ColumnSpec[];
	/** Columns that identify a row once duplicates are merged. */
	readonly key: readonly string[];
}

export const TABLE_NAMES = ['clinics', 'training', 'workflow_variance', 'tickets', 'throughput', 'billing'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const col = (name: string, type: DuckType, required = false): ColumnSpec => ({ name, type, required });

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
	clinics: {
		name: 'clinics',
		key: ['clinic_id'],
		columns: [
			col('clinic_id', 'VARCHAR', true),
			col('clinic_name', 'VARCHAR'),
			col('site', 'VARCHAR'),
			col('specialty', 'VARCHAR'),
			col('go_live_date', 'DATE', true),
			col('providers', 'INTEGER')
		]
	},
	training: {
		name: 'training',
		key: ['user_id', 'workflow_area'],
		columns: [
			col('user_id', 'VARCHAR', true),
			col('clinic_id', 'VARCHAR', true),
			col('role', 'VARCHAR'),
			col('workflow_area', 'VARCHAR', true),
			col('completed_on', 'DATE'),
			col('score', 'DOUBLE')
		]
	},
	workflow_variance: {
		name: 'workflow_variance',
		key: ['clinic_id', 'workflow_area', 'description'],
		columns: [col('clinic_id', 'VARCHAR', true), col('workflow_area', 'VARCHAR', true), col('description', 'VARCHAR'), col('status', 'VARCHAR', true), col('reconciled_on', 'DATE')]
	},
	tickets: {
		name: 'tickets',
		key: ['ticket_id'],
		columns: [
			col('ticket_id', 'VARCHAR', true),
			col('opened_at', 'TIMESTAMP', true),
			col('resolved_at', 'TIMESTAMP'),
			col('updated_at', 'TIMESTAMP'),
			col('clinic_id', 'VARCHAR', true),
			col('reporter_id', 'VARCHAR'),
			col('category', 'VARCHAR', true),
			col('workflow_area', 'VARCHAR'),
			col('priority', 'INTEGER'),
			col('status', 'VARCHAR'),
			col('assignment_group', 'VARCHAR'),
			col('short_description', 'VARCHAR')
		]
	},
	throughput: {
		name: 'throughput',
		key: ['date', 'clinic_id', 'provider_id'],
		columns: [col('date', 'DATE', true), col('clinic_id', 'VARCHAR', true), col('provider_id', 'VARCHAR'), col('scheduled_visits', 'INTEGER'), col('completed_visits', 'INTEGER', true)]
	},
	billing: {
		name: 'billing',
		key: ['encounter_id'],
		columns: [
			col('encounter_id', 'VARCHAR', true),
			col('clinic_id', 'VARCHAR', true),
			col('date_of_service', 'DATE', true),
			col('charge_posted_on', 'DATE'),
			col('claim_submitted_on', 'DATE'),
			col('denied', 'BOOLEAN')
		]
	}
};

export { ROLES, ROOT_CAUSES, TICKET_CATEGORIES, UNASSIGNED_CLINIC, VARIANCE_STATUSES, WORKFLOW_AREAS } from './vocabulary';
