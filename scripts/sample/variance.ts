import type { Clinic } from './clinics';
import { MIXES, type Mix } from './mixes';
import { Random } from './random';
import { nextWeekday } from './timeline';
import type { Area, VarianceStatus } from './vocabulary';

export interface Variance {
	clinic: number;
	area: Area;
	description: string;
	status: VarianceStatus;
	reconciledOn: number | null;
	/** True for the variances planted to slow a clinic's recovery. */
	planted: boolean;
	/** A register entry that raises no tickets (stress mixes only; stress.ts). */
	silent?: boolean;
}

/** An unreconciled variance in one of these areas slows the clinic's recovery (and only those do). */
export const SLOW_PRODUCTIVITY_AREAS: readonly Area[] = ['intake', 'documentation'];
export const SLOW_BILLING_AREAS: readonly Area[] = ['charge_capture', 'billing'];
/** Slow clinics planted per wave, for each kind. */
const SLOW_PER_WAVE = 2;

const DESCRIPTIONS: Readonly<Record<Area, readonly string[]>> = {
	scheduling: [
		'Books follow-ups from a paper list at checkout instead of in the scheduling module',
		'Uses a custom 40-minute new-patient slot that is not in the standard template',
		'Overbooks through a shared spreadsheet kept by the front desk lead'
	],
	registration: [
		'Scans insurance cards at the nurse station after rooming',
		'Collects copays at checkout rather than at check-in',
		'Registers walk-ins under a placeholder guarantor until the visit ends'
	],
	intake: [
		'Checks patients in at the nurse station instead of front desk',
		'MAs take vitals at a hallway kiosk before rooming',
		'Medication reconciliation done by the nurse after the visit, not at rooming',
		'Uses a paper intake questionnaire that is transcribed later'
	],
	documentation: [
		'Physicians dictate notes to an outside transcription service instead of using templates',
		'Uses clinic-specific "dot phrases" that are not in the standard build',
		'Scribes document for two providers in a shared note',
		'APP notes co-signed by the supervising physician at end of week'
	],
	orders: [
		'Nurses place standing orders under protocol without provider co-sign',
		'Lab orders written on paper requisitions for the outside reference lab',
		'Uses specialty order panels that are not in the standard order sets'
	],
	results: [
		'Outside lab results are faxed and scanned instead of interfaced',
		'Normal results released to patients by MAs without provider review',
		'Results routed to a shared pool instead of the ordering provider'
	],
	inbox: [
		'Refill requests handled in a shared pool by the nurse team',
		'Patient messages answered by the front desk, not the triage nurse',
		'Providers delegate their whole inbox to MAs during clinic hours'
	],
	charge_capture: [
		'Providers mark charges on a paper superbill, reconciled at end of day',
		"Procedure charges entered by the biller from the procedure room's log",
		'All new-patient visit charges held for coder review'
	],
	billing: ['Self-pay statements sent by a legacy print vendor', "Workers' comp claims batched weekly by hand", 'Secondary claims printed and mailed manually']
};

const AREA_WEIGHTS: readonly (readonly [Area, number])[] = [
	['scheduling', 3],
	['registration', 3],
	['intake', 3],
	['documentation', 3],
	['orders', 3],
	['results', 2],
	['inbox', 2],
	['charge_capture', 1.5],
	['billing', 1]
];

export interface VarianceRegister {
	variances: Variance[];
	slowProductivity: ReadonlySet<number>;
	slowBilling: ReadonlySet<number>;
}

export function buildVariances(clinics: readonly Clinic[], seed: number, mix: Mix = MIXES.default): VarianceRegister {
	const rng = new Random(seed, 'variance');
	const slowProductivity = new Set<number>();
	const slowBilling = new Set<number>();
	for (const wave of [1, 2, 3]) {
		const picked = rng.shuffle(clinics.filter((c) => c.wave === wave));
		picked.slice(0, SLOW_PER_WAVE).forEach((c) => slowProductivity.add(c.index));
		picked.slice(SLOW_PER_WAVE, 2 * SLOW_PER_WAVE).forEach((c) => slowBilling.add(c.index));
	}

	const variances: Variance[] = [];
	for (const clinic of clinics) {
		const count =
			rng.weighted([
				[2, 0.35],
				[3, 0.45],
				[4, 0.2]
			] as const) + mix.extraVariances;
		const areas = new Set<Area>();
		const add = (area: Area, planted: boolean) => {
			areas.add(area);
			const status = planted ? 'unreconciled' : drawStatus(area, rng, mix.unreconciled);
			variances.push({
				clinic: clinic.index,
				area,
				description: rng.pick(DESCRIPTIONS[area]),
				status,
				reconciledOn: status === 'reconciled' ? drawReconciledOn(clinic.goLive, rng) : null,
				planted
			});
		};
		if (slowProductivity.has(clinic.index)) add(rng.pick(SLOW_PRODUCTIVITY_AREAS), true);
		if (slowBilling.has(clinic.index)) add(rng.pick(SLOW_BILLING_AREAS), true);
		while (areas.size < count) {
			const area = rng.weighted(AREA_WEIGHTS);
			if (!areas.has(area)) add(area, false);
		}
	}
	return { variances, slowProductivity, slowBilling };
}

/** Outside the planted clinics, the areas that slow recovery are never left unreconciled. */
function drawStatus(area: Area, rng: Random, unreconciled: number): VarianceStatus {
	const slowing = SLOW_PRODUCTIVITY_AREAS.includes(area) || SLOW_BILLING_AREAS.includes(area);
	if (slowing) return rng.chance(0.7) ? 'reconciled' : 'accepted_exception';
	return rng.weighted([
		['unreconciled', 0.38 * unreconciled],
		['reconciled', 0.42],
		['accepted_exception', 0.2]
	] as const);
}

/** Most variances are standardised before go-live; the rest within six weeks after it. */
function drawReconciledOn(goLive: number, rng: Random): number {
	return rng.chance(0.55) ? nextWeekday(goLive - rng.int(3, 35)) : nextWeekday(goLive + rng.int(7, 42));
}

/** The last day a variance still raises tickets: unreconciled ones never stop. */
export function activeUntil(variance: Variance): number {
	if (variance.silent === true) return Number.NEGATIVE_INFINITY;
	if (variance.status === 'unreconciled') return Number.POSITIVE_INFINITY;
	if (variance.status === 'reconciled' && variance.reconciledOn !== null) return variance.reconciledOn - 1;
	return Number.NEGATIVE_INFINITY;
}
