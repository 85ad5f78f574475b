import { buildClinics, type Clinic } from './clinics';
import { buildDefects, buildOutages, type BuildDefect, type Outage } from './incidents';
import { DEFAULT_VARIANT, ticketRates, trainingKnobs, type Variant } from './mixes';
import type { TicketRates } from './ticket-rates';
import { buildTraining, trainedFromIndex, type TrainingKnobs, type TrainingRecord } from './training';
import { buildUsers, usersByClinic, type User } from './users';
import { buildSingleWaveDefects, castStress, stressRegister, trainingFactor, type StressCast } from './stress';
import { buildVariances, type VarianceRegister } from './variance';

/** Everything that is decided before any activity happens: who, where, when, and what is planted. */
export interface World {
	seed: number;
	variant: Variant;
	/** The ticket rates and training shares in force (the tuned ones unless a mix changes them). */
	rates: TicketRates;
	trainingKnobs: TrainingKnobs;
	clinics: Clinic[];
	users: User[];
	byClinic: User[][];
	training: TrainingRecord[];
	trainedFrom: Map<string, number>;
	register: VarianceRegister;
	defects: BuildDefect[];
	outages: Outage[];
	/** Which clinics the stress knobs picked (empty sets outside the stress mixes). */
	stress: StressCast;
}

export function buildWorld(seed: number, variant: Variant = DEFAULT_VARIANT): World {
	const { mix } = variant;
	const clinics = buildClinics(seed, variant.clinics);
	const stress = castStress(clinics, seed, mix.stress);
	const users = buildUsers(clinics, seed);
	const knobs = trainingKnobs(mix);
	const training = buildTraining(users, clinics, seed, knobs, (clinic) => trainingFactor(stress, clinic));
	return {
		seed,
		variant,
		rates: ticketRates(mix),
		trainingKnobs: knobs,
		clinics,
		users,
		byClinic: usersByClinic(users, clinics.length),
		training,
		trainedFrom: trainedFromIndex(training),
		register: stressRegister(buildVariances(clinics, seed, mix), clinics, stress, seed, mix.stress),
		defects: [...buildDefects(clinics, seed, mix), ...buildSingleWaveDefects(clinics, seed, mix.stress)],
		outages: buildOutages(clinics, seed),
		stress
	};
}
