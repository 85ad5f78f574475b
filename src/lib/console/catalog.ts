import { TABLE_NAMES } from '$lib/contract/tables';
import { ANALYSIS_VIEWS } from '$lib/sql/views';

/**
 * What each documented table and view holds, in one line (from docs/data-contract.md and
 * docs/sql.md), for the console's schema browser.
 */
export const DESCRIPTIONS: Readonly<Record<string, string>> = {
	clinics: 'One row per clinic: site, specialty, its own go-live date, provider FTEs.',
	training: 'One row per user and workflow area assigned: role, completed_on (empty = never), score.',
	workflow_variance: 'The workflow-mapping register: where a clinic differs, status and reconciled_on.',
	tickets: 'Support tickets: opened/resolved/updated, clinic, reporter, category, workflow area, priority, text.',
	throughput: 'Scheduled and completed visits per clinic (or provider) per day.',
	billing: 'One row per encounter: date of service, charge posted, claim submitted, first-pass denial.',
	clinic_users: 'One row per clinic: distinct users in the training roster (the per-100-user denominator).',
	ticket_facts: 'One row per ticket, plus clinic name, site, go-live date, week, go_live_week and hours_to_resolve.',
	throughput_facts: 'One row per throughput row, plus clinic name, site, go-live date, week and go_live_week.',
	billing_facts: 'One row per encounter, plus clinic, week, go_live_week, charge_lag_days and billing_lag_days.',
	action_list: 'This week’s actions: one row per action the data supports, excess tickets now and tickets removed over 4 weeks, with 95% intervals.',
	action_horizon: 'The action list’s weeks: the last two complete weeks (now), the Monday actions are done from, the end of the 4 weeks ahead.',
	action_curves: 'The go-live curves that carry an action’s excess forward: workflow tickets per user and conversion tickets per clinic by go-live week.',
	action_decay: 'Per clinic and curve: the factor from a week now to the 4 weeks ahead.',
	action_defect_persistence: 'How much of a build-defect incident’s excess earlier incidents still had in the 4 weeks after.',
	ticket_root_cause: 'One or more rows per ticket: root cause, weight (a ticket’s weights sum to 1) and evidence in words.',
	overview_ticket_days: 'The overview’s pre-aggregate: per clinic, day opened and category, tickets and those still open.',
	overview_resolved_days: 'The overview’s pre-aggregate: per clinic and day resolved, tickets resolved (the backlog’s closing side).',
	overview_resolve_times: 'The overview’s pre-aggregate: one narrow row per resolved ticket (clinic, site, day opened, weeks, hours to resolve).',
	attribution_training_effect: 'Training effect, overall and per workflow area: untrained vs trained how-to rates, MH rate ratio, excess.',
	attribution_variance_effect: 'Each clinic-area variance left unreconciled after go-live: observed, expected, O/E with CI, p, BH q-value, shrunken O/E, excess.',
	attribution_incidents: 'Build-defect incidents: area, first and last day, clinics, observed, expected and excess tickets, and the rule (shared build or single wave).',
	attribution_training_rates: 'Per workflow area: the rate ratio that weighs untrained how-to tickets (own or pooled), with Cochran’s Q test of heterogeneity.',
	attribution_wave_cells: 'Go-live wave × area × calendar week: break-fix tickets against the wave’s other weeks and areas (single-wave defect rule).',
	attribution_area_tests: 'Every clinic × area since go-live: workflow tickets observed and expected (go-live week and training status), one-sided p.',
	attribution_ticket_base: 'One row per ticket: its kind (category cause, workflow, or read from its text), go-live week and, for workflow tickets, its description’s words.',
	attribution_ticket_rates: 'One row per ticket: what its weights are built from (training status, variance, incident cell) and each cause’s excess rate.',
	attribution_word_enrichment: 'Per area, kind and cause, how much more often each description word appears in the cause’s tickets than in the area’s baseline.',
	attribution_word_weights: 'Per ticket with a measured cause: its words’ likelihood ratio per cause, and its weights before and after the words placed them.',
	attribution_ticket_causes: 'The per-ticket causes and weights behind ticket_root_cause.',
	attribution_cause_days: 'The root-cause page’s pre-aggregate: per clinic, day opened and cause, attributed tickets and tickets touched.',
	attribution_user_weeks: 'User × workflow area × go-live week: share of workdays untrained, how-to tickets before and after training.',
	attribution_training_strata: 'One row per stratum (area × role × week band): tickets and user-weeks, trained and untrained.',
	attribution_area_users: 'Users per clinic and workflow area in the training roster.',
	attribution_variances: 'Each clinic and area variance and until when it stayed unreconciled.',
	attribution_defect_cells: 'Clinic × area × go-live week: break-fix and build-request tickets, observed and expected.',
	attribution_incident_cells: 'Clinic × area × go-live week cells that belong to a build-defect incident.',
	recovery_visit_weeks: 'The recovery page’s pre-aggregate: per clinic and week (calendar × go-live), provider-days and visits.',
	recovery_lag_days: 'The recovery page’s pre-aggregate: per clinic, day of service and lag in days (NULL = not yet), encounters.',
	recovery_horizon: 'The last day of the billing, throughput and ticket exports.',
	recovery_scorecard: 'One row per clinic, default rules: each measure’s status, recovery week and last week; DNFB baseline, band and now; open backlog; top root cause.',
	attribution_variance_cells: 'Clinic × area × go-live week: observed and expected tickets while a variance was active.',
	import_rejected_rows: 'The last import’s rejected rows: file, row, column, value and what was expected.'
};

export type ObjectGroup = 'canonical' | 'view' | 'derived' | 'yours';

const CANONICAL = new Set<string>(TABLE_NAMES);
/** Tables the pages derive from the data (overview, root-cause attribution, recovery). */
const DERIVED_PREFIXES = ['overview_', 'attribution_', 'recovery_', 'action_', 'ingest_', 'import_'];
const VIEWS = new Set<string>([...Object.keys(ANALYSIS_VIEWS), 'ticket_root_cause', 'recovery_scorecard', 'action_list']);

export function groupOf(name: string): ObjectGroup {
	const key = name.toLowerCase();
	if (CANONICAL.has(key)) return 'canonical';
	if (VIEWS.has(key)) return 'view';
	if (DERIVED_PREFIXES.some((prefix) => key.startsWith(prefix))) return 'derived';
	return 'yours';
}

/** The loaded data and what the pages derive from it: the dashboards read these names. */
export function isProtected(name: string): boolean {
	return groupOf(name) !== 'yours';
}
