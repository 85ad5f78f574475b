import { DEFAULT_SEED } from '../sample/generate';
import { DEFAULT_CLINICS, MIX_NAMES, type MixName } from '../sample/mixes';

/** Seeds of the stress and no-defect runs (issue 21): twelve each, none chosen for its result. */
const STRESS_SEEDS = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112];
/** `BENCH_SEEDS=3` runs only the first three of them per mix, while iterating. */
const seedCount = (): number => {
	const n = Number(process.env.BENCH_SEEDS ?? STRESS_SEEDS.length);
	return Number.isInteger(n) && n > 0 ? n : STRESS_SEEDS.length;
};

/** One generated go-live to attribute: seed, size and cause mix (scripts/sample/mixes.ts). */
export interface Scenario {
	name: string;
	seed: number;
	clinics: number;
	mix: MixName;
}

const base = { seed: DEFAULT_SEED, clinics: DEFAULT_CLINICS, mix: 'default' } as const;

/** The default sample, two other seeds, a smaller and a larger rollout, every other mix, then twelve seeds of the stress and no-defect mixes. */
export const SCENARIOS: readonly Scenario[] = [
	{ ...base, name: 'default' },
	{ ...base, name: 'seed 7', seed: 7 },
	{ ...base, name: 'seed 424242', seed: 424_242 },
	{ ...base, name: '20 clinics', clinics: 20 },
	{ ...base, name: '80 clinics', clinics: 80 },
	...MIX_NAMES.filter((mix) => mix !== 'default').map((mix): Scenario => ({ ...base, name: mix, mix })),
	...(['stress', 'no-defect'] as const).flatMap((mix) =>
		STRESS_SEEDS.slice(0, seedCount())
			.map((s) => (mix === 'stress' ? s : s + 100))
			.map((seed): Scenario => ({ ...base, name: `${mix} ${seed}`, seed, mix }))
	)
];

/** `BENCH_SCENARIOS="default,quiet"` runs only those (by name); unset runs all. */
export function selectedScenarios(filter = process.env.BENCH_SCENARIOS): readonly Scenario[] {
	if (filter === undefined || filter.trim() === '') return SCENARIOS;
	const names = filter.split(',').map((n) => n.trim());
	const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
	if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
	return SCENARIOS.filter((s) => names.includes(s.name));
}
