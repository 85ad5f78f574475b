import { dayOf } from './calendar';
import type { Clinic } from './clinics';
import { DEFAULT_CLINICS, MIXES, type Mix } from './mixes';
import { Random } from './random';
import { DATA_END, isWorkday, WAVE_GO_LIVES } from './timeline';
import type { Area } from './vocabulary';

/** A defect in the shared build: one area breaks in many clinics in the same calendar days. */
export interface BuildDefect {
	id: string;
	area: Area;
	start: number;
	end: number;
	clinics: readonly number[];
	texts: readonly string[];
	/** Tickets per user of the area per incident day, before the day's weight. */
	perAreaUserDay: number;
	/** Single-wave defects (stress.ts): a flat rate per clinic per workday instead. */
	perClinicDay?: number;
	/** The one go-live wave a single-wave defect hits. */
	wave?: number;
}

/** A site-wide interface outage: every live clinic of the site calls on the same day. */
export interface Outage {
	site: string;
	day: number;
	clinics: readonly number[];
}

interface DefectPlan {
	id: string;
	area: Area;
	start: string;
	end: string;
	clinicCount: number;
	texts: readonly string[];
}

/**
 * Two incidents: one while only waves 1-2 are live (so it lands on different go-live weeks),
 * one after all waves are live. Both span sites because the build is shared. The third is
 * planted only by the `defect-heavy` mix (mixes.ts).
 */
const DEFECTS: readonly DefectPlan[] = [
	{
		id: 'BD-1',
		area: 'orders',
		start: '2026-04-14',
		end: '2026-04-17',
		clinicCount: 13,
		texts: [
			'Order composer crashes when adding a future lab order',
			'Order composer crashes when signing pended orders',
			'Error "object reference not set" when signing lab orders',
			'Lab orders lose the diagnosis after signing'
		]
	},
	{
		id: 'BD-2',
		area: 'results',
		start: '2026-06-08',
		end: '2026-06-11',
		clinicCount: 12,
		texts: [
			'Lab results not filing to provider in-basket after upgrade',
			'Results routing to wrong provider since the weekend update',
			'Result acknowledgement fails with error "routing rule not found"'
		]
	},
	{
		id: 'BD-3',
		area: 'inbox',
		start: '2026-07-14',
		end: '2026-07-17',
		clinicCount: 14,
		texts: [
			'In-basket freezes when opening patient advice requests',
			'In-basket messages vanish after the weekend patch',
			'Error "message type not configured" when replying to patient messages'
		]
	}
];

/** Incident days: reports build up on the second day, then fade as the workaround spreads. */
export const DEFECT_DAY_WEIGHTS: readonly number[] = [1, 1.4, 0.9, 0.5, 0.3, 0.2, 0.1];

const OUTAGES_PER_SITE = 2;

/** Incidents hit about the same share of clinics whatever their number. */
export function buildDefects(clinics: readonly Clinic[], seed: number, mix: Mix = MIXES.default): BuildDefect[] {
	const rng = new Random(seed, 'build-defects');
	return DEFECTS.slice(0, mix.defects).map((plan) => {
		const start = dayOf(plan.start);
		const live = clinics.filter((c) => c.goLive <= start);
		const count = Math.max(2, Math.round((plan.clinicCount * clinics.length) / DEFAULT_CLINICS));
		const chosen = rng.shuffle(live).slice(0, count);
		return {
			id: plan.id,
			area: plan.area,
			start,
			end: dayOf(plan.end),
			clinics: chosen.map((c) => c.index).sort((a, b) => a - b),
			texts: plan.texts,
			perAreaUserDay: 0.35
		};
	});
}

export function buildOutages(clinics: readonly Clinic[], seed: number): Outage[] {
	const rng = new Random(seed, 'outages');
	const sites = [...new Set(clinics.map((c) => c.site))];
	const outages: Outage[] = [];
	for (const site of sites) {
		for (let i = 0; i < OUTAGES_PER_SITE; i++) {
			let day = rng.int(WAVE_GO_LIVES[0] + 7, DATA_END - 7);
			while (!isWorkday(day)) day++;
			const live = clinics.filter((c) => c.site === site && c.goLive <= day).map((c) => c.index);
			outages.push({ site, day, clinics: live });
		}
	}
	return outages.sort((a, b) => a.day - b.day);
}
