import { clinicInScope, type ClinicScope } from './in-scope';

/** The site of a clinic the clinic list does not give one: shown, but not offered as a site filter (no row has it). */
export const NO_SITE = '(no site)';

export interface ClinicChoice {
	readonly id: string;
	readonly name: string;
	readonly site: string;
	readonly goLive: string;
}

export interface FilterChoices {
	readonly clinics: readonly ClinicChoice[];
	readonly span: { readonly first: string; readonly last: string } | null;
}

/** A clinic of the filter bar's list in scope, by the one definition (`NO_SITE` is no site). */
export function choiceInScope(scope: ClinicScope, c: ClinicChoice): boolean {
	return clinicInScope(scope, { site: c.site === NO_SITE ? null : c.site, clinic_id: c.id });
}

const DAY_MS = 86_400_000;

/** The Monday of a date's ISO week, as days since 1970-01-01 (the calendar bucket key). */
export function mondayKey(isoDate: string): number {
	const day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
	const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
	return day - weekday;
}

/** The clinics of the filter bar's list that the scope keeps. */
export function clinicsInScope(clinics: readonly ClinicChoice[], f: ClinicScope): ClinicChoice[] {
	return clinics.filter((c) => choiceInScope(f, c));
}

/** Go-live weeks of the clinics in scope, for the go-live markers on calendar charts. */
export function goLiveKeys(clinics: readonly ClinicChoice[], f: ClinicScope): number[] {
	return clinicsInScope(clinics, f)
		.filter((c) => c.goLive !== '')
		.map((c) => mondayKey(c.goLive));
}
