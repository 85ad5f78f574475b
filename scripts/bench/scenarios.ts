import { DEFAULT_SEED } from '../sample/generate';
import { DEFAULT_CLINICS, MIX_NAMES, type MixName } from '../sample/mixes';

/** One generated go-live to attribute: seed, size and cause mix (scripts/sample/mixes.ts). */
export interface Scenario {
	name: string;
	seed: number;
	clinics: number;
	mix: MixName;
}

const base = { seed: DEFAULT_SEED, clinics: DEFAULT_CLINICS, mix: 'default' } as const;

/** The default sample, two other seeds, a smaller and a larger rollout, and every other mix. */
export const SCENARIOS: readonly Scenario[] = [
	{ ...base, name: 'default' },
	{ ...base, name: 'seed 7', seed: 7 },
	{ ...base, name: 'seed 424242', seed: 424_242 },
	{ ...base, name: '20 clinics', clinics: 20 },
	{ ...base, name: '80 clinics', clinics: 80 },
	...MIX_NAMES.filter((mix) => mix !== 'default').map((mix): Scenario => ({ ...base, name: mix, mix }))
];

/** `BENCH_SCENARIOS="default,quiet"` runs only those (by name); unset runs all. */
export function selectedScenarios(filter = process.env.BENCH_SCENARIOS): readonly Scenario[] {
	if (filter === undefined || filter.trim() === '') return SCENARIOS;
	const names = filter.split(',').map((n) => n.trim());
	const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
	if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
	return SCENARIOS.filter((s) => names.includes(s.name));
}
