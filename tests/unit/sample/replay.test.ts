/**
 * The generator's replay with one action done: the same go-live less exactly the tickets the
 * stopped mechanism would have raised from the action's day, and reference tables that say so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../../scripts/sample/calendar';
import { DEFAULT_SEED } from '../../../scripts/sample/generate';
import { removedTickets, replayTickets, replayWorld, type ReplayAction } from '../../../scripts/sample/replay';
import { expectedRemoved } from '../../../scripts/sample/replay-expected';
import { plantedStabilization } from '../../../scripts/sample/stabilization';
import { buildTickets, type Ticket } from '../../../scripts/sample/tickets';
import { buildWorld, type World } from '../../../scripts/sample/world';

let world: World;
let tickets: Ticket[];
const day = dayOf('2026-05-25');

beforeAll(() => {
	world = buildWorld(DEFAULT_SEED);
	tickets = buildTickets(world);
});

describe('replay with one action done', () => {
	it('reconciling a variance drops its tickets from the day on and nothing else', () => {
		const v = world.register.variances.find((x) => x.status === 'unreconciled');
		const clinicId = world.clinics[v!.clinic]!.id;
		const action: ReplayAction = { kind: 'reconcile_variance', clinicId, area: v!.area, day };
		const replayed = replayTickets(world, tickets, action);
		const gone = tickets.filter((t) => !replayed.includes(t));
		expect(gone.length).toBeGreaterThan(0);
		expect(gone).toEqual(removedTickets(world, tickets, action));
		for (const t of gone) {
			expect(t.draft).toMatchObject({ cause: 'workflow_variance', clinic: v!.clinic, area: v!.area });
			expect(t.draft.opened).toBeGreaterThanOrEqual(day * 86_400);
		}
		// Every other ticket is the very same draw, id included.
		expect(replayed.length + gone.length).toBe(tickets.length);
		const after = replayWorld(world, action).register.variances.filter((x) => x.clinic === v!.clinic && x.area === v!.area);
		expect(after.every((x) => x.status !== 'unreconciled')).toBe(true);
		expect(after.some((x) => x.status === 'reconciled' && x.reconciledOn === day)).toBe(true);
	});

	it('training a clinic’s users of an area drops their missed-training tickets and marks them trained that day', () => {
		const r = world.training.find((x) => x.completedOn === null);
		const clinicId = world.clinics[r!.user.clinic]!.id;
		const action: ReplayAction = { kind: 'train_users', clinicId, area: r!.area, day };
		const gone = removedTickets(world, tickets, action);
		expect(gone.every((t) => t.draft.cause === 'missed_training' && t.draft.clinic === r!.user.clinic && t.draft.area === r!.area)).toBe(true);
		const trained = replayWorld(world, action).training.filter((x) => x.user.clinic === r!.user.clinic && x.area === r!.area);
		expect(trained.every((x) => x.completedOn !== null && x.completedOn <= day)).toBe(true);
	});

	it('fixing a defect on its second day drops the rest of its tickets', () => {
		const d = world.defects[0]!;
		const gone = removedTickets(world, tickets, { kind: 'fix_defect', defectId: d.id, day: d.start + 1 });
		const all = tickets.filter((t) => t.draft.cause === 'build_defect' && t.draft.detail.startsWith(`${d.id} `));
		expect(gone.length).toBeGreaterThan(0);
		expect(gone.length).toBeLessThan(all.length);
	});

	it('the planted mean of a removal is close to what a replay removes', () => {
		const v = world.register.variances.find((x) => x.status === 'unreconciled')!;
		const action: ReplayAction = { kind: 'reconcile_variance', clinicId: world.clinics[v.clinic]!.id, area: v.area, day };
		const mean = expectedRemoved(world, action, 28);
		const real = removedTickets(world, tickets, action).filter((t) => t.draft.opened < (day + 28) * 86_400).length;
		expect(mean).toBeGreaterThan(0);
		expect(Math.abs(real - mean)).toBeLessThan(4 * Math.sqrt(mean) + 1);
	});

	it('plants a stabilization week for every clinic', () => {
		const weeks = plantedStabilization(world).map((p) => p.stableWeek);
		expect(weeks.every((w) => w !== null && w >= 0 && w <= 20)).toBe(true);
	});
});
