/**
 * The clinics of the recovery pre-aggregates, and what a scope makes of them: which are in
 * scope (`clinicInScope`, the one definition SQL's `scopeWhere` also writes), which weeks the
 * dates keep (as `recoveryWhere`: whole calendar weeks overlapping the range) and the series
 * each clinic rolls up to (as `seriesKey`).
 */
import type { Table } from 'apache-arrow';
import { strings } from '$lib/results/columns';
import { clinicInScope, type ClinicScope } from '$lib/scope/in-scope';
import type { OverviewFilters } from '$lib/scope/filters';
import type { RollUp } from '$lib/sql/recovery/scope';
import { decodedOnce, ints } from '$lib/results/decoded';

export interface CubeClinics {
	readonly ids: readonly string[];
	readonly index: ReadonlyMap<string, number>;
	readonly site: readonly (string | null)[];
	readonly goLiveDay: Int32Array;
	readonly wave: readonly (string | null)[];
}

function decodeClinics(t: Table): CubeClinics {
	const ids = strings(t, 'clinic_id').map((id) => id ?? '');
	return { ids, index: new Map(ids.map((id, i) => [id, i])), site: strings(t, 'site'), goLiveDay: ints(t, 'go_live_day', 0), wave: strings(t, 'wave') };
}

export const cubeClinics = (t: Table): CubeClinics => decodedOnce(t, decodeClinics);

/** 1 for each clinic in scope. */
export function scopeMask(clinics: CubeClinics, scope: ClinicScope): Uint8Array {
	const mask = new Uint8Array(clinics.ids.length);
	for (let c = 0; c < mask.length; c++) mask[c] = clinicInScope(scope, { site: clinics.site[c] ?? null, clinic_id: clinics.ids[c] ?? null }) ? 1 : 0;
	return mask;
}

/** Days since 1970-01-01 of an ISO date. */
export const dayOf = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** The Monday of a day's calendar week (1970-01-01 was a Thursday). */
export const mondayOf = (day: number): number => day - ((((day + 3) % 7) + 7) % 7);

/** The calendar weeks (by their Monday) the dates keep: those overlapping the range. */
export function weekRange(f: Pick<OverviewFilters, 'from' | 'to'>): { from: number; to: number } {
	return { from: f.from ? mondayOf(dayOf(f.from)) : -Infinity, to: f.to ? dayOf(f.to) : Infinity };
}

/** Each clinic's series for a roll-up, and the series' names. */
export function seriesOf(clinics: CubeClinics, by: RollUp): { names: string[]; of: Int32Array } {
	const name = (c: number): string => {
		switch (by) {
			case 'clinic':
				return clinics.ids[c] ?? '';
			case 'site':
				return clinics.site[c] ?? '(no site)';
			case 'wave':
				return clinics.wave[c] ?? '';
			case 'all':
				return 'all clinics';
		}
	};
	const names: string[] = [];
	const at = new Map<string, number>();
	const of = new Int32Array(clinics.ids.length);
	for (let c = 0; c < of.length; c++) {
		const n = name(c);
		let s = at.get(n);
		if (s === undefined) {
			s = names.length;
			names.push(n);
			at.set(n, s);
		}
		of[c] = s;
	}
	return { names, of };
}
