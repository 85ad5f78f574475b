/**
 * The Overview's figures for one set of filters, computed in JS from the pre-aggregates
 * (cube.ts): the same rows, columns and order as the SQL of sql/overview.ts returns for them
 * (tests/unit/overview/cube-figures.test.ts compares the two on random scopes), so the chart
 * adapters read either. Medians and p90s are exact (exact-quantiles.ts).
 */
import { jsColumns } from '$lib/results/js-columns';
import type { ResultColumns } from '$lib/results/columns';
import type { DayWindow } from '$lib/charts/coverage';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { HEATMAP_TOP } from '$lib/sql/overview';
import { clinicInScope } from '$lib/scope/in-scope';
import type { OverviewFilters } from '$lib/scope/filters';
import { NO_WEEK, type Cube } from './cube';
import { exactQuantiles, Ranges } from './exact-quantiles';

const dayOf = (iso: string | null, none: number) => (iso ? Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) : none);

/** What one set of filters picks: clinics in scope, the opened-day range, the axis, the weeks observed whole. */
interface Pick {
	readonly inScope: Uint8Array;
	readonly from: number;
	readonly to: number;
	readonly goLive: boolean;
	readonly window: DayWindow | null | undefined;
}

function pick(cube: Cube, f: OverviewFilters, window?: DayWindow | null): Pick {
	const { ids, sites } = cube.clinics;
	const inScope = Uint8Array.from(ids, (id, c) => (clinicInScope(f, { site: sites[c] ?? null, clinic_id: id }) ? 1 : 0));
	return { inScope, from: dayOf(f.from, -Infinity), to: dayOf(f.to, Infinity), goLive: f.axis === 'go_live', window };
}

/** The bucket of a row on the axis, or null off it (go-live axis: no go-live date, or a week not observed whole). */
function bucket(p: Pick, goLive: number, week: number, goLiveWeek: number): number | null {
	if (!p.goLive) return week;
	if (goLiveWeek === NO_WEEK) return null;
	if (p.window) {
		const start = goLive + 7 * goLiveWeek;
		if (start < p.window.first || start > p.window.last - 6) return null;
	}
	return goLiveWeek;
}

export interface CubeTotals {
	readonly tickets: number;
	readonly open: number;
	readonly clinics: number;
	readonly unassigned: number;
	readonly medianHours: number | null;
	readonly p90Hours: number | null;
}

export function cubeTotals(cube: Cube, f: OverviewFilters): CubeTotals {
	const p = pick(cube, f);
	const d = cube.days;
	const t = cube.times;
	let [tickets, open, clinics, unassigned] = [0, 0, 0, 0];
	const ranges = new Ranges(t.hours.start);
	cube.clinics.ids.forEach((id, c) => {
		if (!p.inScope[c]) return;
		let any = false;
		for (let i = d.first[c]!; i < d.end[c]!; i++) {
			if (d.day[i]! < p.from || d.day[i]! > p.to) continue;
			tickets += d.tickets[i]!;
			open += d.open[i]!;
			if (id === UNASSIGNED_CLINIC) unassigned += d.tickets[i]!;
			any = true;
		}
		if (any && id !== UNASSIGNED_CLINIC) clinics++;
		for (let i = t.first[c]!; i < t.end[c]!; i++) if (t.day[i]! >= p.from && t.day[i]! <= p.to) ranges.push(i, i + 1);
	});
	const [medianHours, p90Hours] = exactQuantiles(t.hours, ranges, [0.5, 0.9]);
	return { tickets, open, clinics, unassigned, medianHours: medianHours ?? null, p90Hours: p90Hours ?? null };
}

/** Tickets opened per bucket and category (columns k, category, tickets), as `ticketsByWeek`. */
export function cubeTicketsByWeek(cube: Cube, f: OverviewFilters, window?: DayWindow | null): ResultColumns {
	const p = pick(cube, f, window);
	const d = cube.days;
	const nc = d.categories.length;
	const sums = new Map<number, Int32Array>();
	cube.clinics.goLive.forEach((g, c) => {
		if (!p.inScope[c]) return;
		// A clinic's rows come in day order, so a bucket's rows are consecutive: one lookup per bucket, not per row.
		let lastK = NaN;
		let row: Int32Array = new Int32Array(0);
		for (let i = d.first[c]!; i < d.end[c]!; i++) {
			if (d.day[i]! < p.from || d.day[i]! > p.to) continue;
			const k = bucket(p, g, d.week[i]!, d.goLiveWeek[i]!);
			if (k === null) continue;
			if (k !== lastK) {
				lastK = k;
				const known = sums.get(k);
				if (known) row = known;
				else sums.set(k, (row = new Int32Array(nc)));
			}
			row[d.category[i]!]! += d.tickets[i]!;
		}
	});
	const ks: number[] = [];
	const categories: string[] = [];
	const tickets: number[] = [];
	for (const k of [...sums.keys()].sort((a, b) => a - b)) {
		const row = sums.get(k)!;
		for (let j = 0; j < nc; j++) {
			if (row[j] === 0) continue;
			ks.push(k);
			categories.push(d.categories[j]!);
			tickets.push(row[j]!);
		}
	}
	return jsColumns({ k: ks, category: categories, tickets });
}

/** Median and p90 hours to resolve per bucket opened (columns k, resolved, median_hours, p90_hours), as `timeToResolveByWeek`. */
export function cubeTimeToResolve(cube: Cube, f: OverviewFilters, window?: DayWindow | null): ResultColumns {
	const p = pick(cube, f, window);
	const t = cube.times;
	const byK = new Map<number, Ranges>();
	cube.clinics.goLive.forEach((g, c) => {
		if (!p.inScope[c]) return;
		// Cells in day order: a bucket's cells are consecutive (one lookup per bucket).
		let [lastK, ranges] = [NaN, new Ranges(t.hours.start)];
		for (let i = t.first[c]!; i < t.end[c]!; i++) {
			if (t.day[i]! < p.from || t.day[i]! > p.to) continue;
			const k = bucket(p, g, t.week[i]!, t.goLiveWeek[i]!);
			if (k === null) continue;
			if (k !== lastK) {
				lastK = k;
				const known = byK.get(k);
				if (known) ranges = known;
				else byK.set(k, (ranges = new Ranges(t.hours.start)));
			}
			ranges.push(i, i + 1);
		}
	});
	const ks = [...byK.keys()].filter((k) => byK.get(k)!.count > 0).sort((a, b) => a - b);
	const quantiles = ks.map((k) => exactQuantiles(t.hours, byK.get(k)!, [0.5, 0.9]));
	return jsColumns({
		k: ks,
		resolved: ks.map((k) => byK.get(k)!.count),
		median_hours: quantiles.map((q) => q[0] ?? null),
		p90_hours: quantiles.map((q) => q[1] ?? null)
	});
}

/**
 * Tickets per 100 users per clinic and bucket for the `HEATMAP_TOP` clinics with the most
 * tickets in scope, in go-live order (columns as `ticketRateHeatmap`).
 */
export function cubeHeatmap(cube: Cube, f: OverviewFilters, window?: DayWindow | null): ResultColumns {
	const p = pick(cube, f, window);
	const d = cube.days;
	const { ids, names, users, idOrder, goLive } = cube.clinics;
	const perClinic = new Map<number, Map<number, number>>();
	const totals = new Map<number, number>();
	ids.forEach((id, c) => {
		if (!p.inScope[c] || id === UNASSIGNED_CLINIC) return;
		// Rows in day order: each bucket's rows are consecutive, so its sum is kept until the bucket changes.
		const weeks = new Map<number, number>();
		let [lastK, sum, total] = [NaN, 0, 0];
		for (let i = d.first[c]!; i < d.end[c]!; i++) {
			if (d.day[i]! < p.from || d.day[i]! > p.to) continue;
			const k = bucket(p, goLive[c]!, d.week[i]!, d.goLiveWeek[i]!);
			if (k === null) continue;
			if (k !== lastK) {
				if (!Number.isNaN(lastK)) weeks.set(lastK, (weeks.get(lastK) ?? 0) + sum);
				[lastK, sum] = [k, 0];
			}
			sum += d.tickets[i]!;
			total += d.tickets[i]!;
		}
		if (Number.isNaN(lastK)) return;
		weeks.set(lastK, (weeks.get(lastK) ?? 0) + sum);
		perClinic.set(c, weeks);
		totals.set(c, total);
	});
	const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || idOrder[a]! - idOrder[b]!);
	// The clinics' own order (go-live date, then natural id order) is the heatmap's.
	const shown = ranked.slice(0, HEATMAP_TOP).sort((a, b) => a - b);
	const rows = { clinic_id: [] as string[], clinic_name: [] as string[], k: [] as number[], tickets: [] as number[], per_100_users: [] as (number | null)[] };
	for (const c of shown) {
		const weeks = perClinic.get(c)!;
		const u = users[c] ?? 0;
		for (const k of [...weeks.keys()].sort((a, b) => a - b)) {
			const n = weeks.get(k)!;
			rows.clinic_id.push(ids[c]!);
			rows.clinic_name.push(names[c]!);
			rows.k.push(k);
			rows.tickets.push(n);
			rows.per_100_users.push(u === 0 ? null : (n * 100) / u);
		}
	}
	return jsColumns({ ...rows, clinics_in_scope: rows.k.map(() => ranked.length) });
}
