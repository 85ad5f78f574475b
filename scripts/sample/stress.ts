/**
 * Harder go-lives for the attribution benchmark (issue 21), switched on by a mix's `stress`
 * knobs and off in the default sample (NO_STRESS draws nothing, so data/sample keeps its
 * bytes). Each knob plants one thing the attribution must get right:
 * - single-wave build defects: 1-2 extra break-fix tickets per clinic per week for a few
 *   weeks, in one area, in the clinics of one go-live wave only;
 * - silent variances: unreconciled register entries that raise no tickets, some of them in
 *   poorly trained clinics (where the training gap, not the entry, raises how-to tickets);
 * - a clinic per wave that finished all its training but has a ticket-raising variance;
 * - small clinics of 10-20 users.
 * Every draw uses its own random stream, so nothing else in the world changes with them.
 */
import type { Clinic } from './clinics';
import type { BuildDefect } from './incidents';
import { Random } from './random';
import { DATA_END, WAVE_GO_LIVES } from './timeline';
import type { Variance, VarianceRegister } from './variance';
import type { Area } from './vocabulary';

export interface StressKnobs {
	/** Single-wave build defects planted (each in a different wave while there are waves left). */
	singleWaveDefects: number;
	/** Poorly trained clinics per wave: most of their users skip training. */
	poorlyTrainedPerWave: number;
	/** Silent register entries (unreconciled, no ticket effect) per poorly trained clinic... */
	silentPerPoorClinic: number;
	/** ...and in this many other clinics per wave. */
	silentElsewherePerWave: number;
	/** Fully trained clinics per wave with a ticket-raising unreconciled variance. */
	trainedStrugglingPerWave: number;
	/** Clinics per wave shrunk to one physician and one APP (10-20 users). */
	smallPerWave: number;
}

export const NO_STRESS: StressKnobs = {
	singleWaveDefects: 0,
	poorlyTrainedPerWave: 0,
	silentPerPoorClinic: 0,
	silentElsewherePerWave: 0,
	trainedStrugglingPerWave: 0,
	smallPerWave: 0
};

export const FULL_STRESS: StressKnobs = {
	singleWaveDefects: 2,
	poorlyTrainedPerWave: 2,
	silentPerPoorClinic: 2,
	silentElsewherePerWave: 2,
	trainedStrugglingPerWave: 1,
	smallPerWave: 2
};

export const isStressed = (k: StressKnobs): boolean => Object.values(k).some((v) => v > 0);

/** Who plays which part; clinics are chosen once per world so training and the register agree. */
export interface StressCast {
	small: ReadonlySet<number>;
	poorlyTrained: ReadonlySet<number>;
	fullyTrained: ReadonlySet<number>;
}

const EMPTY_CAST: StressCast = { small: new Set(), poorlyTrained: new Set(), fullyTrained: new Set() };

/** Picks the clinics of each part (distinct within a wave) and shrinks the small ones in place. */
export function castStress(clinics: Clinic[], seed: number, knobs: StressKnobs): StressCast {
	if (!isStressed(knobs)) return EMPTY_CAST;
	const rng = new Random(seed, 'stress-cast');
	const small = new Set<number>();
	const poorlyTrained = new Set<number>();
	const fullyTrained = new Set<number>();
	for (const wave of [1, 2, 3]) {
		const order = rng.shuffle(clinics.filter((c) => c.wave === wave)).map((c) => c.index);
		let at = 0;
		const take = (n: number, into: Set<number>) => {
			for (let i = 0; i < n && at < order.length; i++) into.add(order[at++] as number);
		};
		take(knobs.smallPerWave, small);
		take(knobs.poorlyTrainedPerWave, poorlyTrained);
		take(knobs.trainedStrugglingPerWave, fullyTrained);
	}
	for (const index of small) {
		const clinic = clinics[index];
		if (clinic === undefined) continue;
		clinic.physicians = 1;
		clinic.apps = 1;
	}
	return { small, poorlyTrained, fullyTrained };
}

/** Multiplies a clinic's chance of skipping or missing training (1 outside the cast). */
export function trainingFactor(cast: StressCast, clinic: number): number {
	if (cast.poorlyTrained.has(clinic)) return 5;
	if (cast.fullyTrained.has(clinic)) return 0;
	return 1;
}

/** Areas many roles work in, so a silent entry there sits on many untrained users' how-to tickets. */
const BUSY_AREAS: readonly Area[] = ['documentation', 'orders', 'intake', 'results', 'inbox'];
const STRUGGLE_AREAS: readonly Area[] = ['orders', 'documentation', 'intake', 'scheduling'];

const SILENT_TEXT = 'Local workflow documented at the design session; no change to how the system is used';

/** Adds the silent entries and the fully trained clinics' variances to the register. */
export function stressRegister(register: VarianceRegister, clinics: readonly Clinic[], cast: StressCast, seed: number, knobs: StressKnobs): VarianceRegister {
	if (!isStressed(knobs)) return register;
	const rng = new Random(seed, 'stress-register');
	const variances = [...register.variances];
	const taken = (clinic: number, area: Area) => variances.some((v) => v.clinic === clinic && v.area === area);
	const add = (clinic: number, areas: readonly Area[], make: (area: Area) => Variance) => {
		const free = areas.filter((a) => !taken(clinic, a));
		if (free.length > 0) variances.push(make(rng.pick(free)));
	};
	const silent =
		(clinic: number) =>
		(area: Area): Variance => ({ clinic, area, description: SILENT_TEXT, status: 'unreconciled', reconciledOn: null, planted: false, silent: true });
	for (const clinic of cast.poorlyTrained) for (let i = 0; i < knobs.silentPerPoorClinic; i++) add(clinic, BUSY_AREAS, silent(clinic));
	for (const wave of [1, 2, 3]) {
		const others = rng.shuffle(clinics.filter((c) => c.wave === wave && !cast.poorlyTrained.has(c.index)));
		for (const c of others.slice(0, knobs.silentElsewherePerWave)) add(c.index, BUSY_AREAS, silent(c.index));
	}
	for (const clinic of cast.fullyTrained) {
		add(clinic, STRUGGLE_AREAS, (area) => ({
			clinic,
			area,
			description: 'Works around the standard build with a paper checklist',
			status: 'unreconciled',
			reconciledOn: null,
			planted: false
		}));
	}
	return { ...register, variances };
}

const SINGLE_WAVE_AREAS: readonly Area[] = ['scheduling', 'registration', 'intake', 'documentation', 'orders', 'results', 'inbox'];

const SINGLE_WAVE_TEXTS = [
	'Wave-specific build: the clinic-level form errors out since the wave build was moved',
	'Error "rule not found" on the local build record added for our wave',
	"Our wave's custom screen crashes after the last build migration"
];

/**
 * Defects in a part of the build only one wave uses: every clinic of the wave, 1-2 extra
 * tickets a week each (`perClinicDay`), for two or three weeks starting 3-9 weeks after go-live.
 */
export function buildSingleWaveDefects(clinics: readonly Clinic[], seed: number, knobs: StressKnobs): BuildDefect[] {
	if (knobs.singleWaveDefects === 0) return [];
	const rng = new Random(seed, 'single-wave-defects');
	const waves = rng.shuffle([1, 2, 3]);
	const defects: BuildDefect[] = [];
	for (let i = 0; i < knobs.singleWaveDefects; i++) {
		const wave = waves[i % waves.length] ?? 1;
		const goLive = WAVE_GO_LIVES[wave - 1] ?? WAVE_GO_LIVES[0];
		const weeks = rng.int(2, 3);
		const latest = Math.floor((DATA_END - goLive - 7 * weeks) / 7);
		const start = goLive + 7 * Math.min(rng.int(3, 9), latest);
		const area = rng.pick(SINGLE_WAVE_AREAS);
		defects.push({
			id: `SW-${i + 1}`,
			area,
			start,
			end: Math.min(DATA_END, start + 7 * weeks - 3),
			clinics: clinics.filter((c) => c.wave === wave).map((c) => c.index),
			texts: SINGLE_WAVE_TEXTS,
			perAreaUserDay: 0,
			perClinicDay: rng.uniform(1, 2) / 5,
			wave
		});
	}
	return defects;
}
