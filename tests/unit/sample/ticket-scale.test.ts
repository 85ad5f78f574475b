import { describe, expect, it } from 'vitest';
import { scaleTickets, type Ticket } from '../../../scripts/sample/tickets';

const ticket = (id: string, opened: number) => ({ id, draft: { opened }, life: { resolved: null } }) as unknown as Ticket;

describe('ticket scale (benchmark volumes)', () => {
	const tickets = [ticket('INC0000001', 10), ticket('INC0000002', 20)];

	it('repeats each ticket under new ids that keep opening order', () => {
		const scaled = scaleTickets(tickets, 3);
		expect(scaled.map((t) => t.id)).toEqual(['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004', 'INC0000005', 'INC0000006']);
		expect(scaled.map((t) => t.draft.opened)).toEqual([10, 10, 10, 20, 20, 20]);
	});

	it('leaves the realistic sample as it is and refuses a fractional scale', () => {
		expect(scaleTickets(tickets, 1)).toBe(tickets);
		expect(() => scaleTickets(tickets, 1.5)).toThrow(/whole number/);
	});
});
