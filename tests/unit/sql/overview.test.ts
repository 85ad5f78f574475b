import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { engineWith, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const calendar: OverviewFilters = { ...DEFAULT_FILTERS, axis: 'calendar' };
const goLive: OverviewFilters = { ...DEFAULT_FILTERS, axis: 'go_live' };

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
});
afterAll(() => engine.close());

describe('tickets per week', () => {
	it('counts by calendar week (Monday) and category', async () => {
		const result = await rows(engine, ticketsByWeek(calendar));
		const perWeek = new Map<number, number>();
		for (const r of result) perWeek.set(r.k as number, (perWeek.get(r.k as number) ?? 0) + (r.tickets as number));
		// 03-02: T1 T2 T4; 03-09: T3 T5 T6; 03-16: none; 03-23: T7
		expect([...perWeek]).toEqual([
			[day('2026-03-02'), 3],
			[day('2026-03-09'), 3],
			[day('2026-03-23'), 1]
		]);
		expect(result.find((r) => r.k === day('2026-03-02') && r.category === 'how_to')?.tickets).toBe(1);
	});

	it('counts by weeks since each clinic’s own go-live, baseline negative', async () => {
		const result = await rows(engine, ticketsByWeek(goLive));
		const perWeek = new Map<number, number>();
		for (const r of result) perWeek.set(r.k as number, (perWeek.get(r.k as number) ?? 0) + (r.tickets as number));
		// C's T6 is 3 days before its go-live (week -1); B goes live on a Wednesday, so T5 a week later is week 1.
		expect([...perWeek]).toEqual([
			[-1, 1],
			[0, 3],
			[1, 3]
		]);
	});

	it('applies site, clinic and date filters', async () => {
		const total = async (f: OverviewFilters) => (await rows(engine, ticketsByWeek(f))).reduce((s, r) => s + (r.tickets as number), 0);
		expect(await total({ ...calendar, sites: ['S1'] })).toBe(5);
		expect(await total({ ...calendar, clinics: ['C'] })).toBe(2);
		expect(await total({ ...calendar, from: '2026-03-09', to: '2026-03-13' })).toBe(3);
		expect(await total({ ...calendar, sites: ['S2'], clinics: ['A'] })).toBe(0);
	});
});

describe('open backlog', () => {
	it('counts tickets open at the end of each calendar week', async () => {
		const result = await rows(engine, backlogByWeek(calendar));
		expect(result.map((r) => [r.k, r.open_tickets])).toEqual([
			[day('2026-03-02'), 1], // T4
			[day('2026-03-09'), 2], // T3, T6
			[day('2026-03-16'), 1], // T3
			[day('2026-03-23'), 2] // T3, T7
		]);
	});

	it('ends each clinic’s week at its own go-live date on the go-live axis', async () => {
		const result = await rows(engine, backlogByWeek(goLive));
		// k=-1: C's T6; k=0: B's T4 (open at 03-11); k=1: A's T3 and C's T7
		expect(result.map((r) => [r.k, r.open_tickets])).toEqual([
			[-1, 1],
			[0, 1],
			[1, 2]
		]);
	});

	it('keeps counting tickets opened before the date range while they stay open', async () => {
		const result = await rows(engine, backlogByWeek({ ...calendar, from: '2026-03-16' }));
		expect(result.map((r) => [r.k, r.open_tickets])).toEqual([[day('2026-03-23'), 2]]);
	});
});

describe('time to resolve', () => {
	it('gives median and p90 hours by week opened, resolved tickets only', async () => {
		const result = await rows(engine, timeToResolveByWeek(calendar));
		// 03-02: 10, 48, 192 h; 03-09: 2, 168 h (T3 is open); 03-23: nothing resolved
		expect(result).toHaveLength(2);
		expect(result[0]).toMatchObject({ k: day('2026-03-02'), resolved: 3, median_hours: 48 });
		expect(result[0]?.p90_hours).toBeCloseTo(163.2, 6);
		expect(result[1]).toMatchObject({ k: day('2026-03-09'), resolved: 2, median_hours: 85 });
		expect(result[1]?.p90_hours).toBeCloseTo(151.4, 6);
	});
});

describe('ticket rate heatmap', () => {
	it('divides by the clinic’s training roster', async () => {
		const result = await rows(engine, ticketRateHeatmap(calendar));
		const cell = (clinic: string, week: string) => result.find((r) => r.clinic_id === clinic && r.k === day(week))?.per_100_users;
		expect(cell('A', '2026-03-02')).toBe(50); // 2 tickets / 4 users
		expect(cell('A', '2026-03-09')).toBe(25);
		expect(cell('B', '2026-03-09')).toBe(50); // 1 / 2
		expect(cell('C', '2026-03-23')).toBe(20); // 1 / 5
		expect(result[0]?.clinic_id).toBe('A'); // go-live order
	});
});

describe('totals', () => {
	it('summarises the filtered tickets', async () => {
		const [all] = await rows(engine, overviewTotals(calendar));
		expect(all).toMatchObject({ tickets: 7, open_tickets: 2, median_hours: 48, clinics: 3 });
		expect(all?.p90_hours).toBeCloseTo(182.4, 6);
		const [s2] = await rows(engine, overviewTotals({ ...calendar, sites: ['S2'] }));
		expect(s2).toMatchObject({ tickets: 2, open_tickets: 1, clinics: 1 });
	});
});

describe('every builder with every filter at once', () => {
	const everything: OverviewFilters[] = (['calendar', 'go_live'] as const).map((axis) => ({
		sites: ['S1', 'S2'],
		clinics: ['A', 'C'],
		from: '2026-03-01',
		to: '2026-03-31',
		axis
	}));
	it.each(everything)('binds and runs on the $axis axis', async (f) => {
		for (const build of [ticketsByWeek, backlogByWeek, timeToResolveByWeek, ticketRateHeatmap, overviewTotals]) {
			await expect(engine.query(build(f)), build.name).resolves.toBeDefined();
		}
		const heat = await rows(engine, ticketRateHeatmap(f));
		expect(new Set(heat.map((r) => r.clinic_id))).toEqual(new Set(['A', 'C']));
	});
});
