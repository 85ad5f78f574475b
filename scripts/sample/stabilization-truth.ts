/**
 * The planted stabilization week of each clinic (truth/stabilization.csv: clinic_id,
 * stable_week), from the generator's rates rather than its draws: the expected tickets of
 * each go-live week (every mechanism but one-off incidents: build defects and outages), and
 * the clinic's steady level, the expected tickets of a week long after go-live with its
 * variances as they stand at the end of the data. A clinic is stable from the first week of
 * two in a row whose expected tickets exceed the steady level by no more than the count noise
 * of a week at that level (`NOISE_SIGMAS` x sqrt(level)): from then on, a leader could not
 * tell its weekly count from the steady state's.
 */
import { join } from 'node:path';
import { writeCsv } from './csv-writer';
import { accessPerUser, adoption, backgroundShape, conversionShape, hardwarePerUser } from './ticket-rates';
import { trainingKey } from './training';
import { activeUntil } from './variance';
import type { World } from './world';

export const NOISE_SIGMAS = 2;
/** Weeks after go-live taken as "long after" for the steady level. */
const STEADY_WEEK = 26;
/** Weeks searched for the stabilization week. */
const MAX_WEEK = 20;

/**
 * Expected tickets of clinic `index` in go-live week `week`, five workdays counted (holidays
 * and the data window do not cut it); `variancesAt`, when given, is the day whose register
 * state applies to every week (the steady level).
 */
export function expectedWeekTickets(world: World, index: number, week: number, variancesAt?: number): number {
	const clinic = world.clinics[index];
	if (clinic === undefined || week < 0) return 0;
	const r = world.rates;
	const monday = clinic.goLive + 7 * week;
	const days = [0, 1, 2, 3, 4].map((d) => monday + d);
	const users = world.byClinic[index] ?? [];
	let sum = 0;
	for (const user of users) {
		for (const area of user.areas) {
			sum += r.background * backgroundShape(week);
			const trainedFrom = world.trainedFrom.get(trainingKey(user.id, area)) ?? Number.POSITIVE_INFINITY;
			const untrained = days.filter((d) => d < trainedFrom).length;
			sum += ((r.missedTrainingMultiplier - 1) * r.background * backgroundShape(week) * r.backgroundHowTo * untrained) / 5;
		}
		sum += (accessPerUser(week) + hardwarePerUser(week)) * world.variant.mix.otherPlanted;
	}
	for (const v of world.register.variances) {
		if (v.clinic !== index) continue;
		const until = variancesAt === undefined ? activeUntil(v) : activeUntil(v) >= variancesAt ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		const areaUsers = users.filter((u) => u.areas.includes(v.area)).length;
		sum += (r.varianceExtra * r.background * backgroundShape(week) * areaUsers * days.filter((d) => d <= until).length) / 5;
	}
	sum += r.dataConversion * users.length * conversionShape(week);
	sum += r.interfacePerProvider * (clinic.physicians + clinic.apps) * (0.4 + 0.6 * adoption(week));
	return sum;
}

/** The planted stabilization week of one clinic (null when not within MAX_WEEK). */
export function plantedStableWeek(world: World, index: number, dataEnd: number): number | null {
	const steady = expectedWeekTickets(world, index, STEADY_WEEK, dataEnd);
	const limit = steady + NOISE_SIGMAS * Math.sqrt(steady);
	const within = (k: number) => expectedWeekTickets(world, index, k) <= limit;
	for (let k = 0; k <= MAX_WEEK; k++) if (within(k) && within(k + 1)) return k;
	return null;
}

export async function writeStabilizationTruth(dir: string, world: World, dataEnd: number): Promise<void> {
	await writeCsv(
		join(dir, 'stabilization.csv'),
		['clinic_id', 'stable_week'],
		world.clinics.map((c) => [c.id, plantedStableWeek(world, c.index, dataEnd)]),
		{ gzip: false }
	);
}
