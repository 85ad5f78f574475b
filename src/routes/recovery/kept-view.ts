/**
 * Recovery's kept default view: its chart tables asked as the SQL statements the page's
 * pre-aggregates stand for, so that the first view draws from a few small kept tables.
 */
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import type { ChartResults } from '$lib/recovery/cube/charts';
import { pageClient, statementKey } from '$lib/page/protocol';
import type { Sql } from '$lib/sql/fragment';
import { billingBaseline, billingSeries } from '$lib/sql/recovery/billing-lag';
import { dnfbBaseline, dnfbSeries } from '$lib/sql/recovery/dnfb';
import { productivitySeries } from '$lib/sql/recovery/productivity';

/** The SQL statement each chart table of a view stands for: `chartResults` computes the same tables from the pre-aggregates (tests/unit/recovery/chart-cube.test.ts compares them). */
export function chartStatements(f: OverviewFilters, s: RecoverySettings): { readonly [K in keyof ChartResults]: Sql | null } {
	const waves = { ...f, axis: 'go_live' as const };
	const whole = f.from === null && f.to === null;
	return {
		bySite: productivitySeries(f, s, 'site'),
		all: productivitySeries(f, s, 'all'),
		byWave: productivitySeries(waves, s, 'wave'),
		billingAll: billingSeries(f, s, 'all'),
		baseline: billingBaseline(f, s),
		billingByWave: billingSeries(waves, s, 'wave'),
		unbilledBySite: dnfbSeries(f, s, 'site'),
		dnfbBaseline: dnfbBaseline(f, s),
		productivityByClinic: whole ? null : productivitySeries(f, s, 'clinic'),
		billingByClinic: whole ? null : billingSeries(f, s, 'clinic')
	};
}

/**
 * The default view's chart tables asked as their own statements: kept for the data with the rest
 * of the default view (routes/kept-views.ts), they are a few small tables, so the first view
 * decodes and folds none of the pre-aggregates (hundreds of thousands of rows). Asked only for
 * the view that was kept (`isKeptView`); the pre-aggregates answer every other.
 */
export const viewCharts = pageClient({
	queries: ({ f, s }: { f: OverviewFilters; s: RecoverySettings }) => chartStatements(f, s),
	// Each is a table where its statement is one: the same nulls as chartResults'.
	model: (r): ChartResults => r as unknown as ChartResults
});

const keysOf = (f: OverviewFilters, s: RecoverySettings) => JSON.stringify(Object.values(chartStatements(f, s)).map((st) => st && statementKey(st)));
const KEPT_VIEW = keysOf(DEFAULT_FILTERS, DEFAULT_RECOVERY_SETTINGS);

/** Whether a view's charts are the default view's, which the kept results hold as statements of their own (whatever the order of the filters' keys). */
export const isKeptView = (f: OverviewFilters, s: RecoverySettings): boolean => keysOf(f, s) === KEPT_VIEW;
