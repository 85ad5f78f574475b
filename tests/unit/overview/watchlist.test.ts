/**
 * Issue 17 item 5: the Overview's watchlist ranks clinics by excess tickets per 100 users per
 * week over their last two whole weeks since go-live against the clinics observed at the same
 * weeks, with a Poisson interval; checked against a count done here from the ticket rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { poissonInterval, watchlistClient, type WatchRow } from '$lib/overview/watchlist';
import { asker } from '$lib/page/protocol';
import type { OverviewFilters } from '$lib/scope/filters';
import { csvFile, engineWith, rows } from '../helpers/fixture';

const loadWatchlist = (engine: Engine, filters: OverviewFilters, span: { first: string; last: string }) => asker(engine)(watchlistClient, { filters, span });

const SAMPLE = path.resolve('data/sample');
let engine: Engine;
let watch: readonly WatchRow[];
let span: { first: string; last: string };

beforeAll(async () => {
	const file = (table: 'clinics' | 'tickets' | 'training', name: string) => ({ table, name, bytes: readFileSync(path.join(SAMPLE, name)) });
	engine = await engineWith([file('clinics', 'clinics.csv'), file('training', 'training.csv'), file('tickets', 'tickets.csv')]);
	span = (await loadFilterChoices(engine)).span!;
	watch = await loadWatchlist(engine, DEFAULT_FILTERS, span);
}, 120_000);
afterAll(() => engine.close());

describe('the Poisson interval', () => {
	it('matches the exact (Garwood) 95% limits of published tables', () => {
		const exact: [number, number, number][] = [
			[0, 0, 3.689],
			[1, 0.0253, 5.572],
			[10, 4.795, 18.39],
			[100, 81.36, 121.63]
		];
		for (const [count, lo, hi] of exact) {
			const [l, h] = poissonInterval(count);
			expect(Math.abs(l - lo)).toBeLessThanOrEqual(Math.max(0.001 * lo, 0.0001));
			expect(Math.abs(h - hi) / hi).toBeLessThan(0.001);
		}
	});
});

describe('the watchlist on the bundled sample', () => {
	it('ranks every live clinic by excess over peers at the same weeks since go-live, as counted here', async () => {
		const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
		const [first, last] = [day(span.first), day(span.last)];
		const clinics = await rows(engine, `SELECT clinic_id, strftime(go_live_date, '%Y-%m-%d') AS g, users FROM clinics JOIN clinic_users USING (clinic_id)`);
		const counts = await rows(engine, `SELECT clinic_id, go_live_week AS k, count(*) AS n FROM ticket_facts GROUP BY ALL`);
		const n = new Map(counts.map((r) => [`${r.clinic_id}|${r.k}`, Number(r.n)]));
		const weeks = new Map(
			clinics.map((c) => {
				const g = day(String(c.g));
				return [String(c.clinic_id), { users: Number(c.users), from: Math.ceil((first - g) / 7), to: Math.floor((last - 6 - g) / 7) }];
			})
		);
		const seen = (id: string, k: number) => {
			const w = weeks.get(id)!;
			return k >= w.from && k <= w.to;
		};
		expect(watch.length).toBe(49);
		for (const row of watch) {
			const me = weeks.get(row.clinicId)!;
			expect(row.week).toBe(me.to);
			let observed = 0;
			let expected = 0;
			for (const k of [me.to - 1, me.to]) {
				observed += n.get(`${row.clinicId}|${k}`) ?? 0;
				let peerTickets = 0;
				let peerUsers = 0;
				for (const [id, w] of weeks)
					if (id !== row.clinicId && seen(id, k)) {
						peerTickets += n.get(`${id}|${k}`) ?? 0;
						peerUsers += w.users;
					}
				expected += (me.users * peerTickets) / peerUsers;
			}
			expect(row.observed).toBe(observed);
			expect(row.expected).toBeCloseTo(expected, 6);
			expect(row.excess).toBeCloseTo(((observed - expected) * 100) / (me.users * 2), 6);
			expect(row.low).toBeLessThanOrEqual(row.excess);
			expect(row.high).toBeGreaterThanOrEqual(row.excess);
		}
		expect(watch.map((r) => r.excess)).toEqual([...watch.map((r) => r.excess)].sort((a, b) => b - a));
	});

	it('keeps to the clinics in scope, still compared with every peer', async () => {
		const one = await loadWatchlist(engine, { ...DEFAULT_FILTERS, clinics: ['C02'] }, span);
		expect(one.map((r) => r.clinicId)).toEqual(['C02']);
		expect(one[0]).toEqual(watch.find((r) => r.clinicId === 'C02'));
	});

	it('has no rows, not an error, without a roster or go-live dates', async () => {
		const ticketsOnly = await engineWith([
			csvFile('tickets', [
				'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description,source_system',
				'T1,2026-03-02 09:00:00,,2026-03-02 09:00:00,Location 7,U1,other,,3,open,SD,x,SN'
			])
		]);
		expect(await loadWatchlist(ticketsOnly, DEFAULT_FILTERS, { first: '2026-03-02', last: '2026-03-02' })).toEqual([]);
		await ticketsOnly.close();
	});
});
