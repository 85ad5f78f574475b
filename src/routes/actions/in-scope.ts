import type { Table } from 'apache-arrow';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import type { OverviewFilters } from '$lib/scope/filters';

/** What the scope test of an action reads: the clinics of the action the clinic list has, and their sites. */
interface ScopedActions {
	readonly rows: readonly PlainRow[];
	readonly clinics: readonly (readonly string[])[];
	readonly sites: readonly (readonly string[])[];
}

const made = new WeakMap<Table, ScopedActions>();

function listsOf(table: Table, name: string): string[][] {
	const column = table.getChild(name);
	const out: string[][] = [];
	for (let i = 0; i < table.numRows; i++) {
		const value = column?.get(i) as { toArray(): unknown[] } | null | undefined;
		out.push(value ? [...value.toArray()].filter((v): v is string => typeof v === 'string') : []);
	}
	return out;
}

/** Rows and lists once per result: a filter change only tests them. */
function scopedActions(table: Table): ScopedActions {
	let found = made.get(table);
	if (!found) {
		const rows = plainRows(table.select(table.schema.fields.map((f) => f.name).filter((name) => name !== 'scope_clinics' && name !== 'scope_sites')));
		found = { rows, clinics: listsOf(table, 'scope_clinics'), sites: listsOf(table, 'scope_sites') };
		made.set(table, found);
	}
	return found;
}

/**
 * The actions in scope, best first, from every action (sql/actions/action-report.ts
 * `allActionRows`), as `actionRows` keeps them: an action stays when one of its clinics is a
 * chosen clinic (when clinics are chosen) and one of its clinics is at a chosen site (when
 * sites are chosen). The date range does not move the list.
 */
export function actionsInScope(table: Table, f: OverviewFilters): PlainRow[] {
	const { rows, clinics, sites } = scopedActions(table);
	const chosenClinics = new Set(f.clinics);
	const chosenSites = new Set(f.sites);
	return rows.filter(
		(_, i) => (chosenClinics.size === 0 || (clinics[i] ?? []).some((c) => chosenClinics.has(c))) && (chosenSites.size === 0 || (sites[i] ?? []).some((s) => chosenSites.has(s)))
	);
}
