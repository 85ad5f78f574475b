/**
 * The root-cause page's figures for any scope, computed in JS from its pre-aggregates
 * (sql/attribution-cube.ts) instead of a query per filter change. Each result has the rows
 * and columns of the SQL statement it stands for (sql/attribution-report.ts `causeTotals`,
 * `causeByWeek`, `causeByClinic`; sql/overview.ts `unassignedTickets`), as an Arrow table, so
 * the chart adapters read it unchanged; tests/unit/attribution/cause-cube.property.test.ts
 * holds the two to the same figures for random scopes.
 */
import { Dictionary, Float64, Int32, makeData, makeVector, Table, Utf8, type Vector } from 'apache-arrow';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { CAUSE_ORDER } from '$lib/charts/cause-colors';
import { numbers, strings } from '$lib/results/columns';
import type { OverviewFilters } from '$lib/scope/filters';
import { clinicInScope } from '$lib/scope/in-scope';
import { HEATMAP_CLINICS } from '$lib/sql/overview';

/** The four pre-aggregates, as the page's `once` statements return them. */
export interface CauseCubeTables {
	readonly clinics: Table;
	readonly causes: Table;
	readonly cells: Table;
	readonly unassigned: Table;
}

/** The pre-aggregates as typed arrays, made once per set of tables. */
interface CauseCube {
	readonly tables: CauseCubeTables;
	readonly clinicIds: readonly string[];
	readonly clinicNames: readonly string[];
	readonly sites: readonly (string | null)[];
	/** Go-live day per clinic; NaN without one. */
	readonly goLive: Float64Array;
	/** Roster users per clinic; NaN without a roster. */
	readonly users: Float64Array;
	readonly assigned: Uint8Array;
	readonly causes: readonly string[];
	/** Cause numbers in the order rows are written (the charts' cause order, then the rest). */
	readonly causeOrder: readonly number[];
	readonly clinic: Int32Array;
	readonly day: Int32Array;
	readonly cause: Int32Array;
	readonly tickets: Float64Array;
	readonly touched: Float64Array;
	/** Dictionaries the result tables' text columns index into: clinic ids, clinic names, causes. */
	readonly clinicIdText: Vector<Utf8>;
	readonly clinicNameText: Vector<Utf8>;
	readonly causeText: Vector<Utf8>;
	readonly unassignedSites: readonly (string | null)[];
	readonly unassignedDay: Int32Array;
	readonly unassignedTickets: Float64Array;
}

const cubes = new WeakMap<Table, CauseCube>();

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
/** The Monday of a day's ISO week (DuckDB's date_trunc('week')); 1970-01-01 was a Thursday. */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/** A numeric column as doubles, SQL NULL as NaN; without nulls, straight from the column's values. */
function filled(table: Table, name: string): Float64Array {
	const column = table.getChild(name);
	if (column && column.nullCount === 0) return Float64Array.from(column.toArray() as ArrayLike<number>, Number);
	return Float64Array.from(numbers(table, name), (v) => v ?? NaN);
}

/** A column of integers (never NULL in these results). */
function ints(table: Table, name: string): Int32Array {
	const column = table.getChild(name);
	if (column && column.nullCount === 0) return Int32Array.from(column.toArray() as ArrayLike<number>, Number);
	return Int32Array.from(numbers(table, name), (v) => v ?? 0);
}

function cubeOf(tables: CauseCubeTables): CauseCube {
	const found = cubes.get(tables.cells);
	if (found && found.tables.clinics === tables.clinics && found.tables.causes === tables.causes && found.tables.unassigned === tables.unassigned) return found;
	const clinicIds = strings(tables.clinics, 'clinic_id').map((id) => id ?? '');
	const causes = strings(tables.causes, 'root_cause').map((c) => c ?? '');
	const rank = (c: string) => (CAUSE_ORDER.includes(c) ? CAUSE_ORDER.indexOf(c) : CAUSE_ORDER.length);
	const causeOrder = causes.map((_, i) => i).sort((a, b) => rank(causes[a] ?? '') - rank(causes[b] ?? '') || a - b);
	const clinicNames = strings(tables.clinics, 'clinic_name').map((n, i) => n ?? clinicIds[i] ?? '');
	const cube: CauseCube = {
		tables,
		clinicIds,
		clinicNames,
		sites: strings(tables.clinics, 'site'),
		goLive: filled(tables.clinics, 'go_live_day'),
		users: filled(tables.clinics, 'users'),
		assigned: Uint8Array.from(clinicIds, (id) => (id === UNASSIGNED_CLINIC ? 0 : 1)),
		causes,
		causeOrder,
		clinic: ints(tables.cells, 'clinic_no'),
		day: ints(tables.cells, 'day'),
		cause: ints(tables.cells, 'cause_no'),
		tickets: filled(tables.cells, 'tickets'),
		touched: filled(tables.cells, 'touched'),
		clinicIdText: textVector(clinicIds),
		clinicNameText: textVector(clinicNames),
		causeText: textVector(causes),
		unassignedSites: strings(tables.unassigned, 'site'),
		unassignedDay: ints(tables.unassigned, 'day'),
		unassignedTickets: filled(tables.unassigned, 'tickets')
	};
	cubes.set(tables.cells, cube);
	return cube;
}

/** The figures of one scope: each an Arrow table with the columns of the statement it replaces, and the unassigned count. */
export interface CauseFigures {
	readonly totals: Table;
	readonly byWeek: Table;
	readonly matrix: Table;
	readonly unassigned: number;
}

/**
 * Result columns without Arrow's builders (most of a filter change's time otherwise): numbers
 * as typed arrays, a NaN as SQL NULL; text as indices into one of the cube's dictionaries.
 */
type Column = Float64Array | Int32Array | { readonly text: Vector<Utf8>; readonly indices: Int32Array };

/**
 * A text vector laid out by hand: Arrow's builders (vectorFromArray) compile their null test
 * with `new Function`, which the site's Content Security Policy refuses.
 */
function textVector(values: readonly string[]): Vector<Utf8> {
	const encoder = new TextEncoder();
	const encoded = values.map((v) => encoder.encode(v));
	const valueOffsets = new Int32Array(values.length + 1);
	encoded.forEach((bytes, i) => (valueOffsets[i + 1] = (valueOffsets[i] as number) + bytes.length));
	const data = new Uint8Array(valueOffsets[values.length] as number);
	encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i]));
	return makeVector(makeData({ type: new Utf8(), length: values.length, valueOffsets, data }));
}

function vectorOf(column: Column): Vector {
	if (column instanceof Int32Array) return makeVector(column);
	if (column instanceof Float64Array) {
		if (!column.some(Number.isNaN)) return makeVector(column);
		const nullBitmap = new Uint8Array(Math.ceil(column.length / 8));
		column.forEach((v, i) => {
			if (!Number.isNaN(v)) nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
		});
		return makeVector(makeData({ type: new Float64(), length: column.length, nullBitmap, data: column }));
	}
	const type = new Dictionary(new Utf8(), new Int32());
	return makeVector(makeData({ type, length: column.indices.length, data: column.indices, dictionary: column.text }));
}

const table = (columns: Record<string, Column>): Table => new Table(Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, vectorOf(column)])));

/** Root causes' charts and note for one scope (sites, clinics, dates, axis), from the pre-aggregates. */
export function causeFigures(tables: CauseCubeTables, f: OverviewFilters): CauseFigures {
	const cube = cubeOf(tables);
	const nClinics = cube.clinicIds.length;
	const nCauses = cube.causes.length;
	const inScope = new Uint8Array(nClinics);
	for (let c = 0; c < nClinics; c++) inScope[c] = clinicInScope(f, { site: cube.sites[c] ?? null, clinic_id: cube.clinicIds[c] ?? null }) ? 1 : 0;
	const from = f.from ? dayOf(f.from) : -Infinity;
	const to = f.to ? dayOf(f.to) : Infinity;
	const goLiveAxis = f.axis === 'go_live';

	const causeTickets = new Float64Array(nCauses);
	const causeTouched = new Float64Array(nCauses);
	const causeSeen = new Uint8Array(nCauses);
	const cellTickets = new Float64Array(nClinics * nCauses);
	const cellSeen = new Uint8Array(nClinics * nCauses);
	const weeks = new Map<number, Float64Array>();
	const weekSeen = new Map<number, Uint8Array>();
	const { clinic, day, cause, tickets, touched, goLive, assigned } = cube;
	for (let i = 0; i < clinic.length; i++) {
		const c = clinic[i] as number;
		const d = day[i] as number;
		if (inScope[c] === 0 || d < from || d > to) continue;
		const x = cause[i] as number;
		const t = tickets[i] as number;
		causeTickets[x] = (causeTickets[x] as number) + t;
		causeTouched[x] = (causeTouched[x] as number) + (touched[i] as number);
		causeSeen[x] = 1;
		if (assigned[c] === 1) {
			cellTickets[c * nCauses + x] = (cellTickets[c * nCauses + x] as number) + t;
			cellSeen[c * nCauses + x] = 1;
		}
		const g = goLive[c] as number;
		if (goLiveAxis && Number.isNaN(g)) continue;
		const k = goLiveAxis ? Math.floor((d - g) / 7) : mondayOf(d);
		let week = weeks.get(k);
		let seen = weekSeen.get(k);
		if (!week || !seen) {
			weeks.set(k, (week = new Float64Array(nCauses)));
			weekSeen.set(k, (seen = new Uint8Array(nCauses)));
		}
		week[x] = (week[x] as number) + t;
		seen[x] = 1;
	}

	const order = Int32Array.from(cube.causeOrder.filter((x) => causeSeen[x] === 1));
	const totals = table({
		root_cause: { text: cube.causeText, indices: order },
		tickets: Float64Array.from(order, (x) => causeTickets[x] as number),
		touched: Int32Array.from(order, (x) => causeTouched[x] as number)
	});

	const ks = [...weeks.keys()].sort((a, b) => a - b);
	const week = { k: [] as number[], cause: [] as number[], tickets: [] as number[] };
	for (const k of ks) {
		const sums = weeks.get(k) as Float64Array;
		const seen = weekSeen.get(k) as Uint8Array;
		for (const x of cube.causeOrder) {
			if (seen[x] !== 1) continue;
			week.k.push(k);
			week.cause.push(x);
			week.tickets.push(sums[x] as number);
		}
	}
	const byWeek = table({ k: Int32Array.from(week.k), root_cause: { text: cube.causeText, indices: Int32Array.from(week.cause) }, tickets: Float64Array.from(week.tickets) });

	const matrix = clinicMatrix(cube, cellTickets, cellSeen);

	let unassigned = 0;
	for (let i = 0; i < cube.unassignedDay.length; i++) {
		const d = cube.unassignedDay[i] as number;
		if (d < from || d > to || !clinicInScope(f, { site: cube.unassignedSites[i] ?? null, clinic_id: UNASSIGNED_CLINIC })) continue;
		unassigned += cube.unassignedTickets[i] as number;
	}
	return { totals, byWeek, matrix, unassigned };
}

/** `causeByClinic`'s rows: the first `HEATMAP_CLINICS` clinics in scope in go-live order (the clinics' row order), a row per cause they have. */
function clinicMatrix(cube: CauseCube, cellTickets: Float64Array, cellSeen: Uint8Array): Table {
	const nCauses = cube.causes.length;
	const present: number[] = [];
	for (let c = 0; c < cube.clinicIds.length; c++) {
		for (let x = 0; x < nCauses; x++) {
			if (cellSeen[c * nCauses + x] === 1) {
				present.push(c);
				break;
			}
		}
	}
	const rows = { clinic: [] as number[], cause: [] as number[], tickets: [] as number[], per100: [] as number[] };
	for (const c of present.slice(0, HEATMAP_CLINICS)) {
		const users = cube.users[c] as number;
		for (const x of cube.causeOrder) {
			if (cellSeen[c * nCauses + x] !== 1) continue;
			const sum = cellTickets[c * nCauses + x] as number;
			rows.clinic.push(c);
			rows.cause.push(x);
			rows.tickets.push(sum);
			// NaN stands for NULL: no roster, or none of its users (nullif(users, 0)).
			rows.per100.push(Number.isNaN(users) || users === 0 ? NaN : (sum * 100) / users);
		}
	}
	const clinics = Int32Array.from(rows.clinic);
	return table({
		clinic_id: { text: cube.clinicIdText, indices: clinics },
		clinic_name: { text: cube.clinicNameText, indices: clinics },
		root_cause: { text: cube.causeText, indices: Int32Array.from(rows.cause) },
		tickets: Float64Array.from(rows.tickets),
		per_100_users: Float64Array.from(rows.per100),
		clinics_in_scope: new Int32Array(clinics.length).fill(present.length)
	});
}
