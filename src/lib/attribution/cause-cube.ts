/**
 * The root-cause page's figures for any scope, computed in JS from its pre-aggregates
 * (sql/attribution-cube.ts) instead of a query per filter change. Each result has the rows
 * and columns of the SQL statement it stands for (sql/attribution-report.ts `causeTotals`,
 * `causeByWeek`, `causeByClinic`; sql/overview.ts `unassignedTickets`), as result columns
 * (results/js-columns.ts) that the chart adapters read as they read a query's table; tests/unit/attribution/cause-cube.property.test.ts
 * holds the two to the same figures for random scopes.
 */
import type { Table } from 'apache-arrow';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { CAUSE_ORDER } from '$lib/charts/cause-colors';
import { strings, type ResultColumns } from '$lib/results/columns';
import { decodedOnceAll, floats, ints } from '$lib/results/decoded';
import { jsColumns } from '$lib/results/js-columns';
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
	readonly unassignedSites: readonly (string | null)[];
	readonly unassignedDay: Int32Array;
	readonly unassignedTickets: Float64Array;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
/** The Monday of a day's ISO week (DuckDB's date_trunc('week')); 1970-01-01 was a Thursday. */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

function decodeCube(tables: CauseCubeTables): CauseCube {
	const clinicIds = strings(tables.clinics, 'clinic_id').map((id) => id ?? '');
	const causes = strings(tables.causes, 'root_cause').map((c) => c ?? '');
	const rank = (c: string) => (CAUSE_ORDER.includes(c) ? CAUSE_ORDER.indexOf(c) : CAUSE_ORDER.length);
	const causeOrder = causes.map((_, i) => i).sort((a, b) => rank(causes[a] ?? '') - rank(causes[b] ?? '') || a - b);
	const clinicNames = strings(tables.clinics, 'clinic_name').map((n, i) => n ?? clinicIds[i] ?? '');
	return {
		clinicIds,
		clinicNames,
		sites: strings(tables.clinics, 'site'),
		goLive: floats(tables.clinics, 'go_live_day'),
		users: floats(tables.clinics, 'users'),
		assigned: Uint8Array.from(clinicIds, (id) => (id === UNASSIGNED_CLINIC ? 0 : 1)),
		causes,
		causeOrder,
		clinic: ints(tables.cells, 'clinic_no', 0),
		day: ints(tables.cells, 'day', 0),
		cause: ints(tables.cells, 'cause_no', 0),
		tickets: floats(tables.cells, 'tickets'),
		touched: floats(tables.cells, 'touched'),
		unassignedSites: strings(tables.unassigned, 'site'),
		unassignedDay: ints(tables.unassigned, 'day', 0),
		unassignedTickets: floats(tables.unassigned, 'tickets')
	};
}

/** The figures of one scope: each the result columns with the columns of the statement it replaces, and the unassigned count. */
export interface CauseFigures {
	readonly totals: ResultColumns;
	readonly byWeek: ResultColumns;
	readonly matrix: ResultColumns;
	readonly unassigned: number;
}

/** Root causes' charts and note for one scope (sites, clinics, dates, axis), from the pre-aggregates. */
export function causeFigures(tables: CauseCubeTables, f: OverviewFilters): CauseFigures {
	const cube = decodedOnceAll({ cells: tables.cells, clinics: tables.clinics, causes: tables.causes, unassigned: tables.unassigned }, decodeCube);
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
	const totals = jsColumns({
		root_cause: Array.from(order, (x) => cube.causes[x] ?? null),
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
	const byWeek = jsColumns({ k: Int32Array.from(week.k), root_cause: week.cause.map((x) => cube.causes[x] ?? null), tickets: Float64Array.from(week.tickets) });

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
function clinicMatrix(cube: CauseCube, cellTickets: Float64Array, cellSeen: Uint8Array): ResultColumns {
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
	return jsColumns({
		clinic_id: rows.clinic.map((c) => cube.clinicIds[c] ?? null),
		clinic_name: rows.clinic.map((c) => cube.clinicNames[c] ?? null),
		root_cause: rows.cause.map((x) => cube.causes[x] ?? null),
		tickets: Float64Array.from(rows.tickets),
		per_100_users: Float64Array.from(rows.per100),
		clinics_in_scope: new Int32Array(rows.clinic.length).fill(present.length)
	});
}
