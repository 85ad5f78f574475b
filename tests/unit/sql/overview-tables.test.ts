/**
 * The overview reads pre-aggregated tables (src/lib/sql/overview-tables.ts). On random
 * tickets and random filters, every figure must equal the same figure counted ticket by
 * ticket with independent SQL over the raw tables: counts, backlog and exact percentiles.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import type { OverviewFilters } from '$lib/scope/filters';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { csvFile, engineWith, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

const CLINICS = ['A', 'B', 'C', 'Z']; // Z is in no clinic list: no site, no go-live
const CATEGORIES = ['how_to', 'break_fix', 'access'];
const BASE_DAY = Date.parse('2026-02-20T00:00:00Z');
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const isoDay = (offset: number) => new Date(BASE_DAY + offset * 86_400_000).toISOString().slice(0, 10);

const ticket = fc.record({
	clinic: fc.constantFrom(...CLINICS),
	category: fc.constantFrom(...CATEGORIES),
	openedMinute: fc.integer({ min: 0, max: 60 * 24 * 50 }),
	resolvedAfterMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 20 }), { nil: null })
});

const filters = fc.record({
	sites: fc.subarray(['S1', 'S2']),
	clinics: fc.subarray(CLINICS),
	from: fc.option(fc.integer({ min: 0, max: 50 }).map(isoDay), { nil: null }),
	to: fc.option(fc.integer({ min: 10, max: 60 }).map(isoDay), { nil: null }),
	axis: fc.constantFrom('calendar' as const, 'go_live' as const)
});

/** Ticket by ticket, from the raw tables: what each overview figure means. */
function independent(f: OverviewFilters) {
	const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
	const where = (dates: boolean) =>
		[
			'TRUE',
			f.sites.length ? `c.site IN (${list(f.sites)})` : '',
			f.clinics.length ? `t.clinic_id IN (${list(f.clinics)})` : '',
			dates && f.from ? `CAST(t.opened_at AS DATE) >= DATE '${f.from}'` : '',
			dates && f.to ? `CAST(t.opened_at AS DATE) <= DATE '${f.to}'` : '',
			f.axis === 'go_live' ? 'c.go_live_date IS NOT NULL' : ''
		]
			.filter(Boolean)
			.join(' AND ');
	const bucket = (ts: string) =>
		f.axis === 'calendar'
			? `CAST(date_diff('day', DATE '1970-01-01', CAST(date_trunc('week', ${ts}) AS DATE)) AS INTEGER)`
			: `CAST(floor(date_diff('day', c.go_live_date, CAST(${ts} AS DATE)) / 7) AS INTEGER)`;
	const from = 'tickets t LEFT JOIN clinics c USING (clinic_id)';
	const hours = `date_diff('second', t.opened_at, t.resolved_at) / 3600.0`;
	const totalsWhere = where(true).replace(' AND c.go_live_date IS NOT NULL', '');
	return {
		weekly: `SELECT ${bucket('t.opened_at')} AS k, category, count(*) AS tickets FROM ${from} WHERE ${where(true)} GROUP BY ALL ORDER BY k, category`,
		heatmap: `SELECT clinic_id, ${bucket('t.opened_at')} AS k, count(*) AS tickets FROM ${from} WHERE ${where(true)} GROUP BY ALL ORDER BY clinic_id, k`,
		resolve: `SELECT ${bucket('t.opened_at')} AS k, count(*) AS resolved, quantile_cont(${hours}, 0.5) AS median_hours, quantile_cont(${hours}, 0.9) AS p90_hours
			FROM ${from} WHERE ${where(true)} AND t.resolved_at IS NOT NULL GROUP BY ALL ORDER BY k`,
		totals: `SELECT count(*) AS tickets, count(*) FILTER (WHERE t.resolved_at IS NULL) AS open_tickets, count(DISTINCT t.clinic_id) AS clinics,
			quantile_cont(${hours}, 0.5) AS median_hours, quantile_cont(${hours}, 0.9) AS p90_hours FROM ${from} WHERE ${totalsWhere}`,
		// Open at the end of bucket k: opened in a bucket <= k and not resolved in a bucket <= k.
		backlog: `WITH s AS (SELECT ${bucket('t.opened_at')} AS ko, CASE WHEN t.resolved_at IS NULL THEN NULL ELSE ${bucket('t.resolved_at')} END AS kr,
				CAST(t.opened_at AS DATE) AS d FROM ${from} WHERE ${where(false)}),
			b AS (SELECT min(ko) AS lo, max(ko) AS hi FROM s WHERE TRUE ${f.from ? `AND d >= DATE '${f.from}'` : ''} ${f.to ? `AND d <= DATE '${f.to}'` : ''}),
			ks AS (SELECT unnest(generate_series(lo, hi, ${f.axis === 'calendar' ? 7 : 1})) AS k FROM b)
			SELECT k, (SELECT count(*) FROM s WHERE ko <= k AND (kr IS NULL OR kr > k)) AS open_tickets FROM ks ORDER BY k`
	};
}

const numbersOf = (list: Record<string, unknown>[], keys: readonly string[]) =>
	list.map((r) => keys.map((key) => (r[key] === null || r[key] === undefined ? null : typeof r[key] === 'number' ? Number(r[key]) : r[key])));

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
});
afterAll(() => engine.close());

describe('overview figures from the pre-aggregated tables', () => {
	it('equal the figures counted ticket by ticket, on random tickets and filters', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(ticket, { minLength: 1, maxLength: 40 }), filters, async (drawn, f) => {
				const lines = drawn.map((t, i) => {
					const opened = BASE_DAY + t.openedMinute * 60_000;
					const resolved = t.resolvedAfterMinutes === null ? '' : stamp(opened + t.resolvedAfterMinutes * 60_000 + 17_000);
					return `R${i},${stamp(opened)},${resolved},,${t.clinic},,${t.category},,,,,`;
				});
				const header = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description';
				const { loadCanonicalTables } = await import('$lib/data/load-tables');
				await loadCanonicalTables(engine, [csvFile('tickets', [header, ...lines])]);
				const ref = independent(f);
				const same = async (ours: Record<string, unknown>[], theirs: string, keys: string[]) => expect(numbersOf(ours, keys)).toEqual(numbersOf(await rows(engine, theirs), keys));
				await same(await rows(engine, ticketsByWeek(f)), ref.weekly, ['k', 'category', 'tickets']);
				const heat = (await rows(engine, ticketRateHeatmap(f))).sort((a, b) => String(a.clinic_id).localeCompare(String(b.clinic_id)) || Number(a.k) - Number(b.k));
				await same(heat, ref.heatmap, ['clinic_id', 'k', 'tickets']);
				await same(await rows(engine, timeToResolveByWeek(f)), ref.resolve, ['k', 'resolved', 'median_hours', 'p90_hours']);
				await same(await rows(engine, overviewTotals(f)), ref.totals, ['tickets', 'open_tickets', 'clinics', 'median_hours', 'p90_hours']);
				await same(await rows(engine, backlogByWeek(f)), ref.backlog, ['k', 'open_tickets']);
			}),
			{ numRuns: 40 }
		);
	});
});
