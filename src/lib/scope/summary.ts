import { choiceInScope, type ClinicChoice } from './choices';
import type { OverviewFilters } from './filters';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-02` as `2 Mar 2026`, without the year when `year` is false. */
function day(iso: string, year = true): string {
	const [y, m, d] = iso.split('-');
	return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}${year ? ` ${y}` : ''}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The scope in a few words, for the chip every page shows: "2 sites · 14 clinics · 2 Mar–28 Jun 2026".
 * Clinics are counted in the clinic list when it is known (the clinics the sites hold),
 * else as chosen (and not at all for sites alone). Parts left at their default are not named; all default gives ''.
 */
export function scopeSummary(f: OverviewFilters, choices: readonly ClinicChoice[]): string {
	const parts: string[] = [];
	if (f.sites.length > 0) parts.push(plural(f.sites.length, 'site', 'sites'));
	if (choices.length > 0 && (f.sites.length > 0 || f.clinics.length > 0)) parts.push(plural(choices.filter((c) => choiceInScope(f, c)).length, 'clinic', 'clinics'));
	else if (f.clinics.length > 0) parts.push(plural(f.clinics.length, 'clinic', 'clinics'));
	if (f.from && f.to) parts.push(`${day(f.from, f.from.slice(0, 4) !== f.to.slice(0, 4))}–${day(f.to)}`);
	else if (f.from) parts.push(`from ${day(f.from)}`);
	else if (f.to) parts.push(`to ${day(f.to)}`);
	if (f.axis === 'go_live') parts.push('weeks since go-live');
	return parts.join(' · ');
}
