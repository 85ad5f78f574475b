/**
 * Every recovery chart's table for one view (scope, dates, axis, rules), computed in the page
 * from the pre-aggregates of `sql/recovery/chart-cubes.ts`: the same columns as the SQL
 * statements they stand for (tests/unit/recovery/chart-cube.test.ts compares them).
 */
import type { Table } from 'apache-arrow';
import type { OverviewFilters } from '$lib/scope/filters';
import type { RecoverySettings } from '$lib/recovery/settings';
import { strings, type ResultColumns } from '$lib/results/columns';
import { clinicInScope } from '$lib/scope/in-scope';
import { billingBaselineOf, billingSeriesOf } from './billing';
import { cubeClinics, dayOf } from './clinics';
import { decodedOnce, floats, ints } from '$lib/results/decoded';
import { dnfbBaselineOf, dnfbBySiteOf, type BillingHorizon } from './dnfb';
import { productivitySeriesOf } from './productivity';

/** The results of the `once` statements of chart-cubes.ts. */
export interface RecoveryCubes {
	readonly clinics: Table;
	readonly visitWeeks: Table;
	readonly lagWeeks: Table;
	readonly lagDays: Table;
	readonly horizon: Table;
}

const decodeHorizon = (t: Table): BillingHorizon => ({ asOf: ints(t, 'as_of', 0)[0] ?? 0, firstDay: ints(t, 'first_day', 0)[0] ?? 0, lastDay: ints(t, 'last_day', 0)[0] ?? 0 });

export interface ChartResults {
	readonly bySite: ResultColumns;
	readonly all: ResultColumns;
	readonly byWave: ResultColumns;
	readonly billingAll: ResultColumns;
	readonly baseline: ResultColumns;
	readonly billingByWave: ResultColumns;
	readonly unbilledBySite: ResultColumns;
	readonly dnfbBaseline: ResultColumns;
	/** Each clinic's series, when dates are chosen (without dates each clinic's whole timeline is in its measures). */
	readonly productivityByClinic: ResultColumns | null;
	readonly billingByClinic: ResultColumns | null;
}

export function chartResults(cubes: RecoveryCubes, f: OverviewFilters, s: RecoverySettings): ChartResults {
	const clinics = cubeClinics(cubes.clinics);
	const asOf = decodedOnce(cubes.horizon, decodeHorizon);
	const waves = { ...f, axis: 'go_live' as const };
	const whole = f.from === null && f.to === null;
	return {
		bySite: productivitySeriesOf(cubes.visitWeeks, clinics, f, s, 'site'),
		all: productivitySeriesOf(cubes.visitWeeks, clinics, f, s, 'all'),
		byWave: productivitySeriesOf(cubes.visitWeeks, clinics, waves, s, 'wave'),
		billingAll: billingSeriesOf(cubes.lagWeeks, clinics, asOf.asOf, f, s, 'all'),
		baseline: billingBaselineOf(cubes.lagWeeks, clinics, f, s),
		billingByWave: billingSeriesOf(cubes.lagWeeks, clinics, asOf.asOf, waves, s, 'wave'),
		unbilledBySite: dnfbBySiteOf(cubes.lagDays, clinics, asOf, f, s),
		dnfbBaseline: dnfbBaselineOf(cubes.lagDays, clinics, asOf, f, s),
		productivityByClinic: whole ? null : productivitySeriesOf(cubes.visitWeeks, clinics, f, s, 'clinic'),
		billingByClinic: whole ? null : billingSeriesOf(cubes.lagWeeks, clinics, asOf.asOf, f, s, 'clinic')
	};
}

/**
 * `chartResults` of a view on both axes, cut into steps of one task each (the page runs them while
 * it is idle, after its first view): decoding the lag histograms and folding each axis's DNFB stock
 * are each tens of ms, which a click arriving meanwhile then waits for at most one of.
 */
export function chartResultSteps(cubes: RecoveryCubes, f: OverviewFilters, s: RecoverySettings): (() => void)[] {
	const clinics = () => cubeClinics(cubes.clinics);
	const asOf = () => decodedOnce(cubes.horizon, decodeHorizon);
	const other = { ...f, axis: f.axis === 'calendar' ? ('go_live' as const) : ('calendar' as const) };
	return [
		() => productivitySeriesOf(cubes.visitWeeks, clinics(), f, s, 'all'),
		() => billingBaselineOf(cubes.lagWeeks, clinics(), f, s),
		() => dnfbBaselineOf(cubes.lagDays, clinics(), asOf(), f, s),
		() => dnfbBySiteOf(cubes.lagDays, clinics(), asOf(), f, s),
		() => chartResults(cubes, f, s),
		() => dnfbBySiteOf(cubes.lagDays, clinics(), asOf(), other, s),
		() => chartResults(cubes, other, s)
	];
}

/** The clinics of the filters' sites and clinics (`clinicSitesCube`), by `clinicInScope`. */
export function clinicIdsInScope(clinicSites: Table, f: OverviewFilters): ReadonlySet<string> {
	const ids = strings(clinicSites, 'clinic_id');
	const sites = strings(clinicSites, 'site');
	const out = new Set<string>();
	ids.forEach((id, i) => {
		if (id !== null && clinicInScope(f, { site: sites[i] ?? null, clinic_id: id })) out.add(id);
	});
	return out;
}

/** Tickets in scope that name no clinic (`unassignedDaysCube`), as `unassignedTickets(f)` counts them. */
export function unassignedInScope(days: Table, f: OverviewFilters): number {
	const sites = strings(days, 'site');
	const clinics = strings(days, 'clinic_id');
	const day = floats(days, 'day');
	const tickets = floats(days, 'tickets');
	const [from, to] = [f.from ? dayOf(f.from) : -Infinity, f.to ? dayOf(f.to) : Infinity];
	let total = 0;
	for (let i = 0; i < day.length; i++) {
		const d = day[i] as number;
		// A ticket without a day is outside any date range (SQL's NULL comparison), inside no range at all.
		const dated = (f.from === null || d >= from) && (f.to === null || d <= to);
		if (dated && clinicInScope(f, { site: sites[i] ?? null, clinic_id: clinics[i] ?? null })) total += tickets[i] as number;
	}
	return total;
}
