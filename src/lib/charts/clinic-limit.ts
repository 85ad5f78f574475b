import { numbers, type ResultColumns } from '$lib/results/columns';

/**
 * The note of a clinic heatmap that draws only some clinics (sql/overview.ts HEATMAP_CLINICS,
 * HEATMAP_TOP), or none. `which` says which ones it draws.
 */
export function clinicLimit(result: ResultColumns, shown: number, which = 'the first'): { limited?: string } {
	const inScope = numbers(result, 'clinics_in_scope')[0] ?? 0;
	if (inScope <= shown) return {};
	const n = (v: number) => v.toLocaleString('en-US');
	return {
		limited: `Showing ${which} ${n(shown)} of ${n(inScope)} clinics; ${n(inScope - shown)} left out: choose a site or clinics in the filters to see the others.`
	};
}
