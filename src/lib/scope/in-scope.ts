/**
 * The one definition of "a clinic is in scope": its site is one of the sites chosen (when
 * any are) and its id one of the clinics chosen (when any are). Both faces come from the
 * same tests: `clinicInScope` for rows already in memory, and `sql/scope-where.ts`, which
 * writes the same tests as SQL. A missing site or id is never in a chosen list, as SQL's
 * `NULL IN (...)` is not.
 */
export type ScopeField = 'site' | 'clinic_id';

export interface ScopeTest {
	readonly field: ScopeField;
	readonly values: readonly string[];
}

/** What chooses clinics: the filters' site and clinic lists (dates and axis choose weeks, not clinics). */
export interface ClinicScope {
	readonly sites: readonly string[];
	readonly clinics: readonly string[];
}

export function scopeTests(scope: ClinicScope): ScopeTest[] {
	const tests: ScopeTest[] = [];
	if (scope.sites.length > 0) tests.push({ field: 'site', values: scope.sites });
	if (scope.clinics.length > 0) tests.push({ field: 'clinic_id', values: scope.clinics });
	return tests;
}

export type ScopedClinic = Readonly<Record<ScopeField, string | null>>;

export function clinicInScope(scope: ClinicScope, clinic: ScopedClinic): boolean {
	return scopeTests(scope).every((t) => {
		const value = clinic[t.field];
		return value !== null && t.values.includes(value);
	});
}
