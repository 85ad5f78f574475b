import type { Table } from 'apache-arrow';
import { numbers } from '$lib/results/columns';

/** The note of a clinic heatmap that draws only the first clinics (sql/overview.ts HEATMAP_CLINICS), or none. */
export function clinicLimit(result: Table, shown: number): { limited?: string } {
	const inScope = numbers(result, 'clinics_in_scope')[0] ?? 0;
	if (inScope <= shown) return {};
	const n = (v: number) => v.toLocaleString('en-US');
	return { limited: `Showing the first ${n(shown)} of ${n(inScope)} clinics in go-live order: choose a site or clinics in the filters to see the others.` };
}
