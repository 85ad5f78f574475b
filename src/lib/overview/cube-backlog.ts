/**
 * The open backlog at the end of each bucket from the pre-aggregates (cube.ts): the same rows
 * as `backlogByWeek` (sql/overview.ts). Opened minus resolved, summed up to each bucket; date
 * filters only bound the buckets shown (tickets opened before the range still count while open).
 */
import type { ResultColumns } from '$lib/results/columns';
import { jsColumns } from '$lib/results/js-columns';
import type { DayWindow } from '$lib/charts/coverage';
import { clinicInScope } from '$lib/scope/in-scope';
import type { OverviewFilters } from '$lib/scope/filters';
import { NO_WEEK, type Cube } from './cube';

const dayOf = (iso: string | null, none: number) => (iso ? Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) : none);

const result = (ks: readonly number[], open: readonly number[]): ResultColumns => jsColumns({ k: ks, open_tickets: open });

export function cubeBacklog(cube: Cube, f: OverviewFilters, window?: DayWindow | null): ResultColumns {
	const { ids, sites } = cube.clinics;
	const inScope = ids.map((id, c) => clinicInScope(f, { site: sites[c] ?? null, clinic_id: id }));
	return f.axis === 'go_live' && window ? observedBacklog(cube, inScope, window) : runningBacklog(cube, f, inScope);
}

/** Calendar, or go-live weeks without a window: one running sum over every clinic in scope. */
function runningBacklog(cube: Cube, f: OverviewFilters, inScope: readonly boolean[]): ResultColumns {
	const d = cube.days;
	const r = cube.resolved;
	const goLive = f.axis === 'go_live';
	const [from, to] = [dayOf(f.from, -Infinity), dayOf(f.to, Infinity)];
	const deltas = new Map<number, number>();
	const add = (k: number, n: number) => {
		if (k !== NO_WEEK) deltas.set(k, (deltas.get(k) ?? 0) + n);
	};
	let [lo, hi] = [Infinity, -Infinity];
	inScope.forEach((kept, c) => {
		if (!kept) return;
		// Rows in day order: a week's rows are consecutive, so each week's sum is added once.
		let [lastK, sum] = [NO_WEEK, 0];
		for (let i = d.first[c]!; i < d.end[c]!; i++) {
			const k = goLive ? d.goLiveWeek[i]! : d.week[i]!;
			if (k === NO_WEEK) continue;
			if (k !== lastK) {
				add(lastK, sum);
				[lastK, sum] = [k, 0];
			}
			sum += d.tickets[i]!;
			if (d.day[i]! >= from && d.day[i]! <= to) [lo, hi] = [Math.min(lo, k), Math.max(hi, k)];
		}
		add(lastK, sum);
		[lastK, sum] = [NO_WEEK, 0];
		for (let i = r.first[c]!; i < r.end[c]!; i++) {
			const k = goLive ? r.goLiveWeek[i]! : r.week[i]!;
			if (k === NO_WEEK) continue;
			if (k !== lastK) {
				add(lastK, sum);
				[lastK, sum] = [k, 0];
			}
			sum -= r.resolved[i]!;
		}
		add(lastK, sum);
	});
	if (lo > hi) return result([], []);
	const keys = [...deltas.keys()].sort((a, b) => a - b);
	const ks: number[] = [];
	const open: number[] = [];
	let running = 0;
	let next = 0;
	for (let k = lo; k <= hi; k += goLive ? 1 : 7) {
		while (next < keys.length && keys[next]! <= k) running += deltas.get(keys[next++]!)!;
		ks.push(k);
		open.push(running);
	}
	return result(ks, open);
}

/**
 * Go-live weeks with the days the data covers: per clinic, its running sum up to the end of
 * each of its weeks observed whole, summed over the clinics observed that week.
 */
function observedBacklog(cube: Cube, inScope: readonly boolean[], window: DayWindow): ResultColumns {
	const d = cube.days;
	const r = cube.resolved;
	const totals = new Map<number, number>();
	cube.clinics.goLive.forEach((g, c) => {
		if (!inScope[c] || Number.isNaN(g) || d.end[c]! <= d.first[c]!) return;
		// Rows come in day order, so go-live weeks only grow along each run.
		let [i, j, running] = [d.first[c]!, r.first[c]!, 0];
		for (let k = Math.ceil((window.first - g) / 7); k <= Math.floor((window.last - 6 - g) / 7); k++) {
			for (; i < d.end[c]! && d.goLiveWeek[i]! <= k; i++) running += d.tickets[i]!;
			for (; j < r.end[c]! && r.goLiveWeek[j]! <= k; j++) running -= r.resolved[j]!;
			totals.set(k, (totals.get(k) ?? 0) + running);
		}
	});
	const ks = [...totals.keys()].sort((a, b) => a - b);
	return result(
		ks,
		ks.map((k) => totals.get(k)!)
	);
}
