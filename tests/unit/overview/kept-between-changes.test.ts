/**
 * Issue 19 item 3: what a filter change does not reach is not computed or rendered again. On the
 * bundled sample, through the page clients as the Overview asks them: an axis change keeps the same
 * totals object (no exact median and p90 over every resolved ticket in scope again, no tiles rendered
 * again), and a change of dates or axis keeps the same watchlist rows array (its table is not rendered
 * again); every other change gives the totals and rows of its own scope, equal to SQL's totals.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { overviewClient, type Totals } from '$lib/overview/overview-model';
import { watchlistClient, type WatchRow } from '$lib/overview/watchlist';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { asker, type Ask } from '$lib/page/protocol';
import { numbers } from '$lib/results/columns';
import type { FilterChoices } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { overviewTotals } from '$lib/sql/overview';
import { engineWith } from '../helpers/fixture';

const SAMPLE = path.resolve('data/sample');
let engine: Engine;
let ask: Ask;
let choices: FilterChoices;

beforeAll(async () => {
	const file = (table: 'clinics' | 'tickets' | 'training', name: string) => ({ table, name, bytes: readFileSync(path.join(SAMPLE, name)) });
	engine = await engineWith([file('clinics', 'clinics.csv'), file('training', 'training.csv'), file('tickets', 'tickets.csv')]);
	choices = await loadFilterChoices(engine);
	ask = asker(engine);
}, 120_000);
afterAll(() => engine.close());

const totalsOf = async (filters: OverviewFilters): Promise<Totals> => (await ask(overviewClient, { filters, clinics: choices.clinics, span: choices.span })).totals;
const rowsOf = (filters: OverviewFilters): Promise<readonly WatchRow[]> => ask(watchlistClient, { filters, span: choices.span });

async function sqlTotals(f: OverviewFilters): Promise<(number | null)[]> {
	const t = await engine.query(overviewTotals(f));
	return ['tickets', 'open_tickets', 'clinics', 'unassigned_tickets', 'median_hours', 'p90_hours'].map((c) => numbers(t, c)[0] ?? null);
}
const asList = (t: Totals) => [t.tickets, t.open, t.clinics, t.unassigned, t.medianHours, t.p90Hours];

describe('a filter change on the Overview', () => {
	it('keeps the totals on an axis change, and computes them for any other change', async () => {
		const site = choices.clinics[0]!.site;
		const steps: OverviewFilters[] = [
			DEFAULT_FILTERS,
			{ ...DEFAULT_FILTERS, axis: 'go_live' },
			{ ...DEFAULT_FILTERS, axis: 'go_live', sites: [site] },
			{ ...DEFAULT_FILTERS, axis: 'calendar', sites: [site] },
			{ ...DEFAULT_FILTERS, axis: 'calendar', sites: [site], from: choices.span!.first.slice(0, 8) + '20' },
			{ ...DEFAULT_FILTERS, axis: 'go_live', sites: [site], from: choices.span!.first.slice(0, 8) + '20' },
			DEFAULT_FILTERS
		];
		let last: { f: OverviewFilters; totals: Totals } | null = null;
		for (const f of steps) {
			const totals = await totalsOf(f);
			expect(asList(totals), JSON.stringify(f)).toEqual(await sqlTotals(f));
			if (last) {
				const onlyAxis = JSON.stringify({ ...last.f, axis: f.axis }) === JSON.stringify(f);
				expect(totals === last.totals, `${JSON.stringify(last.f)} → ${JSON.stringify(f)}`).toBe(onlyAxis);
			}
			last = { f, totals };
		}
	});

	it('keeps the watchlist rows while the sites and clinics stay, and scopes them when they change', async () => {
		const all = await rowsOf(DEFAULT_FILTERS);
		expect(all.length).toBeGreaterThan(10);
		expect(await rowsOf({ ...DEFAULT_FILTERS, axis: 'go_live' })).toBe(all);
		expect(await rowsOf({ ...DEFAULT_FILTERS, from: choices.span!.first })).toBe(all);
		const site = all[0]!.site;
		const inSite = await rowsOf({ ...DEFAULT_FILTERS, sites: [site] });
		expect(inSite).toEqual(all.filter((r) => r.site === site));
		expect(await rowsOf({ ...DEFAULT_FILTERS, sites: [site], axis: 'go_live' })).toBe(inSite);
		const clinic = all[3]!.clinicId;
		expect(await rowsOf({ ...DEFAULT_FILTERS, clinics: [clinic] })).toEqual([all[3]]);
		expect(await rowsOf(DEFAULT_FILTERS)).toEqual(all);
	});
});
