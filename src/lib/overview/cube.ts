/**
 * The Overview's pre-aggregates (sql/overview-cube.ts) as typed arrays, made once per result
 * table and kept beside it (WeakMap), so each figure for a scope is a pass over a few thousand
 * rows (and the resolve times of the clinic-days in scope) in JS instead of a DuckDB query.
 */
import type { Table } from 'apache-arrow';
import { numbers, strings } from '$lib/results/columns';
import { decodedOnceAll, ints } from '$lib/results/decoded';
import { cellValues, type CellValues } from './exact-quantiles';

/** The go-live week of a row whose clinic has no go-live date (SQL NULL). */
export const NO_WEEK = -2147483648;

export interface CubeTables {
	readonly clinics: Table;
	readonly days: Table;
	readonly resolved: Table;
	readonly times: Table;
}

export interface CubeClinics {
	readonly ids: readonly string[];
	readonly names: readonly string[];
	readonly sites: readonly (string | null)[];
	/** Go-live date as days since 1970-01-01; NaN without one. */
	readonly goLive: Float64Array;
	readonly users: readonly (number | null)[];
	/** Rank of the id in SQL's string order (the heatmap's tie-break). */
	readonly idOrder: Int32Array;
}

/** Rows of one pre-aggregate grouped by clinic: rows of clinic c are first[c] ..< end[c]. */
interface ByClinic {
	readonly first: Int32Array;
	readonly end: Int32Array;
}

export interface TicketDays extends ByClinic {
	readonly day: Int32Array;
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	/** Index into `categories` (sorted as SQL sorts them). */
	readonly category: Int32Array;
	readonly categories: readonly string[];
	readonly tickets: Int32Array;
	readonly open: Int32Array;
}

export interface ResolvedDays extends ByClinic {
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	readonly resolved: Int32Array;
}

/** Clinic-days (cells) with the hours each resolved ticket took, sorted, cell by cell. */
export interface ResolveTimes extends ByClinic {
	readonly day: Int32Array;
	readonly week: Int32Array;
	readonly goLiveWeek: Int32Array;
	/** Hours of cell i, ascending: hours.values[hours.start[i] ..< hours.start[i + 1]]. */
	readonly hours: CellValues;
}

export interface Cube {
	readonly clinics: CubeClinics;
	readonly days: TicketDays;
	readonly resolved: ResolvedDays;
	readonly times: ResolveTimes;
}

const decoder = new TextDecoder();

/**
 * A text column as codes into its distinct values (first seen first), read from the Arrow
 * buffers: each value's bytes are turned into a key without decoding (a byte per character,
 * which tells byte sequences apart), and only a new value is decoded. Reading every row with
 * `get` decodes every row, which at tens of thousands of rows was most of the one-time cost.
 */
function codesOf(table: Table, name: string): { codes: Int32Array; values: string[] } {
	const column = table.getChild(name);
	if (!column) throw new Error(`The overview's pre-aggregates have no column "${name}"`);
	const codes = new Int32Array(column.length);
	const values: string[] = [];
	const seen = new Map<string, number>();
	let row = 0;
	for (const data of column.data) {
		const offsets = data.valueOffsets as Int32Array;
		const bytes = data.values as Uint8Array;
		for (let i = 0; i < data.length; i++, row++) {
			const [from, to] = [offsets[data.offset + i]!, offsets[data.offset + i + 1]!];
			const key = String.fromCharCode(...bytes.subarray(from, to));
			let code = seen.get(key);
			if (code === undefined) {
				code = values.push(decoder.decode(bytes.subarray(from, to))) - 1;
				seen.set(key, code);
			}
			codes[row] = code;
		}
	}
	return { codes, values };
}

function clinicsOf(table: Table): CubeClinics {
	const goLive = numbers(table, 'go_live_day');
	return {
		ids: strings(table, 'clinic_id').map((id) => id ?? ''),
		names: strings(table, 'clinic_name').map((n) => n ?? ''),
		sites: strings(table, 'site'),
		goLive: Float64Array.from(goLive, (g) => g ?? NaN),
		users: numbers(table, 'users'),
		idOrder: ints(table, 'id_order', 0)
	};
}

/** Each clinic's run of rows (the table is ordered by clinic id). */
function byClinic(table: Table, index: ReadonlyMap<string, number>): ByClinic {
	const { codes, values } = codesOf(table, 'clinic_id');
	const clinicOf = values.map((id) => {
		const c = index.get(id);
		if (c === undefined) throw new Error(`The overview's pre-aggregates name a clinic ("${id}") their clinic list lacks`);
		return c;
	});
	const first = new Int32Array(index.size);
	const end = new Int32Array(index.size);
	let i = 0;
	while (i < codes.length) {
		let j = i + 1;
		while (j < codes.length && codes[j] === codes[i]) j++;
		const c = clinicOf[codes[i]!]!;
		[first[c], end[c]] = [i, j];
		i = j;
	}
	return { first, end };
}

function ticketDaysOf(table: Table, index: ReadonlyMap<string, number>): TicketDays {
	const { codes, values } = codesOf(table, 'category');
	const categories = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const position = values.map((c) => categories.indexOf(c));
	return {
		...byClinic(table, index),
		day: ints(table, 'day', 0),
		week: ints(table, 'week', 0),
		goLiveWeek: ints(table, 'go_live_week', NO_WEEK),
		category: Int32Array.from(codes, (code) => position[code]!),
		categories,
		tickets: ints(table, 'tickets', 0),
		open: ints(table, 'open_tickets', 0)
	};
}

/** The list column `seconds` flattened (cell i's values from start[i]), as hours. */
function hoursOf(table: Table): { start: Int32Array; hours: Float64Array } {
	const column = table.getChild('seconds');
	if (!column) throw new Error('The resolve times have no column "seconds"');
	const start = new Int32Array(table.numRows + 1);
	let total = 0;
	let row = 0;
	// An empty chunk (no clinic-day with a resolved ticket) may come without its child values.
	const chunks = column.data
		.filter((data) => data.length > 0)
		.map((data) => {
			const offsets = data.valueOffsets as Int32Array;
			const child = data.children[0]!;
			const values = child.values as Int32Array;
			for (let i = 0; i < data.length; i++) {
				start[row++] = total;
				total += offsets[data.offset + i + 1]! - offsets[data.offset + i]!;
			}
			return { data, offsets, values, childOffset: child.offset };
		});
	start[row] = total;
	const hours = new Float64Array(total);
	let at = 0;
	for (const { data, offsets, values, childOffset } of chunks) {
		const from = childOffset + offsets[data.offset]!;
		const to = childOffset + offsets[data.offset + data.length]!;
		// Seconds / 3600: the same double as ticket_facts.hours_to_resolve.
		for (let i = from; i < to; i++) hours[at++] = values[i]! / 3600;
	}
	return { start, hours };
}

/** The typed arrays of one set of pre-aggregate results, made once per set (results/decoded.ts). */
export function cubeOf({ clinics, days, resolved, times }: CubeTables): Cube {
	return decodedOnceAll({ clinics, days, resolved, times }, decodeCube);
}

function decodeCube(tables: CubeTables): Cube {
	const clinics = clinicsOf(tables.clinics);
	const index = new Map(clinics.ids.map((id, i) => [id, i]));
	const { start, hours } = hoursOf(tables.times);
	return {
		clinics,
		days: ticketDaysOf(tables.days, index),
		resolved: {
			...byClinic(tables.resolved, index),
			week: ints(tables.resolved, 'week', 0),
			goLiveWeek: ints(tables.resolved, 'go_live_week', NO_WEEK),
			resolved: ints(tables.resolved, 'resolved', 0)
		},
		times: {
			...byClinic(tables.times, index),
			day: ints(tables.times, 'day', 0),
			week: ints(tables.times, 'week', 0),
			goLiveWeek: ints(tables.times, 'go_live_week', NO_WEEK),
			hours: cellValues(hours, start)
		}
	};
}
