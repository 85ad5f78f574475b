import type { ClinicChoice } from './choices';
import { DEFAULT_FILTERS, type OverviewFilters } from './filters';

export const sameScope = (a: OverviewFilters, b: OverviewFilters): boolean => JSON.stringify(a) === JSON.stringify(b);
export const isDefaultScope = (f: OverviewFilters): boolean => sameScope(f, DEFAULT_FILTERS);

/**
 * The scope the reader has set (sites, clinics, dates, time axis): one for every page of
 * this tab, so that filters set on one page follow to the others. Pages write it when their
 * filters change or a link opens; the nav links carry it; the chip shows and clears it.
 */
class SharedScope {
	current = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	/** The clinic list (the same on every page), for counting the clinics in scope. */
	choices = $state.raw<readonly ClinicChoice[]>([]);

	set(next: OverviewFilters): void {
		if (!sameScope(next, this.current)) this.current = next;
	}

	clear(): void {
		this.set(DEFAULT_FILTERS);
	}
}

export const sharedScope = new SharedScope();
