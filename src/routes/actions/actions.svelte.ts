import type { Drill } from '$lib/attribution/drill';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import type { Engine } from '$lib/engine';
import { toCsv } from '$lib/export/csv';
import { takeFilterChoices } from '$lib/page/take-filter-choices';
import { once, pageClient } from '$lib/page/protocol';
import { PageRunner } from '$lib/page/runner';
import type { ClinicChoice, ExportThinning } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { actionContext, allActionRows } from '$lib/sql/actions/action-report';
import { encodeLink, HASH_KEY } from '$lib/url-state/codec';
import { actionsInScope } from './in-scope';
import { LINK_VERSION } from '$lib/url-state/schema';

/** The root-cause drill-down that lists an action's tickets (ids only: never a user's name). */
export function drillOf(row: PlainRow): Drill | null {
	const clinic = typeof row.clinic_id === 'string' ? row.clinic_id : null;
	const area = typeof row.workflow_area === 'string' ? row.workflow_area : null;
	switch (row.kind) {
		case 'reconcile_variance':
			return clinic && area ? { by: 'variance', clinic, area } : null;
		case 'train_users':
			return clinic && area ? { by: 'training-gap', clinic, area } : null;
		case 'fix_defect':
			return typeof row.incident_id === 'string' ? { by: 'incident', incident: row.incident_id } : null;
		case 'clean_conversion':
			return clinic ? { by: 'clinic-cause', clinic, cause: 'data_conversion' } : null;
		default:
			return null;
	}
}

/** The CSV's columns: the agenda's figures, without who the untrained users are (the page shows that). */
const CSV_COLUMNS = [
	['rank', 'rank'],
	['action', 'action'],
	['kind', 'kind'],
	['detail', 'detail'],
	['clinics', 'clinics'],
	['workflow_area', 'workflow_area'],
	['incident_id', 'incident_id'],
	['users_touched', 'users_touched'],
	['tickets_removed_next_4_weeks', 'removed_ahead'],
	['tickets_removed_low_95', 'removed_low'],
	['tickets_removed_high_95', 'removed_high'],
	['excess_tickets_per_week_now', 'excess_per_week'],
	['excess_low_95', 'excess_low'],
	['excess_high_95', 'excess_high'],
	['tickets_attributed_now', 'tickets_touched'],
	['decay_factor', 'decay'],
	['observed', 'observed'],
	['expected', 'expected'],
	['rate_ratio', 'rate_ratio'],
	['rate_ratio_low_95', 'rr_low'],
	['rate_ratio_high_95', 'rr_high']
] as const;

export function actionsCsv(rows: readonly PlainRow[]): string {
	return toCsv(
		CSV_COLUMNS.map(([name]) => name),
		rows.map((r) => CSV_COLUMNS.map(([, key]) => r[key] ?? null))
	);
}

/**
 * The ranked actions in a scope: every action asked once per data, the scope kept in JS
 * (in-scope.ts), so a filter change does not recompute the `action_list` view.
 */
const actionsClient = pageClient({
	queries: () => ({ rows: once(allActionRows()) }),
	model: (r, f: OverviewFilters): PlainRow[] => actionsInScope(r.rows, f)
});

/** Actions the page shows until the user asks for all of them. */
export const FIRST_ACTIONS = 10;

/** State of the action-list page: filters in; the ranked actions, their links and the data's limits out. */
export class ActionsState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	/** Where the export thins out: the action list's "now" is before it (sql/actions/action-list.ts). */
	thinning = $state.raw<ExportThinning | null>(null);
	rows = $state.raw<readonly PlainRow[] | null>(null);
	links = $state.raw<ReadonlyMap<string, string>>(new Map());
	context = $state.raw<PlainRow | null>(null);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#runner = new PageRunner(this);
	/**
	 * How many of the ranked actions are shown: only their links are encoded. A link deflates its scope
	 * once a site is chosen (codec.ts), about 0.3 ms each, and every action in scope (hundreds) made a
	 * site change wait 100–300 ms for links no one could see.
	 */
	#shown = FIRST_ACTIONS;

	async start(engine: Engine): Promise<void> {
		this.#runner.attach(engine);
		await takeFilterChoices(engine, this);
		this.context = plainRows(await engine.query(actionContext()))[0] ?? {};
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	/** The page shows every action, or the first ones again: the links follow what is shown. */
	showAll(all: boolean): void {
		this.#shown = all ? Infinity : FIRST_ACTIONS;
		if (all) void this.refresh();
	}

	async refresh(): Promise<void> {
		const f = this.filters;
		const shown = this.#shown;
		await this.#runner.run(
			async (ask) => {
				const rows = await ask(actionsClient, f);
				return { rows, links: await ticketLinks(rows.slice(0, shown), f) };
			},
			(r) => {
				this.rows = r.rows;
				this.links = r.links;
			}
		);
	}
}

/**
 * Per action, a link to the root-cause page with the tickets behind it open, in the same filters.
 * Encoded together rather than one after another: a long scope deflates each link, and a
 * filter change waits for all of them.
 */
async function ticketLinks(rows: readonly PlainRow[], filters: OverviewFilters): Promise<Map<string, string>> {
	const links = await Promise.all(
		rows.map(async (row): Promise<[string, string] | null> => {
			const drill = drillOf(row);
			if (drill === null || typeof row.action_id !== 'string') return null;
			return [row.action_id, `#${HASH_KEY}=${await encodeLink({ v: LINK_VERSION, scope: filters, drill })}`];
		})
	);
	return new Map(links.filter((link) => link !== null));
}
