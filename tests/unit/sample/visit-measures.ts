import { dayNumber, eachBillingRow, median, weeksAfter, type Sample } from './sample-data';

/** Baseline and recovery windows on the go-live axis, as the planted-effect tests read them. */
export const BASELINE_WEEKS = [-8, -2] as const;
export const RECOVERY_WEEKS = [6, 9] as const;

const within = (w: number, [lo, hi]: readonly [number, number]): boolean => w >= lo && w <= hi;

export interface ClinicRatio {
	clinic: string;
	baseline: number;
	recovery: number;
	ratio: number;
}

/** Mean completed visits per provider-day in weeks 6-9 after go-live over the baseline mean. */
export function productivityRatios(sample: Sample): ClinicRatio[] {
	const sums = new Map<string, { b: number; nb: number; r: number; nr: number }>();
	for (const row of sample.throughput) {
		const clinic = row.clinic_id ?? '';
		const w = weeksAfter(dayNumber(row.date ?? ''), sample.goLive.get(clinic) ?? 0);
		const s = sums.get(clinic) ?? { b: 0, nb: 0, r: 0, nr: 0 };
		const visits = Number(row.completed_visits);
		if (within(w, BASELINE_WEEKS)) {
			s.b += visits;
			s.nb++;
		} else if (within(w, RECOVERY_WEEKS)) {
			s.r += visits;
			s.nr++;
		}
		sums.set(clinic, s);
	}
	return [...sums].map(([clinic, s]) => ({ clinic, baseline: s.b / s.nb, recovery: s.r / s.nr, ratio: s.r / s.nr / (s.b / s.nb) }));
}

/** Median billing lag (claim_submitted_on - date_of_service, billed encounters) in weeks 6-9 over the baseline median. */
export function billingLagRatios(sample: Sample): ClinicRatio[] {
	const lags = new Map<string, { b: number[]; r: number[] }>();
	eachBillingRow(sample.dir, ([, clinic = '', dos = '', , claim = '']) => {
		if (claim === '') return;
		const day = dayNumber(dos);
		const w = weeksAfter(day, sample.goLive.get(clinic) ?? 0);
		const l = lags.get(clinic) ?? { b: [], r: [] };
		if (within(w, BASELINE_WEEKS)) l.b.push(dayNumber(claim) - day);
		else if (within(w, RECOVERY_WEEKS)) l.r.push(dayNumber(claim) - day);
		lags.set(clinic, l);
	});
	return [...lags].map(([clinic, l]) => {
		const baseline = median(l.b);
		const recovery = median(l.r);
		return { clinic, baseline, recovery, ratio: recovery / baseline };
	});
}
