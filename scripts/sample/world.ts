import { buildClinics, type Clinic } from './clinics';
import { buildDefects, buildOutages, type BuildDefect, type Outage } from './incidents';
import { DEFAULT_VARIANT, ticketRates, trainingKnobs, type Variant } from './mixes';
import type { TicketRates } from './ticket-rates';
import { buildTraining, trainedFromIndex, type TrainingKnobs, type TrainingRecord } from './training';
import { buildUsers, usersByClinic, type User } from './users';
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
}

export function buildWorld(seed: number, variant: Variant = DEFAULT_VARIANT): World {
	const { mix } = variant;
	const clinics = buildClinics(seed, variant.clinics);
	const users = buildUsers(clinics, seed);
	const knobs = trainingKnobs(mix);
	const training = buildTraining(users, clinics, seed, knobs);
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
		register: buildVariances(clinics, seed, mix),
		defects: buildDefects(clinics, seed, mix),
		outages: buildOutages(clinics, seed)
	};
}
