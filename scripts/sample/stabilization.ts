/**
 * Each clinic's planted stabilization week, from the ticket mechanisms themselves (not from
 * the drawn tickets): the expected tickets of a nominal five-workday week k since go-live,
 * λ(k), summed over every mechanism that follows the clinic's go-live (background and
 * go-live surge, missed training until each user's course, variances until reconciled, data
 * conversion, access, hardware, interfaces). The calendar incidents (build defects, interface
 * outages) are left out: they are one-off spikes that strike settled clinics too.
 *
 * λ never rises after go-live (every term decays or switches off), so the clinic's steady
 * level is λ at its last complete week in the data, L, and the stabilization week is the
 * first week k >= 0 from which λ(k) <= (√L + 1)²: within two standard deviations of a Poisson
 * week's count at the steady level on the square-root scale (where that deviation is 1/2).
 */
import type { Clinic } from './clinics';
import { accessPerUser, adoption, backgroundShape, conversionShape, hardwarePerUser } from './ticket-rates';
import { DATA_END } from './timeline';
import { trainingKey } from './training';
import { activeUntil } from './variance';
import type { World } from './world';

const WORKDAYS = [0, 1, 2, 3, 4];

/** Expected tickets of the clinic in nominal week `week` (>= 0) since its go-live, calendar incidents aside. */
export function expectedWeeklyTickets(world: World, clinic: Clinic, week: number): number {
	const { rates } = world;
	const other = world.variant.mix.otherPlanted;
	const users = world.byClinic[clinic.index] ?? [];
	const days = WORKDAYS.map((d) => clinic.goLive + 7 * week + d);
	const share = (pred: (day: number) => boolean) => days.filter(pred).length / days.length;
	const background = rates.background * backgroundShape(week);
	const missed = (rates.missedTrainingMultiplier - 1) * background * rates.backgroundHowTo;
	let total = 0;
	const areaUsers = new Map<string, number>();
	for (const user of users) {
		for (const area of user.areas) {
			areaUsers.set(area, (areaUsers.get(area) ?? 0) + 1);
			const trainedFrom = world.trainedFrom.get(trainingKey(user.id, area)) ?? Number.POSITIVE_INFINITY;
			total += background + missed * share((d) => d < trainedFrom);
		}
		total += (accessPerUser(week) + hardwarePerUser(week)) * other;
	}
	for (const v of world.register.variances) {
		if (v.clinic !== clinic.index) continue;
		const until = activeUntil(v);
		total += rates.varianceExtra * background * (areaUsers.get(v.area) ?? 0) * share((d) => d <= until);
	}
	total += rates.dataConversion * users.length * conversionShape(week);
	total += rates.interfacePerProvider * (clinic.physicians + clinic.apps) * (0.4 + 0.6 * adoption(week));
	return total;
}

export interface PlantedStabilization {
	readonly clinicId: string;
	/** First week since go-live from which λ stays within L + √L; null when the clinic has no complete week. */
	readonly stableWeek: number | null;
	/** L: expected tickets a week at the clinic's last complete week. */
	readonly steadyLevel: number;
}

export function plantedStabilization(world: World): PlantedStabilization[] {
	return world.clinics.map((clinic) => {
		const lastWeek = Math.floor((DATA_END - clinic.goLive + 1) / 7) - 1;
		if (lastWeek < 0) return { clinicId: clinic.id, stableWeek: null, steadyLevel: 0 };
		const steady = expectedWeeklyTickets(world, clinic, lastWeek);
		let stableWeek = lastWeek;
		for (let k = lastWeek; k >= 0 && expectedWeeklyTickets(world, clinic, k) <= (Math.sqrt(steady) + 1) ** 2; k--) stableWeek = k;
		return { clinicId: clinic.id, stableWeek, steadyLevel: steady };
	});
}
