/**
 * Variants of the sample for benchmarks: how many clinics, and which mix of causes. A mix
 * is a set of multipliers on the tuned knobs (RATES, TRAINING, the variance register, the
 * build-defect plans). `default` multiplies everything by 1 and adds nothing, so the
 * default variant writes exactly the tuned sample.
 */
import { RATES, type TicketRates } from './ticket-rates';
import { FULL_STRESS, NO_STRESS, type StressKnobs } from './stress';
import { TRAINING, type TrainingKnobs } from './training';

export const DEFAULT_CLINICS = 49;
/** Two slow-productivity and two slow-billing clinics per wave need at least four clinics a wave. */
export const MIN_CLINICS = 12;
export const MAX_CLINICS = 300;

export const MIX_NAMES = ['default', 'training-heavy', 'variance-heavy', 'defect-heavy', 'quiet', 'stress', 'no-defect'] as const;
export type MixName = (typeof MIX_NAMES)[number];
export const DEFAULT_MIX: MixName = 'default';

export interface Mix {
	name: MixName;
	/** Multiplies the share of users who skip training (both roles' shares). */
	skippers: number;
	/** Multiplies the chance that a trained user misses a single course. */
	missedCourses: number;
	/** Multiplies the weight of `unreconciled` when a register entry's status is drawn. */
	unreconciled: number;
	/** Register entries added to each clinic's 2-4. */
	extraVariances: number;
	/** How many of the build-defect plans (incidents.ts) are planted. */
	defects: number;
	/** Multiplies conversion, access, hardware, interface and outage tickets. */
	otherPlanted: number;
	/** Single-wave defects, silent variances, poorly and fully trained clinics, small clinics (stress.ts). */
	stress: StressKnobs;
}

const NEUTRAL: Omit<Mix, 'name'> = { skippers: 1, missedCourses: 1, unreconciled: 1, extraVariances: 0, defects: 2, otherPlanted: 1, stress: NO_STRESS };

export const MIXES: Readonly<Record<MixName, Mix>> = {
	default: { name: 'default', ...NEUTRAL },
	/** About 30% of training assignments never completed (13% by default). */
	'training-heavy': { name: 'training-heavy', ...NEUTRAL, skippers: 3, missedCourses: 2 },
	/** One more register entry per clinic, and well over half of them left unreconciled. */
	'variance-heavy': { name: 'variance-heavy', ...NEUTRAL, unreconciled: 2.5, extraVariances: 1 },
	/** A third build-defect incident. */
	'defect-heavy': { name: 'defect-heavy', ...NEUTRAL, defects: 3 },
	/** Few planted causes: most tickets are background questions. */
	quiet: { name: 'quiet', ...NEUTRAL, skippers: 0.3, missedCourses: 0.3, unreconciled: 0.25, defects: 1, otherPlanted: 0.35 },
	/** The default mix plus two single-wave defects, silent variances, poorly/fully trained and small clinics. */
	stress: { name: 'stress', ...NEUTRAL, stress: FULL_STRESS },
	/** The stress mix without any build defect: no incident should be found. */
	'no-defect': { name: 'no-defect', ...NEUTRAL, defects: 0, stress: { ...FULL_STRESS, singleWaveDefects: 0 } }
};

/** What a run varies besides the seed and the billing scale. */
export interface Variant {
	clinics: number;
	mix: Mix;
}

export const DEFAULT_VARIANT: Variant = { clinics: DEFAULT_CLINICS, mix: MIXES.default };

export function isMixName(name: string): name is MixName {
	return (MIX_NAMES as readonly string[]).includes(name);
}

export function variantOf(clinics: number = DEFAULT_CLINICS, mix: string = DEFAULT_MIX): Variant {
	if (!Number.isInteger(clinics) || clinics < MIN_CLINICS || clinics > MAX_CLINICS) {
		throw new Error(`clinics must be an integer from ${MIN_CLINICS} to ${MAX_CLINICS}, got ${clinics}`);
	}
	if (!isMixName(mix)) throw new Error(`unknown mix "${mix}" (one of ${MIX_NAMES.join(', ')})`);
	return { clinics, mix: MIXES[mix] };
}

export function isDefaultVariant(variant: Variant): boolean {
	return variant.clinics === DEFAULT_CLINICS && variant.mix.name === DEFAULT_MIX;
}

/** RATES under a mix. Multiplying by 1 is exact, so the default keeps the tuned values. */
export function ticketRates(mix: Mix): TicketRates {
	return {
		...RATES,
		dataConversion: RATES.dataConversion * mix.otherPlanted,
		interfacePerProvider: RATES.interfacePerProvider * mix.otherPlanted,
		outagePerClinic: RATES.outagePerClinic * mix.otherPlanted
	};
}

/** TRAINING under a mix. */
export function trainingKnobs(mix: Mix): TrainingKnobs {
	return {
		...TRAINING,
		skipperShare: {
			physician: TRAINING.skipperShare.physician * mix.skippers,
			other: TRAINING.skipperShare.other * mix.skippers
		},
		missesCourse: TRAINING.missesCourse * mix.missedCourses
	};
}
