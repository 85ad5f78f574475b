/**
 * The Overview's watchlist: clinics ranked by excess tickets per 100 users per week over their
 * last two weeks since go-live, against peers at the same weeks (sql/watchlist.ts), with a 95%
 * interval, their Recovery status and top attributed cause. Rules in docs/methods.md.
 */
import type { Table } from 'apache-arrow';
import { numbers, strings } from '$lib/results/columns';
import type { Engine } from '$lib/engine';
import { once, pageClient } from '$lib/page/protocol';
import { denseSpan, type ExportThinning } from '$lib/scope/choices';
import { clinicInScope } from '$lib/scope/in-scope';
import { compareClinicIds } from '$lib/scope/clinic-order';
import { scorecard, topRootCauses } from '$lib/sql/recovery/scorecard';
import { WATCH_WEEKS, watchlist } from '$lib/sql/watchlist';
import { DEFAULT_RECOVERY_SETTINGS } from '$lib/recovery/settings';
import type { Status } from '$lib/recovery/settings';
import type { OverviewFilters } from '$lib/scope/filters';
import { DEFAULT_FILTERS } from '$lib/scope/filters';

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms): ample for counts of tickets. */
function logGamma(x: number): number {
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
		1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let sum = c[0] ?? 0;
	for (let i = 1; i < 9; i++) sum += (c[i] ?? 0) / (z + i);
	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The regularized lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
function gammaP(a: number, x: number): number {
	if (x <= 0) return 0;
	const front = Math.exp(a * Math.log(x) - x - logGamma(a));
	if (x < a + 1) {
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += term *= x / (a + n);
		return sum * front;
	}
	// Lentz's continued fraction for Q(a, x).
	let b = x + 1 - a;
	let c = 1e300;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 500; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		d = Math.abs(d) < 1e-300 ? 1e-300 : d;
		c = b + an / c;
		c = Math.abs(c) < 1e-300 ? 1e-300 : c;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-15) break;
	}
	return 1 - front * h;
}

/** x with P(a, x) = p, by bisection. */
function gammaQuantile(p: number, a: number): number {
	let lo = 0;
	let hi = a + 20 * Math.sqrt(a) + 20;
	for (let i = 0; i < 200; i++) {
		const mid = (lo + hi) / 2;
		if (gammaP(a, mid) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/**
 * The exact (Garwood) 95% interval for a Poisson count: the means under which seeing this
 * count or a more extreme one has probability 2.5% each side (a count of 0 has lower limit 0).
 */
export function poissonInterval(count: number): [number, number] {
	return [count === 0 ? 0 : gammaQuantile(0.025, count), gammaQuantile(0.975, count + 1)];
}

export interface WatchRow {
	readonly clinicId: string;
	readonly clinicName: string;
	readonly site: string;
	readonly goLive: string;
	/** The later of the two weeks since go-live compared. */
	readonly week: number;
	readonly users: number;
	readonly observed: number;
	readonly expected: number;
	readonly peers: number;
	/** Excess tickets per 100 users per week, and its 95% interval. */
	readonly excess: number;
	readonly low: number;
	readonly high: number;
}

export interface WatchContext {
	/** Per clinic: tickets, productivity and billing status on the Recovery scorecard (default rules). */
	readonly status: ReadonlyMap<string, Readonly<Record<'tickets' | 'productivity' | 'billing', Status>>>;
	/** Per clinic: its leading attributed root cause and its share of the clinic's tickets. */
	readonly causes: ReadonlyMap<string, { readonly cause: string; readonly share: number }>;
}

/** Rows of sql/watchlist.ts, ranked by excess (highest first). */
export function watchRows(result: Table): WatchRow[] {
	const ids = strings(result, 'clinic_id');
	const names = strings(result, 'clinic_name');
	const sites = strings(result, 'site');
	const goLives = strings(result, 'go_live');
	const weeks = numbers(result, 'k_last');
	const users = numbers(result, 'users');
	const observed = numbers(result, 'observed');
	const expected = numbers(result, 'expected');
	const peers = numbers(result, 'peers');
	const out: WatchRow[] = [];
	ids.forEach((id, i) => {
		const u = users[i] ?? 0;
		const o = observed[i] ?? 0;
		const e = expected[i];
		if (id === null || e === null || e === undefined || u <= 0 || (peers[i] ?? 0) < 1) return;
		const perWeek = (count: number) => ((count - e) * 100) / (u * WATCH_WEEKS);
		const [lo, hi] = poissonInterval(o);
		out.push({
			clinicId: id,
			clinicName: names[i] ?? id,
			site: sites[i] ?? '',
			goLive: goLives[i] ?? '',
			week: weeks[i] ?? 0,
			users: u,
			observed: o,
			expected: e,
			peers: peers[i] ?? 0,
			excess: perWeek(o),
			low: perWeek(lo),
			high: perWeek(hi)
		});
	});
	return out.sort((a, b) => b.excess - a.excess || compareClinicIds(a.clinicId, b.clinicId));
}

const ranked = new WeakMap<Table, { all: WatchRow[]; scope: string; inScope: readonly WatchRow[] }>();

/**
 * The watchlist's rows for the filters; `span` is the export's span of ticket dates (none: no
 * rows). A clinic's peers are every clinic whatever the filters, so the statement is the same
 * for every scope: asked once per data, its rows ranked once (their intervals computed once),
 * and a filter change only keeps the clinics in scope, as the statement's scope test would (the
 * same array while the sites and clinics chosen stay the same).
 */
export const watchlistClient = pageClient({
	queries: ({ span, thinning = null }: { filters: OverviewFilters; span?: { first: string; last: string } | null; thinning?: ExportThinning | null }) => {
		// "Now" is the last day before the export thins out: two weeks of its trickle are no clinic's last weeks.
		const dense = denseSpan(span ?? null, thinning);
		return { rows: dense ? once(watchlist(DEFAULT_FILTERS, dense.last, dense.first)) : null };
	},
	model: (r, { filters: f }): readonly WatchRow[] => {
		if (!r.rows) return [];
		let kept = ranked.get(r.rows);
		if (!kept) ranked.set(r.rows, (kept = { all: watchRows(r.rows), scope: '', inScope: [] }));
		// Only the sites and clinics pick rows: a change of dates or axis keeps the same array, so the
		// watchlist's table is not rendered again.
		const scope = JSON.stringify([f.sites, f.clinics]);
		if (kept.scope !== scope) {
			kept.scope = scope;
			kept.inScope = kept.all.filter((row) => clinicInScope(f, { site: row.site, clinic_id: row.clinicId }));
		}
		return kept.inScope;
	}
});

/** Recovery statuses of every clinic (needs the recovery tables built: `buildRecovery`). */
export async function loadRecoveryStatus(engine: Engine): Promise<WatchContext['status']> {
	const card = await engine.query(scorecard(DEFAULT_FILTERS, DEFAULT_RECOVERY_SETTINGS));
	const ids = strings(card, 'clinic_id');
	const [t, p, b] = ['tickets_status', 'productivity_status', 'billing_status'].map((c) => strings(card, c) as Status[]);
	return new Map(ids.map((id, i) => [id ?? '', { tickets: t?.[i] ?? 'unknown', productivity: p?.[i] ?? 'unknown', billing: b?.[i] ?? 'unknown' }]));
}

/** Each clinic's top attributed cause (needs the root-cause attribution built). */
export async function loadTopCauses(engine: Engine): Promise<WatchContext['causes']> {
	const top = await engine.query(topRootCauses());
	const ids = strings(top, 'clinic_id');
	const causes = strings(top, 'root_cause');
	const shares = numbers(top, 'share');
	return new Map(ids.map((id, i) => [id ?? '', { cause: causes[i] ?? '', share: shares[i] ?? 0 }]));
}
