import type { Clinic } from './clinics';
import { Random } from './random';
import { ROLE_AREAS, type Area, type Role } from './vocabulary';

export interface User {
	id: string;
	clinic: number;
	role: Role;
	areas: readonly Area[];
	/** Full-time equivalent; only providers work part time here. */
	fte: number;
	/** ISO weekdays (1 = Monday) a part-time provider does not see patients. */
	daysOff: readonly number[];
}

/** Support staff per provider, typical of ambulatory clinics. */
function staffing(clinic: Clinic, rng: Random): [Role, number][] {
	const providers = clinic.physicians + clinic.apps;
	return [
		['physician', clinic.physicians],
		['advanced_practice', clinic.apps],
		['nurse', Math.max(2, Math.round(providers * rng.uniform(0.5, 0.7)))],
		['medical_assistant', Math.max(2, Math.round(providers * rng.uniform(1.0, 1.25)))],
		['front_desk', Math.max(2, Math.round(providers * 0.45) + 1)],
		['biller', providers >= 9 ? 2 : 1],
		['coder', 1],
		['manager', 1]
	];
}

function providerSchedule(rng: Random): { fte: number; daysOff: number[] } {
	const fte = rng.weighted([
		[1, 0.78],
		[0.8, 0.14],
		[0.6, 0.08]
	] as const);
	const offCount = Math.round((1 - fte) * 5);
	const daysOff = rng.shuffle([1, 2, 3, 4, 5]).slice(0, offCount).sort();
	return { fte, daysOff };
}

export function buildUsers(clinics: readonly Clinic[], seed: number): User[] {
	const rng = new Random(seed, 'users');
	const users: User[] = [];
	for (const clinic of clinics) {
		for (const [role, count] of staffing(clinic, rng)) {
			for (let i = 0; i < count; i++) {
				const isProvider = role === 'physician' || role === 'advanced_practice';
				const schedule = isProvider ? providerSchedule(rng) : { fte: 1, daysOff: [] };
				users.push({
					id: `U${String(users.length + 1).padStart(4, '0')}`,
					clinic: clinic.index,
					role,
					areas: ROLE_AREAS[role],
					...schedule
				});
			}
		}
	}
	return users;
}

/** Users of each clinic, by clinic index. */
export function usersByClinic(users: readonly User[], clinicCount: number): User[][] {
	const byClinic: User[][] = Array.from({ length: clinicCount }, () => []);
	for (const user of users) byClinic[user.clinic]?.push(user);
	return byClinic;
}

/** The clinic's provider FTEs, the contract's `providers` column. */
export function providerFte(users: readonly User[]): number {
	let fte = 0;
	for (const u of users) if (u.role === 'physician' || u.role === 'advanced_practice') fte += u.fte;
	return Math.round(fte);
}
