import { scopeTests, type ClinicScope, type ScopeField } from '$lib/scope/in-scope';
import { join, list, sql, trusted, type Sql } from './fragment';

/**
 * `clinicInScope` as SQL, from the same tests: `site IN (...) AND clinic_id IN (...)` over
 * the relation's own columns (rename them with `columns`); TRUE when nothing is chosen.
 */
export function scopeWhere(scope: ClinicScope, columns: Partial<Record<ScopeField, Sql>> = {}): Sql {
	const parts = scopeTests(scope).map((t) => sql`${columns[t.field] ?? trusted(t.field)} IN ${list(t.values)}`);
	return parts.length === 0 ? trusted('TRUE') : join(parts, ' AND ');
}
