/**
 * Stabilization forecasts against the planted stabilization week: `npm run bench:forecast`
 * (issue 23). For each seed and each wave after the first, the go-live is cut when that wave's
 * go-live week 4 is complete; every clinic of the wave gets its forecast from the tickets then
 * (the app's query and forecast code), and it is compared with truth/stabilization.csv's week
 * (scripts/sample/stabilization.ts). The first wave has no earlier wave to show the curve
 * ahead: its clinics get "not enough weeks to forecast", counted apart.
 * `BENCH_SEEDS=12` sets the number of seeds.
 */
import { describe, expect, it } from 'vitest';
import { numbers, strings } from '$lib/results/columns';
import { buildAnalysisRelations } from '$lib/data/analysis-relations';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { forecastAll, weeksByClinic } from '$lib/recovery/forecast';
import { ticketWeekCounts } from '$lib/sql/recovery/forecast';
import { DEFAULT_SEED } from '../sample/generate';
import { plantedStabilization } from '../sample/stabilization';
import { buildTickets } from '../sample/tickets';
import { WAVE_GO_LIVES } from '../sample/timeline';
import { buildWorld } from '../sample/world';
import { filesAsOf } from './action-replay';
import { startNativeEngine } from './native-engine';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 12);
const WEEK = 4;
const errors: number[] = [];
let covered = 0;
let forecast = 0;
let notEnough = 0;
let widths = 0;

describe.sequential('stabilization forecast at go-live week 4', () => {
	for (let i = 0; i < SEEDS; i++) {
		const seed = DEFAULT_SEED + i;
		it(`seed ${seed}`, async () => {
			const world = buildWorld(seed);
			const tickets = buildTickets(world);
			const lines: string[] = [];
			for (let wave = 1; wave <= WAVE_GO_LIVES.length; wave++) {
				const asOf = (WAVE_GO_LIVES[wave - 1] ?? 0) + 7 * (WEEK + 1);
				const engine = await startNativeEngine();
				try {
					await loadCanonicalTables(engine, filesAsOf(world, tickets, asOf));
					await buildAnalysisRelations(engine);
					const t = await engine.query(ticketWeekCounts());
					const forecasts = forecastAll(weeksByClinic(strings(t, 'clinic_id'), numbers(t, 'k'), numbers(t, 'tickets')));
					let waveCovered = 0;
					let waveForecast = 0;
					const planted = plantedStabilization(world);
					for (const clinic of world.clinics.filter((c) => c.wave === wave)) {
						const f = forecasts.get(clinic.id);
						const truth = planted[clinic.index]?.stableWeek ?? null;
						if (!f || f.kind !== 'forecast' || truth === null) {
							notEnough++;
							continue;
						}
						forecast++;
						waveForecast++;
						widths += f.high - f.low;
						errors.push(Math.abs(f.week - truth));
						if (truth >= f.low && truth <= f.high) {
							covered++;
							waveCovered++;
						}
					}
					lines.push(`  wave ${wave}: ${waveForecast} forecast, ${waveCovered} covered`);
				} finally {
					await engine.close();
				}
			}
			console.log(`seed ${seed}\n${lines.join('\n')}`);
			expect(lines.length).toBe(WAVE_GO_LIVES.length);
		});
	}

	it('summary', () => {
		const sorted = [...errors].sort((a, b) => a - b);
		const median = sorted.length === 0 ? NaN : ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0)) / 2;
		console.log(
			`\nStabilization forecast bench, ${SEEDS} seeds: ${forecast} clinics forecast at go-live week ${WEEK}, ${notEnough} "not enough weeks to forecast"; ` +
				`planted week inside the interval for ${covered}/${forecast} = ${((100 * covered) / Math.max(1, forecast)).toFixed(1)}% (goal >= 80%); ` +
				`median absolute error ${median} weeks (goal <= 1); mean interval width ${(widths / Math.max(1, forecast)).toFixed(2)} weeks`
		);
		expect(forecast).toBeGreaterThan(0);
	});
});
