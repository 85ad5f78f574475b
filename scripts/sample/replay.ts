/**
 * Replays a generated go-live with one action done on a given day: a variance reconciled, a
 * clinic's untrained users of an area trained, a build defect fixed, a clinic's converted data
 * cleaned up. Every ticket comes from exactly one mechanism (ticket-sources.ts), and each
 * mechanism is a Poisson process, so stopping one from a day on is the same go-live with the
 * tickets that mechanism would have raised from that day dropped: every other ticket is the
 * very same draw (same id, time, reporter and text), and so is everything before the day.
 * The reference tables change as the action says (the register shows the variance reconciled
 * that day, the roster shows the users trained that day); activity other than tickets is not
 * replayed (productivity and billing stay as drawn).
 */
import { isoDate } from './calendar';
import type { Ticket } from './tickets';
import type { TrainingRecord } from './training';
import type { Variance } from './variance';
import type { Area } from './vocabulary';
import type { World } from './world';

export type ReplayAction =
	| { readonly kind: 'reconcile_variance'; readonly clinicId: string; readonly area: Area; readonly day: number }
	| { readonly kind: 'train_users'; readonly clinicId: string; readonly area: Area; readonly day: number }
	| { readonly kind: 'fix_defect'; readonly defectId: string; readonly day: number }
	| { readonly kind: 'clean_conversion'; readonly clinicId: string; readonly day: number };

function clinicIndex(world: World, clinicId: string): number {
	const clinic = world.clinics.find((c) => c.id === clinicId);
	if (clinic === undefined) throw new Error(`replay: no clinic ${clinicId} in this go-live`);
	return clinic.index;
}

/** Whether the action stops the mechanism that raised `ticket` (whatever its day). */
export function stoppedMechanism(world: World, action: ReplayAction): (ticket: Ticket) => boolean {
	switch (action.kind) {
		case 'reconcile_variance': {
			const clinic = clinicIndex(world, action.clinicId);
			return (t) => t.draft.cause === 'workflow_variance' && t.draft.clinic === clinic && t.draft.area === action.area;
		}
		case 'train_users': {
			const clinic = clinicIndex(world, action.clinicId);
			return (t) => t.draft.cause === 'missed_training' && t.draft.clinic === clinic && t.draft.area === action.area;
		}
		case 'fix_defect':
			return (t) => t.draft.cause === 'build_defect' && t.draft.detail.startsWith(`${action.defectId} `);
		case 'clean_conversion': {
			const clinic = clinicIndex(world, action.clinicId);
			return (t) => t.draft.cause === 'data_conversion' && t.draft.clinic === clinic;
		}
	}
}

/** The tickets the action removes: its mechanism's tickets opened on or after the action's day. */
export function removedTickets(world: World, tickets: readonly Ticket[], action: ReplayAction): Ticket[] {
	const stopped = stoppedMechanism(world, action);
	const from = action.day * 86_400;
	return tickets.filter((t) => t.draft.opened >= from && stopped(t));
}

/** The go-live's tickets with the action done: the same tickets, less those it removes. */
export function replayTickets(world: World, tickets: readonly Ticket[], action: ReplayAction): Ticket[] {
	const removed = new Set(removedTickets(world, tickets, action));
	return tickets.filter((t) => !removed.has(t));
}

const reconciled = (v: Variance, day: number): Variance =>
	v.status === 'accepted_exception' || (v.status === 'reconciled' && v.reconciledOn !== null && v.reconciledOn <= day) ? v : { ...v, status: 'reconciled', reconciledOn: day };

const trained = (r: TrainingRecord, day: number): TrainingRecord => (r.completedOn !== null && r.completedOn <= day ? r : { ...r, completedOn: day });

/** The world's reference tables as they read with the action done. */
export function replayWorld(world: World, action: ReplayAction): World {
	if (action.kind === 'reconcile_variance') {
		const clinic = clinicIndex(world, action.clinicId);
		const variances = world.register.variances.map((v) => (v.clinic === clinic && v.area === action.area ? reconciled(v, action.day) : v));
		return { ...world, register: { ...world.register, variances } };
	}
	if (action.kind === 'train_users') {
		const clinic = clinicIndex(world, action.clinicId);
		const training = world.training.map((r) => (r.user.clinic === clinic && r.area === action.area ? trained(r, action.day) : r));
		return { ...world, training };
	}
	return world;
}

/** The action in words, for bench output. */
export function describeAction(action: ReplayAction): string {
	const on = isoDate(action.day);
	switch (action.kind) {
		case 'reconcile_variance':
			return `reconcile ${action.clinicId} ${action.area} on ${on}`;
		case 'train_users':
			return `train ${action.clinicId} ${action.area} on ${on}`;
		case 'fix_defect':
			return `fix ${action.defectId} on ${on}`;
		case 'clean_conversion':
			return `clean ${action.clinicId} conversion on ${on}`;
	}
}
