import { clinicInScope, type ClinicScope } from './in-scope';

/** The site of a clinic the clinic list does not give one: shown, but not offered as a site filter (no row has it). */
export const NO_SITE = '(no site)';

const DAY_MS = 86_400_000;

export interface ClinicChoice {
	readonly id: string;
	readonly name: string;
	readonly site: string;
	readonly goLive: string;
}

/**
 * Where the export itself thins out (sql/export-thinning.ts): from `from` (YYYY-MM-DD) to the
 * export's last day, tickets arrive at a tenth or less of the weeks before. The fall is the
 * export's, not the clinics'.
 */
export interface ExportThinning {
	readonly from: string;
	/** Median tickets a week over the 8 weeks before the thinning week. */
	readonly perWeekBefore: number;
	/** Tickets a week from `from` to the export's last day. */
	readonly perWeekAfter: number;
	/** The export's last day of tickets. */
	readonly lastDay: string;
}

export interface FilterChoices {
	readonly clinics: readonly ClinicChoice[];
	readonly span: { readonly first: string; readonly last: string } | null;
	readonly thinning: ExportThinning | null;
}

/**
 * The span measures of "now" and of clinic-weeks observed whole are taken over: the export's, cut
 * the day before it thins out (a week of the thin tail is not a quiet week of the clinics').
 */
export function denseSpan(span: { readonly first: string; readonly last: string } | null, thinning: ExportThinning | null): { first: string; last: string } | null {
	if (!span || !thinning) return span;
	const last = new Date(Date.parse(`${thinning.from}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
	return last < span.first ? span : { first: span.first, last: last < span.last ? last : span.last };
}

/** A clinic of the filter bar's list in scope, by the one definition (`NO_SITE` is no site). */
export function choiceInScope(scope: ClinicScope, c: ClinicChoice): boolean {
	return clinicInScope(scope, { site: c.site === NO_SITE ? null : c.site, clinic_id: c.id });
}

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
