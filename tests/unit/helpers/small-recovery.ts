import type { Engine } from '$lib/engine';
import { buildRecovery } from '$lib/recovery';
import { csvFile, engineWith } from './fixture';

/**
 * A go-live small enough to work the recovery measures out by hand. Clinics A, B and D go
 * live on Monday 2026-03-02 (one wave), C on 2026-03-16 with no baseline. Baseline = 2 weeks
 * (tests use `baselineWeeks: 2`); Monday 2026-02-16 is a holiday (no rows).
 *
 * - A: per-provider rows; P1 works Mon-Fri, P2 (part time) Mon-Tue; every provider-day of a week
 *   has the same visits, so the per provider-day rate is that number whatever the days worked.
 * - B: clinic-total rows (no provider_id), 3 providers, no scheduled visits.
 * - D: one provider, recovering slowly.
 * The expected figures are computed in the tests from these inputs, not from the SQL.
 */
export const GO_LIVE = '2026-03-02';
export const BASELINE_WEEKS = 2;
/** Completed (and scheduled) visits per provider-day by week since go-live. */
export const A_COMPLETED: Readonly<Record<number, number>> = { [-2]: 20, [-1]: 20, 0: 14, 1: 17, 2: 19, 3: 18, 4: 20, 5: 19 };
export const A_SCHEDULED: Readonly<Record<number, number>> = { [-2]: 22, [-1]: 22, 0: 16, 1: 19, 2: 21, 3: 20, 4: 22, 5: 21 };
/** B: completed visits per clinic day (3 providers). */
export const B_COMPLETED: Readonly<Record<number, number>> = { [-2]: 45, [-1]: 45, 0: 30, 1: 45, 2: 45, 3: 45, 4: 45, 5: 45 };
export const D_COMPLETED: Readonly<Record<number, number>> = { [-2]: 10, [-1]: 10, 0: 5, 1: 6, 2: 7, 3: 8, 4: 9, 5: 10 };
export const HOLIDAY = '2026-02-16';

export interface Encounter {
	readonly clinic: string;
	readonly dos: string;
	/** Days to the claim; null = not billed. */
	readonly lag: number | null;
	readonly chargeLag: number | null;
	readonly denied: boolean | null;
}

/** A's encounters by week since go-live: billing lags (null = unbilled), all on the week's Monday. */
export const A_LAGS: Readonly<Record<number, readonly (number | null)[]>> = {
	[-2]: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
	[-1]: [2, 4, 6, 8],
	0: [10, 12, 14, null],
	1: [5, 6, 7, 20],
	2: [7, 7],
	3: [9, 9, 9],
	4: [5],
	5: [6]
};
/** The export's last date: an unbilled, uncharged encounter of A on this day (week 7). */
export const AS_OF = '2026-04-20';

/** A's weekly ticket counts, weeks 0-9; its roster has 4 users, so the rate per 100 users is 25 x the count. */
export const A_TICKETS = [8, 6, 4, 3, 1, 1, 3, 0, 2, 1];

const DAY_MS = 86_400_000;
export const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** Monday of week `k` since the wave's go-live. */
export const monday = (k: number): string => addDays(GO_LIVE, 7 * k);

function weekdays(k: number, count: number): string[] {
	return Array.from({ length: count }, (_, d) => addDays(monday(k), d)).filter((day) => day !== HOLIDAY);
}

function throughputLines(): string[] {
	const lines: string[] = [];
	for (let k = -2; k <= 5; k++) {
		for (const day of weekdays(k, 5)) {
			lines.push(`${day},A,P1,${A_SCHEDULED[k]},${A_COMPLETED[k]}`);
			lines.push(`${day},B,,,${B_COMPLETED[k]}`);
			lines.push(`${day},D,Q1,,${D_COMPLETED[k]}`);
			if (k >= 2) lines.push(`${day},C,Q2,,12`);
		}
		for (const day of weekdays(k, 2)) lines.push(`${day},A,P2,${A_SCHEDULED[k]},${A_COMPLETED[k]}`);
	}
	return lines;
}

export function encounters(): Encounter[] {
	const out: Encounter[] = [];
	for (const [week, lags] of Object.entries(A_LAGS)) {
		const k = Number(week);
		lags.forEach((lag, i) => out.push({ clinic: 'A', dos: monday(k), lag, chargeLag: k === 0 ? 3 : 1, denied: lag === null ? null : k === 0 && i === 0 }));
	}
	out.push({ clinic: 'A', dos: AS_OF, lag: null, chargeLag: null, denied: null });
	for (let k = -2; k <= 5; k++) {
		for (let i = 0; i < 2; i++) {
			out.push({ clinic: 'B', dos: monday(k), lag: 4, chargeLag: 1, denied: false });
			out.push({ clinic: 'D', dos: monday(k), lag: 6, chargeLag: 2, denied: false });
		}
	}
	return out;
}

function billingLines(): string[] {
	return encounters().map((e, i) => {
		const charge = e.chargeLag === null ? '' : addDays(e.dos, e.chargeLag);
		const claim = e.lag === null ? '' : addDays(e.dos, e.lag);
		return `E${i},${e.clinic},${e.dos},${charge},${claim},${e.denied ?? ''}`;
	});
}

function ticketLines(): string[] {
	const lines: string[] = [];
	A_TICKETS.forEach((n, k) => {
		// Spread over the week; the last one on week 9's Sunday makes week 9 complete.
		for (let i = 0; i < n; i++) lines.push(`A${k}-${i},${addDays(monday(k), k === 9 ? 6 : i % 5)} 10:00:00,,,A,UA1,how_to,intake,3,open,,`);
	});
	lines.push(`B0,${addDays(monday(0), 1)} 09:00:00,${addDays(monday(0), 2)} 09:00:00,,B,UB1,access,,3,closed,,`);
	return lines;
}

export const SMALL_RECOVERY = [
	csvFile('clinics', [
		'clinic_id,clinic_name,site,specialty,go_live_date,providers',
		'A,Alder,S1,primary_care,2026-03-02,2',
		'B,Birch,S1,cardiology,2026-03-02,3',
		'C,Cedar,S2,pediatrics,2026-03-16,1',
		'D,Dogwood,S2,pediatrics,2026-03-02,1'
	]),
	csvFile('training', [
		'user_id,clinic_id,role,workflow_area,completed_on,score',
		'UA1,A,nurse,intake,2026-02-20,80',
		'UA2,A,nurse,intake,,',
		'UA3,A,physician,documentation,2026-03-05,70',
		'UA4,A,biller,billing,2026-02-20,90',
		'UB1,B,nurse,intake,2026-02-20,80',
		'UB2,B,physician,documentation,2026-02-21,80',
		'UD1,D,nurse,intake,,'
	]),
	csvFile('tickets', ['ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description', ...ticketLines()]),
	csvFile('throughput', ['date,clinic_id,provider_id,scheduled_visits,completed_visits', ...throughputLines()]),
	csvFile('billing', ['encounter_id,clinic_id,date_of_service,charge_posted_on,claim_submitted_on,denied', ...billingLines()])
];

/** DuckDB's quantile_cont, written out: position (n - 1) p in the sorted values, linear between neighbours. */
export function quantileCont(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const pos = (sorted.length - 1) * p;
	const lo = Math.floor(pos);
	const a = sorted[lo] ?? 0;
	const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
	return a + (pos - lo) * (b - a);
}

/** SMALL_RECOVERY in a real DuckDB with the recovery tables built: where every recovery query test starts. */
export async function smallRecoveryEngine(): Promise<Engine> {
	const engine = await engineWith(SMALL_RECOVERY);
	await buildRecovery(engine, engine);
	return engine;
}
