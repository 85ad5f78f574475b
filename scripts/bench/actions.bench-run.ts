/**
 * Do the action list's predictions hold? `npm run bench:actions` (issue 23). For each seed: cut
 * the go-live at the end of the last wave's go-live week 3, compute the action list on that cut,
 * replay the go-live with each of its top 5 actions done on the Monday after (one at a time),
 * and compare the tickets really removed over the next 4 weeks with the predicted interval.
 * Also: how many of the 5 truly most effective actions (every action that could be taken that
 * day, replayed) the list's top 5 holds. Missing a goal does not fail the run; an error does.
 * `BENCH_SEEDS=12` sets the number of seeds, `BENCH_WAVE=3` the wave whose week 3 is "now".
 */
import { describe, expect, it } from 'vitest';
import { isoDate } from '../sample/calendar';
import { DEFAULT_SEED } from '../sample/generate';
import { describeAction } from '../sample/replay';
import { expectedRemoved } from '../sample/replay-expected';
import { buildTickets } from '../sample/tickets';
import { WAVE_GO_LIVES } from '../sample/timeline';
import { buildWorld } from '../sample/world';
import { everyAction, listAt, realEffect, truthKey, type TrueEffect } from './action-replay';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 12);
const WAVE = Number(process.env.BENCH_WAVE ?? 3);
const WEEK = 3;
const AHEAD_DAYS = 28;
const TOP = 5;

interface SeedOutcome {
	seed: number;
	covered: number;
	judged: number;
	overlap: number;
	overlapReal: number;
}

const outcomes: SeedOutcome[] = [];

describe.sequential('action list: predicted vs replayed', () => {
	for (let i = 0; i < SEEDS; i++) {
		const seed = DEFAULT_SEED + i;
		it(`seed ${seed}`, async () => {
			const world = buildWorld(seed);
			const tickets = buildTickets(world);
			const goLive = WAVE_GO_LIVES[WAVE - 1] ?? WAVE_GO_LIVES[2];
			const asOf = goLive + 7 * (WEEK + 1);
			const { done, actions } = await listAt(world, tickets, asOf);
			const top = actions.slice(0, TOP);
			let covered = 0;
			let judged = 0;
			const lines: string[] = [];
			for (const a of top) {
				const real = realEffect(world, tickets, a.action, AHEAD_DAYS);
				const inside = a.low !== null && a.high !== null && real >= a.low - 1e-9 && real <= a.high + 1e-9;
				if (a.low !== null) judged++;
				if (inside) covered++;
				lines.push(
					`  #${a.rank} ${describeAction(a.action)}: predicted ${a.removed?.toFixed(1) ?? 'n/a'} (${a.low?.toFixed(1) ?? '?'}-${a.high?.toFixed(1) ?? '?'}), real ${real} (expected ${expectedRemoved(world, a.action, AHEAD_DAYS).toFixed(1)}); now ${a.perWeek?.toFixed(2)}/week (planted ${(expectedRemoved(world, { ...a.action, day: done - 14 }, 14) / 2).toFixed(2)}) x decay ${a.decay?.toFixed(2)}${inside ? '' : '  MISSED'}`
				);
			}
			const truth = [...everyAction(world, tickets, done, AHEAD_DAYS).entries()];
			const bestBy = (pick: (e: TrueEffect) => number) =>
				new Set(
					[...truth]
						.sort((x, y) => pick(y[1]) - pick(x[1]))
						.slice(0, TOP)
						.map(([key]) => key)
				);
			const best = bestBy((e) => e.expected);
			const bestReal = bestBy((e) => e.real);
			const overlap = top.filter((a) => best.has(truthKey(a.action))).length;
			const overlapReal = top.filter((a) => bestReal.has(truthKey(a.action))).length;
			outcomes.push({ seed, covered, judged, overlap, overlapReal });
			const expected = new Map(truth.map(([k, e]) => [k, e.expected]));
			console.log(
				`seed ${seed}: list as of ${isoDate(done)} (wave ${WAVE} week ${WEEK} complete), ${actions.length} actions; ` +
					`covered ${covered}/${judged}; top ${TOP} holds ${overlap} of the ${TOP} truly best (${overlapReal} by this draw)\n${lines.join('\n')}\n` +
					`  truly best (expected removed): ${[...best].map((k) => `${k} ${expected.get(k)?.toFixed(1)}`).join(', ')}`
			);
			expect(top.length).toBeGreaterThan(0);
		});
	}

	it('summary', () => {
		const judged = outcomes.reduce((s, o) => s + o.judged, 0);
		const covered = outcomes.reduce((s, o) => s + o.covered, 0);
		const overlap = outcomes.reduce((s, o) => s + o.overlap, 0) / Math.max(1, outcomes.length);
		const overlapReal = outcomes.reduce((s, o) => s + o.overlapReal, 0) / Math.max(1, outcomes.length);
		console.log(
			`\nAction list bench, ${outcomes.length} seeds: interval coverage ${covered}/${judged} = ${((100 * covered) / Math.max(1, judged)).toFixed(1)}% (goal >= 80%); ` +
				`top ${TOP} holds ${overlap.toFixed(2)} of the ${TOP} truly most effective on average (goal >= 4; ranked by expected tickets removed), ${overlapReal.toFixed(2)} when ranked by this draw's replays`
		);
		expect(outcomes.length).toBe(SEEDS);
	});
});
