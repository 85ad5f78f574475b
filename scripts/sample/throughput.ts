import { dayOf, isoDate, weekday, weeksSince } from './calendar';
import type { Cell } from './csv-writer';
import { clamp, Random } from './random';
import { productivityFactor, type Recovery } from './recovery';
import { DATA_END, DATA_START, isWorkday } from './timeline';
import type { User } from './users';
import { PROVIDER_ROLES } from './vocabulary';
import type { World } from './world';

/** One provider's clinic day. Kept in memory (tens of thousands of rows) because billing expands it. */
export interface ProviderDay {
	day: number;
	clinic: number;
	provider: User;
	scheduled: number;
	completed: number;
}

/** Monday is heaviest, Friday afternoons are often blocked for admin time. */
const WEEKDAY_FACTOR: readonly number[] = [1.04, 1.02, 1, 1, 0.92];
/** Summer vacations thin schedules a little from mid-July. */
const SUMMER_FROM = dayOf('2026-07-13');
const SUMMER_FACTOR = 0.97;
const PTO_FROM = dayOf('2026-06-15');

/** Chance a provider is out on a given day. Leave is frozen around go-live. */
function ptoChance(day: number, week: number): number {
	if (week >= -1 && week <= 1) return 0.005;
	return day >= PTO_FROM ? 0.07 : 0.03;
}

interface ProviderProfile {
	user: User;
	baseVisits: number;
}

/**
 * Scheduled and completed visits per provider per clinic day. Clinics trim schedules in
 * the first weeks after go-live (the productivity dip); no-shows take completed below
 * scheduled. `billingScale` multiplies visit volume so billing can grow to benchmark size
 * while staying equal, clinic-day by clinic-day, to completed visits.
 */
export function buildThroughput(world: World, recoveries: readonly Recovery[], billingScale: number): ProviderDay[] {
	const rng = new Random(world.seed, 'throughput');
	// Separate streams keep the rows and their noise identical at every billing scale:
	// only the no-show draws depend on the (scaled) visit counts.
	const leave = new Random(world.seed, 'throughput-leave');
	const noise = new Random(world.seed, 'throughput-noise');
	const noShows = new Random(world.seed, 'throughput-no-shows');
	const profiles: ProviderProfile[][] = world.clinics.map((clinic) =>
		(world.byClinic[clinic.index] ?? [])
			.filter((u) => PROVIDER_ROLES.has(u.role))
			.map((user) => {
				const mean = clinic.visitsPerDay - (user.role === 'advanced_practice' ? 2 : 0);
				return { user, baseVisits: clamp(mean + 1.5 * rng.normal(), 12, 26) };
			})
	);
	const noShow = world.clinics.map((c) => c.noShowRate * rng.uniform(0.85, 1.15));
	const rows: ProviderDay[] = [];
	for (let day = DATA_START; day <= DATA_END; day++) {
		if (!isWorkday(day)) continue;
		const wd = weekday(day);
		const seasonal = (WEEKDAY_FACTOR[wd - 1] ?? 1) * (day >= SUMMER_FROM ? SUMMER_FACTOR : 1);
		for (const clinic of world.clinics) {
			const week = weeksSince(day, clinic.goLive);
			const recovery = recoveries[clinic.index];
			const factor = recovery === undefined ? 1 : productivityFactor(week, recovery);
			for (const { user, baseVisits } of profiles[clinic.index] ?? []) {
				if (user.daysOff.includes(wd) || leave.chance(ptoChance(day, week))) continue;
				const scheduled = Math.max(0, Math.round(baseVisits * factor * seasonal * (1 + 0.06 * noise.normal()) * billingScale));
				const completed = scheduled - noShows.binomial(scheduled, noShow[clinic.index] ?? 0.07);
				rows.push({ day, clinic: clinic.index, provider: user, scheduled, completed });
			}
		}
	}
	return rows;
}

export function* throughputRows(rows: readonly ProviderDay[], world: World): Generator<Cell[]> {
	for (const r of rows) {
		yield [isoDate(r.day), world.clinics[r.clinic]?.id ?? null, r.provider.id, r.scheduled, r.completed];
	}
}
