import { buildClinics, type Clinic } from './clinics';
import { buildDefects, buildOutages, type BuildDefect, type Outage } from './incidents';
import { buildTraining, trainedFromIndex, type TrainingRecord } from './training';
import { buildUsers, usersByClinic, type User } from './users';
import { buildVariances, type VarianceRegister } from './variance';

/** Everything that is decided before any activity happens: who, where, when, and what is planted. */
export interface World {
	seed: number;
	clinics: Clinic[];
	users: User[];
	byClinic: User[][];
	training: TrainingRecord[];
	trainedFrom: Map<string, number>;
	register: VarianceRegister;
	defects: BuildDefect[];
	outages: Outage[];
}

export function buildWorld(seed: number): World {
	const clinics = buildClinics(seed);
	const users = buildUsers(clinics, seed);
	const training = buildTraining(users, clinics, seed);
	return {
		seed,
		clinics,
		users,
		byClinic: usersByClinic(users, clinics.length),
		training,
		trainedFrom: trainedFromIndex(training),
		register: buildVariances(clinics, seed),
		defects: buildDefects(clinics, seed),
		outages: buildOutages(clinics, seed)
	};
}
