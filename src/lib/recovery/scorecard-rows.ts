import type { Table } from 'apache-arrow';
import { numbers, strings } from '$lib/results/columns';
import { compareClinicIds } from '$lib/scope/clinic-order';
import type { SortKey } from './scorecard-sort';
import type { Status } from './settings';

export type { Status };

/** A clinic's standing on one rule (see `statusOf` in `$lib/sql/recovery/scope`). */

const STATUSES: readonly Status[] = ['on_track', 'watch', 'slow', 'pending', 'unknown'];
const asStatus = (value: string | null | undefined): Status => STATUSES.find((s) => s === value) ?? 'unknown';

export interface Standing {
	/** Weeks since go-live to recovery (or stabilization); null while not reached. */
	readonly week: number | null;
	/** The last week since go-live measured. */
	readonly last: number | null;
	readonly status: Status;
	/** The weekly values behind it, over the scorecard's common weeks, for the sparkline. */
	readonly spark: readonly (number | null)[];
	/** The line the values must reach (threshold, or the clinic's own limit). */
	readonly limit: number | null;
}

export interface ScorecardRow {
	readonly clinicId: string;
	readonly clinicName: string;
	readonly site: string;
	readonly goLive: string;
	readonly tickets: Standing;
	readonly productivity: Standing;
	readonly billing: Standing;
	readonly openTickets: number;
	readonly openPer100: number | null;
	readonly topCause: { readonly cause: string; readonly share: number } | null;
}

/** The weekly values behind the sparklines: rows of (clinic key column, k, value). */
export interface SparkSource {
	readonly table: Table;
	readonly key: string;
	readonly value: string;
}

/** A sparkline source decoded once: its rows' clinics, weeks and values, and each clinic's last week measured. */
interface DecodedSpark {
	readonly ids: readonly (string | null)[];
	readonly ks: readonly (number | null)[];
	readonly values: readonly (number | null)[];
	/** Per clinic (a row without one under ''), the last week measured, as `lastWeek` reads it (0 at least). */
	readonly last: ReadonlyMap<string, number>;
}

function decodeSpark(source: SparkSource): DecodedSpark {
	const ids = strings(source.table, source.key);
	const ks = numbers(source.table, 'k');
	const last = new Map<string, number>();
	ks.forEach((k, i) => {
		const id = ids[i] ?? '';
		if (k !== null && k > (last.get(id) ?? 0)) last.set(id, k);
	});
	return { ids, ks, values: numbers(source.table, source.value), last };
}

/** Per clinic, its values at weeks `from..to` (null where not measured). */
function sparkValues(source: DecodedSpark, from: number, to: number): Map<string, (number | null)[]> {
	const { ids, ks, values } = source;
	const out = new Map<string, (number | null)[]>();
	ids.forEach((id, i) => {
		const k = ks[i];
		if (id === null || k === null || k === undefined || k < from || k > to) return;
		let row = out.get(id);
		if (!row) out.set(id, (row = new Array<number | null>(to - from + 1).fill(null)));
		row[k - from] = values[i] ?? null;
	});
	return out;
}

/**
 * The last week any of the clinics (all when not given) was measured in a source: the sparklines' common right edge.
 * A loop over each clinic's last week, not Math.max(...): spreading a row per clinic and week (millions at 100,000 clinics) overflows the call stack.
 */
function lastWeek(source: DecodedSpark, clinics?: ReadonlySet<string>): number {
	let last = 0;
	for (const [id, k] of source.last) if (k > last && (!clinics || clinics.has(id))) last = k;
	return last;
}

export interface ScorecardSources {
	readonly card: Table;
	readonly tickets: SparkSource;
	readonly productivity: SparkSource;
	readonly billing: SparkSource;
	/** `topRootCauses()`, once the attribution is built. */
	readonly causes: Table | null;
	/** Sparklines start this many weeks before go-live (tickets start at go-live). */
	readonly before: number;
	readonly productivityThreshold: number;
	/**
	 * The clinics to show, when not every clinic of the card: only their rows are made, and
	 * the productivity and billing sparklines end at the last week measured among them.
	 */
	readonly shown?: ReadonlySet<string>;
}

/**
 * What a scope does not change, kept per card and sources: the decoded sources, and every clinic's
 * row per right edge of the sparklines. A filter change then picks rows instead of building them,
 * and a row it keeps is the same object as before, which the page's keyed table leaves as it is.
 */
interface Kept {
	readonly inputs: readonly unknown[];
	readonly tickets: DecodedSpark;
	readonly productivity: DecodedSpark;
	readonly billing: DecodedSpark;
	readonly rows: Map<string, ScorecardRow[]>;
}
const kept = new WeakMap<Table, Kept>();
/** Right edges kept per card: a few scopes' worth (most scopes share one edge). */
const EDGES_KEPT = 16;

const inputsOf = (src: ScorecardSources): unknown[] => {
	const { tickets, productivity, billing } = src;
	return [
		tickets.table,
		tickets.key,
		tickets.value,
		productivity.table,
		productivity.key,
		productivity.value,
		billing.table,
		billing.key,
		billing.value,
		src.causes,
		src.before,
		src.productivityThreshold
	];
};

function keptFor(src: ScorecardSources): Kept {
	const inputs = inputsOf(src);
	const found = kept.get(src.card);
	if (found && found.inputs.every((v, i) => v === inputs[i])) return found;
	const fresh = { inputs, tickets: decodeSpark(src.tickets), productivity: decodeSpark(src.productivity), billing: decodeSpark(src.billing), rows: new Map() };
	kept.set(src.card, fresh);
	return fresh;
}

/** Scorecard rows from the scorecard query, the weekly series and (when built) each clinic's top root cause. */
export function scorecardRows(src: ScorecardSources): ScorecardRow[] {
	const k = keptFor(src);
	const edges = { productivity: lastWeek(k.productivity, src.shown), billing: lastWeek(k.billing, src.shown) };
	const edgeKey = `${edges.productivity}|${edges.billing}`;
	let all = k.rows.get(edgeKey);
	if (!all) {
		if (k.rows.size >= EDGES_KEPT) k.rows.clear();
		all = allRows(src, k, edges);
		k.rows.set(edgeKey, all);
	}
	const shown = src.shown;
	return shown ? all.filter((r) => shown.has(r.clinicId)) : [...all];
}

/** Every clinic's row, the productivity and billing sparklines ending at the given weeks. */
function allRows(src: ScorecardSources, k: Kept, edges: { productivity: number; billing: number }): ScorecardRow[] {
	const card = src.card;
	const col = (name: string) => strings(card, name);
	const num = (name: string) => numbers(card, name);
	const [ids, names, sites, goLives] = [col('clinic_id'), col('clinic_name'), col('site'), col('go_live')];
	const tickets = sparkValues(k.tickets, 0, lastWeek(k.tickets));
	const productivity = sparkValues(k.productivity, -src.before, edges.productivity);
	const billing = sparkValues(k.billing, -src.before, edges.billing);
	const ticketLimits = new Map<string, number | null>();
	const limits = numbers(src.tickets.table, 'rate_limit');
	k.tickets.ids.forEach((id, i) => {
		if (id !== null && !ticketLimits.has(id)) ticketLimits.set(id, limits[i] ?? null);
	});
	const topCause = new Map<string, { cause: string; share: number }>();
	if (src.causes) {
		const shares = numbers(src.causes, 'share');
		const causes = strings(src.causes, 'root_cause');
		strings(src.causes, 'clinic_id').forEach((id, i) => {
			if (id !== null) topCause.set(id, { cause: causes[i] ?? '', share: shares[i] ?? 0 });
		});
	}
	const standings = (prefix: string, spark: Map<string, (number | null)[]>, limit: (id: string, i: number) => number | null) => {
		const [weeks, lasts, statuses] = [num(`${prefix}_week`), num(`${prefix}_last_week`), col(`${prefix}_status`)];
		return ids.map((id, i): Standing => ({
			week: weeks[i] ?? null,
			last: lasts[i] ?? null,
			status: asStatus(statuses[i]),
			spark: spark.get(id ?? '') ?? [],
			limit: limit(id ?? '', i)
		}));
	};
	const billingLimits = num('billing_limit');
	const ticketStandings = standings('tickets', tickets, (id) => ticketLimits.get(id) ?? null);
	const productivityStandings = standings('productivity', productivity, () => src.productivityThreshold);
	const billingStandings = standings('billing', billing, (_, i) => billingLimits[i] ?? null);
	const open = num('open_tickets');
	const openPer100 = num('open_per_100_users');
	const unmeasured: Standing = { week: null, last: null, status: 'unknown', spark: [], limit: null };
	return ids.map((raw, i) => {
		const id = raw ?? '';
		return {
			clinicId: id,
			clinicName: names[i] ?? id,
			site: sites[i] ?? '',
			goLive: goLives[i] ?? '',
			tickets: ticketStandings[i] ?? unmeasured,
			productivity: productivityStandings[i] ?? unmeasured,
			billing: billingStandings[i] ?? unmeasured,
			openTickets: open[i] ?? 0,
			openPer100: openPer100[i] ?? null,
			topCause: topCause.get(id) ?? null
		};
	});
}

/** Recovered soonest first; then slow, pending and unknown clinics. */
function standingRank(s: Standing): number {
	if (s.week !== null) return s.week;
	return { on_track: 0, watch: 0, slow: 1000, pending: 2000, unknown: 3000 }[s.status] + (s.last ?? 0);
}

function sortValue(row: ScorecardRow, key: SortKey): string | number {
	switch (key) {
		case 'clinic':
			return row.clinicId;
		case 'site':
			return row.site;
		case 'goLive':
			return row.goLive;
		case 'tickets':
		case 'productivity':
		case 'billing':
			return standingRank(row[key]);
		case 'open':
			return row.openTickets;
		case 'cause':
			return row.topCause?.cause ?? '\uffff';
	}
}

/** Rows sorted by a column; ties keep go-live then clinic order. */
export function sortRows(rows: readonly ScorecardRow[], key: SortKey, ascending: boolean): ScorecardRow[] {
	const sign = ascending ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = sortValue(a, key);
		const y = sortValue(b, key);
		const order = typeof x === 'number' && typeof y === 'number' ? x - y : key === 'clinic' ? compareClinicIds(String(x), String(y)) : String(x).localeCompare(String(y));
		return sign * order || a.goLive.localeCompare(b.goLive) || compareClinicIds(a.clinicId, b.clinicId);
	});
}
