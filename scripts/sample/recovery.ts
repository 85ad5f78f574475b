import { Random } from './random';
import type { World } from './world';

/**
 * How each clinic's productivity and revenue cycle recover after go-live. Every clinic
 * gets a dip that decays exponentially; the planted slow clinics also carry a lingering
 * deficit that only lifts around weeks 11-13, when their variance would have been fixed.
 */
export interface Recovery {
	/** Share of baseline visits lost in the go-live week (before any lingering deficit). */
	dip: number;
	/** Weeks for the dip to shrink by e. */
	tau: number;
	/** Extra share of visits lost while the planted variance lingers (0 for normal clinics). */
	productivityLinger: number;
	/** Extra median days before claims go out while the planted variance lingers. */
	claimLingerDays: number;
	/** Extra median days before charges post while it lingers. */
	chargeLingerDays: number;
	/** Week around which the lingering deficit lifts. */
	lingerMidWeek: number;
}

/** Smooth 1 → 0 step centred on `mid`: the deficit lifts over about three weeks. */
export function lingering(week: number, mid: number): number {
	return 1 - 1 / (1 + Math.exp(-(week - mid) / 1.5));
}

/** Share of the baseline schedule a clinic runs `week` weeks after its go-live. */
export function productivityFactor(week: number, r: Recovery): number {
	if (week < -1) return 1;
	// Staff spend time in training and dress rehearsals the week before.
	if (week === -1) return 0.96;
	// A slow clinic starts like the others, then plateaus while the others keep recovering.
	const onset = 1 - Math.exp(-week / 1.5);
	return 1 - r.dip * Math.exp(-week / r.tau) - r.productivityLinger * onset * lingering(week, r.lingerMidWeek);
}

export function buildRecoveries(world: World): Recovery[] {
	const rng = new Random(world.seed, 'recovery');
	const { slowProductivity, slowBilling } = world.register;
	return world.clinics.map((c) => {
		const slowVisits = slowProductivity.has(c.index);
		const slowClaims = slowBilling.has(c.index);
		return {
			dip: rng.uniform(0.25, 0.3),
			tau: slowVisits ? 2 : rng.uniform(1.6, 2.4),
			productivityLinger: slowVisits ? rng.uniform(0.16, 0.2) : 0,
			claimLingerDays: slowClaims ? rng.uniform(8, 10) : 0,
			chargeLingerDays: slowClaims ? rng.uniform(2, 3) : 0,
			lingerMidWeek: rng.uniform(10.5, 11.5)
		};
	});
}
