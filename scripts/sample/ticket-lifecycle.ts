import type { Random } from './random';
import { adoption } from './ticket-rates';
import type { TicketDraft } from './ticket-sources';
import { DATA_END } from './timeline';
import type { Category, TicketStatus } from './vocabulary';

/** What the desk did with a ticket, as of the end of the data. */
export interface Lifecycle {
	resolved: number | null;
	updated: number;
	status: TicketStatus;
	priority: number;
	group: string;
}

/** Typical hours to resolve, by category; a go-live backlog stretches them. */
const MEDIAN_HOURS: Readonly<Record<Category, number>> = {
	access: 3,
	how_to: 6,
	other: 8,
	interface: 10,
	hardware: 20,
	break_fix: 30,
	data_conversion: 40,
	build_request: 200
};

const PRIORITIES: Readonly<Record<Category, readonly (readonly [number, number])[]>> = {
	access: [
		[2, 0.2],
		[3, 0.7],
		[4, 0.1]
	],
	how_to: [
		[3, 0.3],
		[4, 0.6],
		[5, 0.1]
	],
	other: [
		[3, 0.3],
		[4, 0.6],
		[5, 0.1]
	],
	break_fix: [
		[1, 0.03],
		[2, 0.25],
		[3, 0.55],
		[4, 0.17]
	],
	build_request: [
		[3, 0.1],
		[4, 0.5],
		[5, 0.4]
	],
	interface: [
		[1, 0.15],
		[2, 0.5],
		[3, 0.35]
	],
	hardware: [
		[2, 0.1],
		[3, 0.6],
		[4, 0.3]
	],
	data_conversion: [
		[2, 0.25],
		[3, 0.6],
		[4, 0.15]
	]
};

const END_SECOND = (DATA_END + 1) * 86_400 - 1;
/** Resolved tickets close automatically after three days. */
const AUTO_CLOSE_SECONDS = 3 * 86_400;
/** Share left waiting on a vendor or the user however old they are. */
const STUCK_SHARE = 0.008;
/** The desk's backlog: recent tickets are more often still waiting for a first look. */
const BACKLOG_SHARE = 0.25;
const BACKLOG_DAYS = 14;

function assignmentGroup(d: TicketDraft, rng: Random): string {
	switch (d.category) {
		case 'access':
			return rng.chance(0.88) ? 'Security & Access' : 'Service Desk';
		case 'hardware':
			return 'Field Services';
		case 'interface':
			return 'Interfaces';
		case 'other':
			return 'Service Desk';
		default:
			if (d.area === 'charge_capture' || d.area === 'billing') return 'Revenue Cycle Apps';
			if (d.category === 'how_to') return rng.chance(0.45) ? 'Service Desk' : 'EHR Ambulatory';
			return 'EHR Ambulatory';
	}
}

/** The desk works 07:00-19:00: work finished "overnight" is logged the next morning. */
function deskHours(second: number): number {
	const day = Math.floor(second / 86_400);
	const inDay = second - day * 86_400;
	if (inDay < 7 * 3600) return day * 86_400 + 7 * 3600 + (inDay % 3600);
	if (inDay >= 19 * 3600) return (day + 1) * 86_400 + 7 * 3600 + (inDay % 3600);
	return second;
}

export function lifecycle(d: TicketDraft, rng: Random): Lifecycle {
	const priority = d.incident
		? rng.weighted([
				[1, 0.2],
				[2, 0.7],
				[3, 0.1]
			] as const)
		: rng.weighted(PRIORITIES[d.category]);
	const group = assignmentGroup(d, rng);
	const hours = rng.lognormal(MEDIAN_HOURS[d.category] * (1 + 1.2 * adoption(d.week)), 1.1);
	const resolvedAt = deskHours(d.opened + Math.max(300, Math.round(hours * 3600)));
	const ageDays = (END_SECOND - d.opened) / 86_400;
	const waiting = STUCK_SHARE + BACKLOG_SHARE * Math.exp(-ageDays / BACKLOG_DAYS);
	if (resolvedAt > END_SECOND || rng.chance(waiting)) {
		const fresh = END_SECOND - d.opened < 86_400;
		const status = fresh
			? 'new'
			: rng.weighted([
					['in_progress', 0.55],
					['on_hold', 0.3],
					['new', 0.15]
				] as const);
		const updated = d.opened + Math.floor(rng.next() * (END_SECOND - d.opened));
		return { resolved: null, updated, status, priority, group };
	}
	const closedAt = resolvedAt + AUTO_CLOSE_SECONDS;
	if (closedAt <= END_SECOND) return { resolved: resolvedAt, updated: closedAt, status: 'closed', priority, group };
	return { resolved: resolvedAt, updated: resolvedAt, status: 'resolved', priority, group };
}
