import type { Clinic } from './clinics';
import { clamp, Random } from './random';
import { DATA_END, nextWeekday } from './timeline';
import type { User } from './users';
import type { Area } from './vocabulary';

export interface TrainingRecord {
	user: User;
	area: Area;
	/** Day the course was completed, null = never. */
	completedOn: number | null;
	score: number | null;
}

/**
 * Shares that shape the missed-training effect. Some users skip training altogether
 * (physicians most often), others miss a single course; a few finish after go-live.
 */
export interface TrainingKnobs {
	readonly skipperShare: { readonly physician: number; readonly other: number };
	readonly skipperMissesCourse: number;
	readonly missesCourse: number;
	readonly finishesLate: number;
}

export const TRAINING: TrainingKnobs = {
	skipperShare: { physician: 0.14, other: 0.07 },
	skipperMissesCourse: 0.7,
	missesCourse: 0.075,
	finishesLate: 0.12
};

/** `clinicFactor` multiplies a clinic's chances of skipping and missing training (stress.ts). */
export function buildTraining(
	users: readonly User[],
	clinics: readonly Clinic[],
	seed: number,
	knobs: TrainingKnobs = TRAINING,
	clinicFactor: (clinic: number) => number = () => 1
): TrainingRecord[] {
	const rng = new Random(seed, 'training');
	const records: TrainingRecord[] = [];
	for (const user of users) {
		const goLive = clinics[user.clinic]?.goLive ?? 0;
		const factor = clinicFactor(user.clinic);
		const skipperShare = user.role === 'physician' ? knobs.skipperShare.physician : knobs.skipperShare.other;
		const skipper = rng.chance(Math.min(1, skipperShare * factor));
		for (const area of user.areas) {
			const misses = rng.chance(skipper ? Math.min(1, knobs.skipperMissesCourse * Math.min(factor, 1.3)) : Math.min(1, knobs.missesCourse * factor));
			if (misses) {
				records.push({ user, area, completedOn: null, score: null });
				continue;
			}
			const late = rng.chance(knobs.finishesLate);
			const completedOn = late ? Math.min(DATA_END, nextWeekday(goLive + rng.int(1, 25))) : nextWeekday(goLive - rng.int(8, 44));
			const score = Math.round(clamp(late ? rng.normal() * 9 + 78 : rng.normal() * 8 + 86, 60, 100));
			records.push({ user, area, completedOn, score });
		}
	}
	return records;
}

/** Day from which a user counts as trained in an area (Infinity when never). */
export function trainedFromIndex(records: readonly TrainingRecord[]): Map<string, number> {
	const index = new Map<string, number>();
	for (const r of records) index.set(trainingKey(r.user.id, r.area), r.completedOn ?? Number.POSITIVE_INFINITY);
	return index;
}

export function trainingKey(userId: string, area: Area): string {
	return `${userId}|${area}`;
}
