/** The billing-lag charts of the recovery page, from the results of `$lib/sql/recovery/billing-lag`. */
import type { ClinicChoice } from '$lib/scope/choices';
import type { TimeAxis } from '$lib/scope/filters';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import type { ChartModel } from '../model';
import { pointsByKey, pointsOf } from './series';
import { clinicPanels, smallMultiplesChart, type PanelsModel } from './small-multiples';
import { weeklyLinesChart, type Reference } from './weekly-lines';

const first = (table: ResultColumns, column: string): number | null => numbers(table, column)[0] ?? null;

function baselineLine(baseline: ResultColumns, column: string, label: string): Reference[] {
	const value = first(baseline, column);
	return value === null ? [] : [{ label, value }];
}

/** Median and p90 of billing and charge lag for the clinics in scope, against the baseline median and the lag threshold. */
export function lagChart(all: ResultColumns, baseline: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], thresholdDays: number): ChartModel {
	return weeklyLinesChart(
		[
			{ name: 'billing lag, median', points: pointsOf(all, 'billing_median'), color: '#1f5fbf' },
			{ name: 'billing lag, p90', points: pointsOf(all, 'billing_p90'), color: '#1f5fbf', dashed: true },
			{ name: 'charge lag, median', points: pointsOf(all, 'charge_median'), color: '#b45309' },
			{ name: 'charge lag, p90', points: pointsOf(all, 'charge_p90'), color: '#b45309', dashed: true }
		],
		{
			axis,
			goLiveKeys,
			yName: 'days after the visit',
			references: [...baselineLine(baseline, 'billing_median', 'baseline billing median'), { label: `${thresholdDays}-day threshold`, value: thresholdDays }]
		}
	);
}

/** Median billing lag per go-live wave, on weeks since go-live. */
export function lagByWaveChart(byWave: ResultColumns): ChartModel {
	const series = [...pointsByKey(byWave, 'series', 'billing_median')].map(([wave, points]) => ({ name: `wave of ${wave}`, points }));
	return weeklyLinesChart(series, { axis: 'go_live', goLiveKeys: [], yName: 'median billing lag, days' });
}

/** Share billed later than the threshold (unbilled counts as late) and first-pass denial rate, against their baselines. */
export function claimFlowChart(all: ResultColumns, baseline: ResultColumns, axis: TimeAxis, goLiveKeys: readonly number[], thresholdDays: number): ChartModel {
	return weeklyLinesChart(
		[
			{ name: `billed later than ${thresholdDays} days`, points: pointsOf(all, 'late_share'), color: '#1f5fbf' },
			{ name: 'first-pass denial rate', points: pointsOf(all, 'denial_rate'), color: '#b42318' }
		],
		{
			axis,
			goLiveKeys,
			yName: '% of encounters / claims',
			scale: 100,
			references: [...baselineLine(baseline, 'late_share', 'baseline late'), ...baselineLine(baseline, 'denial_rate', 'baseline denials')]
		}
	);
}

/** Small multiples: each clinic's median billing lag against its own baseline median; slow clinics in red. */
export function lagByClinicChart(byClinic: ResultColumns, clinicBaselines: ResultColumns, axis: TimeAxis, clinics: readonly ClinicChoice[], slow: ReadonlySet<string>): PanelsModel {
	const ids = strings(clinicBaselines, 'clinic_id');
	const medians = numbers(clinicBaselines, 'base_median');
	const baselines = new Map(ids.map((id, i) => [id ?? '', medians[i] ?? null]));
	const panels = clinicPanels(pointsByKey(byClinic, 'series', 'billing_median'), clinics, slow, baselines);
	return smallMultiplesChart(panels, { axis, valueName: 'median billing lag, days', referenceName: 'baseline median, days' });
}
