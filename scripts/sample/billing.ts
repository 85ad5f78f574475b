import { isoDate } from './calendar';
import type { Cell } from './csv-writer';
import { Random } from './random';
import { lingering, type Recovery } from './recovery';
import type { ProviderDay } from './throughput';
import { DATA_END, nextWeekday } from './timeline';
import type { World } from './world';

/** Revenue-cycle behaviour of one clinic on one day of service. */
interface DayBilling {
	chargeMedianDays: number;
	claimMedianDays: number;
	missedCharge: number;
	stuckClaim: number;
	denial: number;
}

/** Baseline: charges post the next day, claims go out ~4-5 days after the visit (p90 ~10). */
export const BILLING_BASELINE = { chargeMedianDays: 1.3, claimMedianDays: 3.2, missedCharge: 0.003, stuckClaim: 0.008, denial: 0.05 };
/** The go-live spike on top of the baseline, fading with the clinic's own time constant. */
export const BILLING_SPIKE = { chargeDays: 4.2, chargeTau: 1.8, claimDays: 7, claimTau: 2.2, missedCharge: 0.012, stuckClaim: 0.025, denial: 0.05, tau: 3 };

function dayBilling(weeks: number, r: Recovery): DayBilling {
	const b = BILLING_BASELINE;
	if (weeks < 0) return { ...b };
	const s = BILLING_SPIKE;
	// Slow clinics start like the others and then stall until their variance lifts.
	const linger = (1 - Math.exp(-weeks / 1.5)) * lingering(weeks, r.lingerMidWeek);
	const slow = r.claimLingerDays > 0 ? linger : 0;
	return {
		chargeMedianDays: b.chargeMedianDays + s.chargeDays * Math.exp(-weeks / s.chargeTau) + r.chargeLingerDays * linger,
		claimMedianDays: b.claimMedianDays + s.claimDays * Math.exp(-weeks / s.claimTau) + r.claimLingerDays * linger,
		missedCharge: b.missedCharge + s.missedCharge * Math.exp(-weeks / s.tau) + 0.01 * slow,
		stuckClaim: b.stuckClaim + s.stuckClaim * Math.exp(-weeks / s.tau) + 0.03 * slow,
		denial: b.denial + s.denial * Math.exp(-weeks / s.tau) + 0.05 * slow
	};
}

/**
 * One row per completed visit, generated lazily clinic-day by clinic-day from throughput,
 * so ten million encounters stream to disk without being held. Dates past the end of the
 * data are unknown yet, hence empty.
 */
export function* billingRows(world: World, days: readonly ProviderDay[], recoveries: readonly Recovery[]): Generator<Cell[]> {
	const rng = new Random(world.seed, 'billing');
	let encounter = 0;
	let i = 0;
	while (i < days.length) {
		const first = days[i];
		if (first === undefined) break;
		let visits = 0;
		for (; i < days.length; i++) {
			const row = days[i];
			if (row === undefined || row.day !== first.day || row.clinic !== first.clinic) break;
			visits += row.completed;
		}
		const clinic = world.clinics[first.clinic];
		const recovery = recoveries[first.clinic];
		if (clinic === undefined || recovery === undefined) continue;
		const p = dayBilling((first.day - clinic.goLive) / 7, recovery);
		const dos = isoDate(first.day);
		for (let v = 0; v < visits; v++) {
			encounter++;
			const id = `E${String(encounter).padStart(7, '0')}`;
			if (rng.chance(p.missedCharge)) {
				yield [id, clinic.id, dos, null, null, null];
				continue;
			}
			const charge = nextWeekday(first.day + Math.floor(rng.lognormal(p.chargeMedianDays, 0.65)));
			if (charge > DATA_END) {
				yield [id, clinic.id, dos, null, null, null];
				continue;
			}
			const claim = nextWeekday(charge + Math.floor(rng.lognormal(p.claimMedianDays, 0.7)));
			if (claim > DATA_END || rng.chance(p.stuckClaim)) {
				yield [id, clinic.id, dos, isoDate(charge), null, null];
				continue;
			}
			yield [id, clinic.id, dos, isoDate(charge), isoDate(claim), rng.chance(p.denial)];
		}
	}
}
