import { strings } from '$lib/charts/columns';
import type { Engine } from '$lib/engine';
import { clinicChoices, ticketDateSpan } from '$lib/sql/overview';

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

/** What the filter bar offers: every clinic with its site and go-live, and the span of ticket dates. */
export async function loadFilterChoices(engine: Engine): Promise<FilterChoices> {
	const clinics = await engine.query(clinicChoices());
	const ids = strings(clinics, 'clinic_id');
	const names = strings(clinics, 'clinic_name');
	const sites = strings(clinics, 'site');
	const goLives = strings(clinics, 'go_live_date');
	const span = await engine.query(ticketDateSpan());
	const [first] = strings(span, 'first_day');
	const [last] = strings(span, 'last_day');
	return {
		clinics: ids.map((id, i) => ({ id: id ?? '', name: names[i] ?? id ?? '', site: sites[i] ?? NO_SITE, goLive: goLives[i] ?? '' })),
		span: first && last ? { first, last } : null
	};
}

const DAY_MS = 86_400_000;

/** The Monday of a date's ISO week, as days since 1970-01-01 (the calendar bucket key). */
export function mondayKey(isoDate: string): number {
	const day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
	const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
	return day - weekday;
}

type ClinicScope = { sites: readonly string[]; clinics: readonly string[] };

/** The clinics the site and clinic filters keep. */
export function clinicsInScope(clinics: readonly ClinicChoice[], f: ClinicScope): ClinicChoice[] {
	return clinics.filter((c) => (f.sites.length === 0 || f.sites.includes(c.site)) && (f.clinics.length === 0 || f.clinics.includes(c.id)));
}

/** Go-live weeks of the clinics in scope, for the go-live markers on calendar charts. */
export function goLiveKeys(clinics: readonly ClinicChoice[], f: ClinicScope): number[] {
	return clinicsInScope(clinics, f)
		.filter((c) => c.goLive !== '')
		.map((c) => mondayKey(c.goLive));
}
