/**
 * The action-list bench's pieces: a go-live cut at a day (the data a leader has then), the
 * action list computed on it, and each action's real effect from replaying the go-live with
 * the action done (scripts/sample/replay.ts).
 */
import type { Table } from 'apache-arrow';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables, type TableFile } from '$lib/data/load-tables';
import { isoDate, dayOf } from '../sample/calendar';
import { csvLine, type Cell } from '../sample/csv-writer';
import { clinicRows, trainingRows, varianceRows } from '../sample/reference-rows';
import { removedTickets, replayTickets, type ReplayAction } from '../sample/replay';
import { expectedRemoved } from '../sample/replay-expected';
import { ticketRows, type Ticket } from '../sample/tickets';
import { columnsOf, type Area, type TableName } from '../sample/vocabulary';
import type { World } from '../sample/world';
import { startNativeEngine } from './native-engine';

const encoder = new TextEncoder();

function file(table: TableName, rows: Iterable<readonly Cell[]>): TableFile {
	let text = csvLine(columnsOf(table));
	for (const row of rows) text += csvLine(row);
	return { table, name: `${table}.csv`, bytes: encoder.encode(text) };
}

/** The reference tables and tickets as they read on the morning of `asOf`: nothing after it is known. */
export function filesAsOf(world: World, tickets: readonly Ticket[], asOf: number): TableFile[] {
	const cut = isoDate(asOf);
	// What is dated the morning of `asOf` (a course completed, a variance reconciled) is known.
	const before = (d: Cell) => typeof d === 'string' && d.slice(0, 10) <= cut;
	const opened = (d: Cell) => typeof d === 'string' && d.slice(0, 10) < cut;
	const seen = tickets.filter((t) => t.draft.opened < asOf * 86_400);
	const ticketsNow = [...ticketRows(seen, world)].map((r) => (opened(r[2] ?? null) ? r : [r[0] ?? null, r[1] ?? null, null, r[1] ?? null, ...r.slice(4, 9), 'in_progress', ...r.slice(10)]));
	const training = [...trainingRows(world)].map((r) => (r[4] === null || before(r[4] ?? null) ? r : [...r.slice(0, 4), null, null]));
	const variance = [...varianceRows(world)].map((r) => (r[3] === 'reconciled' && !before(r[4] ?? null) ? [r[0] ?? null, r[1] ?? null, r[2] ?? null, 'unreconciled', null] : r));
	return [file('clinics', clinicRows(world)), file('training', training), file('workflow_variance', variance), file('tickets', ticketsNow)];
}

export interface ListedAction {
	readonly rank: number;
	readonly actionId: string;
	readonly action: ReplayAction;
	readonly removed: number | null;
	readonly perWeek: number | null;
	readonly decay: number | null;
	readonly low: number | null;
	readonly high: number | null;
}

const column = (table: Table, name: string): unknown[] => Array.from((table.getChild(name) ?? []) as Iterable<unknown>);

/** The generator's defect behind an incident id `BD-<area>-<first week>`: same area, starting in that week. */
function defectOf(world: World, incidentId: string): string {
	const match = /^BD-(.+)-(\d{4}-\d{2}-\d{2})$/.exec(incidentId);
	const week = match ? dayOf(match[2] ?? '') : NaN;
	const found = world.defects.find((d) => d.area === match?.[1] && d.start >= week && d.start < week + 7);
	return found?.id ?? incidentId;
}

function toAction(world: World, id: string, day: number): ReplayAction {
	const [kind, key, area] = id.split(':');
	if (kind === 'reconcile_variance' || kind === 'train_users') return { kind, clinicId: key ?? '', area: area as Area, day };
	if (kind === 'fix_defect') return { kind, defectId: defectOf(world, key ?? ''), day };
	return { kind: 'clean_conversion', clinicId: key ?? '', day };
}

/** The action list the app computes on the go-live cut at `asOf`. */
export async function listAt(world: World, tickets: readonly Ticket[], asOf: number): Promise<{ done: number; actions: ListedAction[] }> {
	const engine = await startNativeEngine();
	try {
		await loadCanonicalTables(engine, filesAsOf(world, tickets, asOf));
		await buildAttribution(engine);
		const table = await engine.query(
			`SELECT rank, action_id, excess_per_week, decay, removed_ahead, removed_low, removed_high, strftime(done_on, '%Y-%m-%d') AS done FROM action_list ORDER BY rank`
		);
		const done = dayOf(String(column(table, 'done')[0] ?? isoDate(asOf)));
		const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
		const ids = column(table, 'action_id').map(String);
		const removed = column(table, 'removed_ahead');
		const low = column(table, 'removed_low');
		const high = column(table, 'removed_high');
		const actions = ids.map((actionId, i) => ({
			rank: i + 1,
			actionId,
			action: toAction(world, actionId, done),
			removed: num(removed[i]),
			perWeek: num(column(table, 'excess_per_week')[i]),
			decay: num(column(table, 'decay')[i]),
			low: num(low[i]),
			high: num(high[i])
		}));
		return { done, actions };
	} finally {
		await engine.close();
	}
}

/** Tickets opened in [from, from + days). */
const within = (tickets: readonly Ticket[], from: number, days: number) => tickets.filter((t) => t.draft.opened >= from * 86_400 && t.draft.opened < (from + days) * 86_400).length;

/** Tickets the action really removes over `days` from its day: the go-live minus its replay. */
export function realEffect(world: World, tickets: readonly Ticket[], action: ReplayAction, days: number): number {
	return within(tickets, action.day, days) - within(replayTickets(world, tickets, action), action.day, days);
}

export interface TrueEffect {
	/** The mean of the tickets removed, from the planted rates (replay-expected.ts). */
	readonly expected: number;
	/** The tickets one replay removes (this go-live's draw). */
	readonly real: number;
}

/**
 * Every action that could be taken on `day`, with its true effect over `days`: each variance
 * still active, each clinic-area with users untrained that day, each defect already started
 * and not over, each clinic's converted data.
 */
export function everyAction(world: World, tickets: readonly Ticket[], day: number, days: number): Map<string, TrueEffect> {
	const out = new Map<string, TrueEffect>();
	const id = (c: number) => world.clinics[c]?.id ?? '?';
	const add = (key: string, action: ReplayAction) => {
		if (out.has(key)) return;
		const real = removedTickets(world, tickets, action).filter((t) => t.draft.opened < (day + days) * 86_400).length;
		out.set(key, { expected: expectedRemoved(world, action, days), real });
	};
	for (const v of world.register.variances) {
		if (v.status === 'unreconciled' || (v.status === 'reconciled' && (v.reconciledOn ?? 0) > day))
			add(`reconcile_variance:${id(v.clinic)}:${v.area}`, { kind: 'reconcile_variance', clinicId: id(v.clinic), area: v.area, day });
	}
	for (const r of world.training) {
		if (r.completedOn === null || r.completedOn > day) add(`train_users:${id(r.user.clinic)}:${r.area}`, { kind: 'train_users', clinicId: id(r.user.clinic), area: r.area, day });
	}
	for (const d of world.defects) if (d.start < day && d.end >= day) add(`fix_defect:${d.id}`, { kind: 'fix_defect', defectId: d.id, day });
	for (const c of world.clinics) if (c.goLive < day) add(`clean_conversion:${c.id}`, { kind: 'clean_conversion', clinicId: c.id, day });
	return out;
}

/** The key `everyAction` gives the same action. */
export function truthKey(action: ReplayAction): string {
	return action.kind === 'fix_defect'
		? `fix_defect:${action.defectId}`
		: action.kind === 'clean_conversion'
			? `clean_conversion:${action.clinicId}`
			: `${action.kind}:${action.clinicId}:${action.area}`;
}
