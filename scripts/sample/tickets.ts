import { timestamp } from './calendar';
import type { Cell } from './csv-writer';
import { Random } from './random';
import { lifecycle, type Lifecycle } from './ticket-lifecycle';
import { clinicTickets, userTickets, type Mechanisms, type TicketDraft, type WeekContext } from './ticket-sources';
import { DATA_END, workdaysOfWeek } from './timeline';
import type { User } from './users';
import type { Area } from './vocabulary';
import type { World } from './world';

export interface Ticket {
	id: string;
	draft: TicketDraft;
	life: Lifecycle;
}

/** A small pre-go-live trickle starts this many weeks before each clinic's go-live. */
const FIRST_WEEK = -2;

function areaUsers(users: readonly User[]): Map<Area, User[]> {
	const byArea = new Map<Area, User[]>();
	for (const user of users) {
		for (const area of user.areas) {
			const list = byArea.get(area);
			if (list === undefined) byArea.set(area, [user]);
			else list.push(user);
		}
	}
	return byArea;
}

/**
 * Every ticket comes from exactly one mechanism (see ticket-sources.ts), walked clinic by
 * clinic and week by week on the clinic's own go-live axis. Ids follow opening order, as a
 * desk's sequence numbers do.
 */
export function buildTickets(world: World): Ticket[] {
	const rng = new Random(world.seed, 'tickets');
	const mechanisms: Mechanisms = {
		rates: world.rates,
		otherPlanted: world.variant.mix.otherPlanted,
		trainedFrom: world.trainedFrom,
		variances: world.register.variances,
		defects: world.defects,
		outages: world.outages
	};
	const drafts: TicketDraft[] = [];
	for (const clinic of world.clinics) {
		const users = world.byClinic[clinic.index] ?? [];
		const byArea = areaUsers(users);
		for (let week = FIRST_WEEK; clinic.goLive + 7 * week <= DATA_END; week++) {
			const ctx: WeekContext = { clinic, users, areaUsers: byArea, week, days: workdaysOfWeek(clinic.goLive + 7 * week) };
			userTickets(ctx, mechanisms, rng, drafts);
			clinicTickets(ctx, mechanisms, rng, drafts);
		}
	}
	drafts.sort((a, b) => a.opened - b.opened);
	const lifeRng = new Random(world.seed, 'ticket-lifecycle');
	return drafts.map((draft, i) => ({
		id: `INC${String(i + 1).padStart(7, '0')}`,
		draft,
		life: lifecycle(draft, lifeRng)
	}));
}

/**
 * The same go-live at `scale` times the ticket volume, for benchmarks: each ticket repeated
 * under new ids that keep opening order, so every share, median and p90 stays as it was and
 * only the counts grow. Scale 1 returns the tickets unchanged.
 */
export function scaleTickets(tickets: readonly Ticket[], scale: number): readonly Ticket[] {
	if (!Number.isInteger(scale) || scale < 1) throw new Error(`ticket scale must be a whole number >= 1, got ${scale}`);
	if (scale === 1) return tickets;
	const out = new Array<Ticket>(tickets.length * scale);
	for (let i = 0; i < tickets.length; i++) {
		const ticket = tickets[i];
		if (ticket === undefined) continue;
		for (let copy = 0; copy < scale; copy++) {
			const n = i * scale + copy;
			out[n] = { ...ticket, id: `INC${String(n + 1).padStart(7, '0')}` };
		}
	}
	return out;
}

const stamp = (second: number): string => timestamp(Math.floor(second / 86_400), second % 86_400);

export function* ticketRows(tickets: readonly Ticket[], world: World): Generator<Cell[]> {
	for (const { id, draft, life } of tickets) {
		yield [
			id,
			stamp(draft.opened),
			life.resolved === null ? null : stamp(life.resolved),
			stamp(life.updated),
			world.clinics[draft.clinic]?.id ?? null,
			draft.reporter.id,
			draft.category,
			draft.area,
			life.priority,
			life.status,
			life.group,
			draft.text
		];
	}
}
