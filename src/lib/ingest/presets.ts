/**
 * Built-in mapping presets: the contract's own column names for each table, a ServiceNow
 * incident export and a Jira / Jira Service Management CSV export of tickets.
 */
import { TABLE_NAMES, TABLES, UNASSIGNED_CLINIC, type TableName } from '$lib/contract/tables';
import { PresetSchema, type Preset } from './mapping';

function canonicalPreset(table: TableName): Preset {
	return PresetSchema.parse({
		id: `canonical:${table}`,
		label: `Hypercare ${table} columns`,
		table,
		columns: Object.fromEntries(TABLES[table].columns.map((c) => [c.name, [c.name]])),
		dateFormat: 'iso'
	});
}

/**
 * ServiceNow incident list or event-log export (tests/fixtures/servicenow-incident-log):
 * day-first dates, `?` for missing, one row per change of an incident, `location` as clinic; an
 * incident with no location goes to the "unassigned" clinic, as a Jira issue with none does (not a
 * clinic of its own: it would count, sort and be measured like one). Categories are the instance's
 * own, so they read as `other` unless the user maps them; the raw text stays in `category_source`.
 */
const SERVICENOW = PresetSchema.parse({
	id: 'servicenow',
	label: 'ServiceNow incidents',
	table: 'tickets',
	columns: {
		ticket_id: ['number'],
		opened_at: ['opened_at', 'sys_created_on', 'sys_created_at'],
		resolved_at: ['resolved_at'],
		updated_at: ['sys_updated_at', 'sys_updated_on'],
		clinic_id: ['location', 'u_location'],
		reporter_id: ['caller_id', 'caller'],
		category: ['category'],
		workflow_area: ['u_workflow_area'],
		priority: ['priority'],
		status: ['incident_state', 'state'],
		assignment_group: ['assignment_group'],
		short_description: ['short_description']
	},
	signature: ['number', 'sys_mod_count', 'sys_updated_at', 'sys_updated_on', 'incident_state', 'caller_id'],
	values: {
		category: { values: {}, otherwise: 'other' },
		priority: { values: { '1 - critical': '1', '2 - high': '2', '3 - moderate': '3', '4 - low': '4', '5 - planning': '5' } }
	},
	fill: { clinic_id: UNASSIGNED_CLINIC, category: 'other' },
	dateFormat: 'day_first',
	missing: ['', '?'],
	// Closed incidents may lack resolved_at (1,556 of the log's 24,918): closed_at, else a closed state or active = false at its last update.
	closure: { times: ['closed_at'], flags: [{ column: 'active', values: ['false'] }] },
	version: 'sys_mod_count'
});

/**
 * Priority schemes of common trackers onto the contract's 1 (highest) to 5: `P1`-`P5`,
 * `Highest`...`Lowest` (and Blocker, Critical, Major, Minor, Trivial), ServiceNow's
 * `1 - Critical`...`5 - Planning`. `None` (Jira's "no priority") is mapped to nothing: NULL.
 */
export const PRIORITY_SCHEMES: Readonly<Record<string, string>> = {
	p1: '1',
	p2: '2',
	p3: '3',
	p4: '4',
	p5: '5',
	highest: '1',
	blocker: '1',
	critical: '1',
	urgent: '1',
	high: '2',
	major: '2',
	medium: '3',
	normal: '3',
	moderate: '3',
	low: '4',
	minor: '4',
	lowest: '5',
	trivial: '5',
	planning: '5',
	'1 - critical': '1',
	'2 - high': '2',
	'3 - moderate': '3',
	'4 - low': '4',
	'5 - planning': '5',
	none: ''
};

/**
 * Jira / Jira Service Management "Export CSV (all fields)", and the list view's "current fields"
 * export (`Key` for `Issue key`). The clinic comes from a custom field or components; an issue
 * with none goes to the "unassigned" clinic. Repeated headers (Sprint, Comment, Labels,
 * Watchers) are kept as columns with a suffix: `Sprint`, `Sprint_2`, `Sprint_3`.
 */
const JIRA = PresetSchema.parse({
	id: 'jira',
	label: 'Jira / Jira Service Management',
	table: 'tickets',
	columns: {
		ticket_id: ['Issue key', 'Key'],
		opened_at: ['Created'],
		resolved_at: ['Resolved'],
		updated_at: ['Updated'],
		clinic_id: ['Custom field (Clinic)', 'Custom field (Location)', 'Custom field (Site)', 'Component/s', 'Components'],
		reporter_id: ['Reporter', 'Reporter Id'],
		category: ['Issue Type'],
		workflow_area: ['Custom field (Workflow area)', 'Custom field (Workflow)'],
		priority: ['Priority'],
		status: ['Status'],
		assignment_group: ['Custom field (Team)', 'Custom field (Assignment group)', 'Custom field (Request Type)'],
		short_description: ['Summary']
	},
	signature: ['Issue key', 'Issue id', 'Issue Type', 'Summary', 'Project key', 'Key'],
	values: {
		category: {
			values: {
				bug: 'break_fix',
				incident: 'break_fix',
				problem: 'break_fix',
				question: 'how_to',
				'service request': 'how_to',
				'[system] service request': 'how_to',
				'[system] incident': 'break_fix',
				access: 'access',
				'access request': 'access',
				story: 'build_request',
				'new feature': 'build_request',
				improvement: 'build_request',
				change: 'build_request',
				'[system] change': 'build_request',
				task: 'other',
				'sub-task': 'other'
			}
		},
		priority: { values: PRIORITY_SCHEMES }
	},
	fill: { clinic_id: UNASSIGNED_CLINIC },
	dateFormat: 'jira',
	// Done-category statuses without a resolution: the status category's time of change, else Updated.
	closure: {
		statusValues: ['done', 'closed', 'resolved', 'cancelled', 'canceled', "won't do", "won't fix", 'declined', 'complete', 'completed'],
		flags: [{ column: 'Status Category', values: ['done'] }],
		flagTimes: ['Status Category Changed']
	}
});

export const CANONICAL_PRESETS: Readonly<Record<TableName, Preset>> = Object.fromEntries(TABLE_NAMES.map((t) => [t, canonicalPreset(t)])) as Record<TableName, Preset>;

export const PRESETS: readonly Preset[] = [...TABLE_NAMES.map((t) => CANONICAL_PRESETS[t]), SERVICENOW, JIRA];

export function presetById(id: string): Preset | undefined {
	return PRESETS.find((p) => p.id === id);
}
