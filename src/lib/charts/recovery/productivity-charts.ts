import type { ResultColumns } from '$lib/results/columns';
/** The productivity charts of the recovery page, from the results of `$lib/sql/recovery/productivity`. */
import type { ClinicChoice } from '$lib/scope/choices';
import type { TimeAxis } from '$lib/scope/filters';
import type { ChartModel } from '../model';
import { pointsByKey, pointsOf } from './series';
import { clinicPanels, smallMultiplesChart, type PanelsModel } from './small-multiples';
import { weeklyLinesChart, type LineSeries } from './weekly-lines';

const ALL = '#1c2430';
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Site roll-ups, all clinics in scope, and planned (scheduled) beside actual where schedules are recorded. */
export function productivityBySiteChart(bySite: ResultColumns, all: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], threshold: number): ChartModel {
	const planned = pointsOf(all, 'planned');
	const series: LineSeries[] = [
		...[...pointsByKey(bySite, 'series', 'actual')].sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) => ({ name, points })),
		{ name: 'all in scope', points: pointsOf(all, 'actual'), color: ALL },
		...([...planned.values()].some((v) => v !== null) ? [{ name: 'all in scope: planned', points: planned, dashed: true, color: ALL }] : [])
	];
	return weeklyLinesChart(series, {
		axis,
		goLiveKeys,
		yName: '% of baseline',
		scale: 100,
		references: [{ label: `recovered at ${percent(threshold)}`, value: threshold }]
	});
}

/** One line per go-live wave, on weeks since go-live whatever the page's axis. */
export function productivityByWaveChart(byWave: ResultColumns, threshold: number): ChartModel {
	const series = [...pointsByKey(byWave, 'series', 'actual')].map(([wave, points]) => ({ name: `wave of ${wave}`, points }));
	return weeklyLinesChart(series, {
		axis: 'go_live',
		goLiveKeys: [],
		yName: '% of baseline',
		scale: 100,
		references: [{ label: `recovered at ${percent(threshold)}`, value: threshold }]
	});
}

/** Small multiples: each clinic's visits per provider-day as % of its baseline; slow clinics in red. */
export function productivityByClinicChart(byClinic: ResultColumns, axis: TimeAxis, clinics: readonly ClinicChoice[], slow: ReadonlySet<string>, threshold: number): PanelsModel {
	const panels = clinicPanels(pointsByKey(byClinic, 'series', 'actual'), clinics, slow);
	return smallMultiplesChart(panels, { axis, valueName: '% of baseline', scale: 100, threshold });
}
