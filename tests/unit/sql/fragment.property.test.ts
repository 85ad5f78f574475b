/**
 * Property tests: whatever text comes in (ticket text, clinic names, link state, a column
 * header), values and identifiers reach DuckDB quoted, as exactly those characters.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { OverviewFiltersSchema } from '$lib/scope/filters';
import { ident, inlineParams, list, literal, sql } from '$lib/sql/fragment';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek, timeToResolveByWeek } from '$lib/sql/overview';
import { engineWith, rows } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

// DuckDB strings cannot hold NUL; everything else in Unicode is fair game.
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replaceAll('\u0000', ''));
const RUNS = { numRuns: 150 };

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_GO_LIVE);
});
afterAll(() => engine.close());

describe('quoting whatever the input', () => {
	it('passes any value through parameters and through the literal function unchanged', async () => {
		await fc.assert(
			fc.asyncProperty(text, async (value) => {
				const [row] = await rows(engine, sql`SELECT ${value} AS p, ${literal(value)} AS l`);
				expect(row).toEqual({ p: value, l: value });
			}),
			RUNS
		);
	});

	it('inlines parameters (for interruptible statements) as the same values, whatever quotes and ? surround them', async () => {
		await fc.assert(
			fc.asyncProperty(
				text,
				fc.oneof(
					text,
					fc.integer(),
					fc.integer().map((n) => n / 4),
					fc.boolean(),
					fc.constant(null)
				),
				async (name, value) => {
					const statement = sql`SELECT ${value} AS ${ident(`?${name}`)}, '?' || ${value} AS "b?", ${"it's ?"} AS c`;
					const inlined = await engine.query(inlineParams(statement));
					const bound = await engine.query(statement);
					expect(inlined.toArray().map((r) => JSON.stringify(r))).toEqual(bound.toArray().map((r) => JSON.stringify(r)));
				}
			),
			RUNS
		);
	});

	it('names a column exactly as given by any non-empty identifier', async () => {
		await fc.assert(
			fc.asyncProperty(
				text.filter((s) => s.trim() !== ''),
				async (name) => {
					const table = await engine.query(sql`SELECT 1 AS ${ident(name)}`);
					expect(table.schema.fields.map((f) => f.name)).toEqual([name]);
				}
			),
			RUNS
		);
	});

	it('matches an IN list exactly against its members', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(text, { maxLength: 8 }), text, async (values, probe) => {
				const [row] = await rows(engine, sql`SELECT ${probe} IN ${list(values)} AS hit`);
				// An empty list reads `IN (NULL)`: no match, never an error.
				expect(row?.hit ?? false).toBe(values.includes(probe));
			}),
			RUNS
		);
	});
});

describe('overview filters from anywhere', () => {
	it('never throws while validating arbitrary input', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				expect(() => OverviewFiltersSchema.safeParse(input)).not.toThrow();
			}),
			{ numRuns: 500 }
		);
	});

	it('builds queries DuckDB runs for any valid filter values', async () => {
		const filters = fc.record({
			sites: fc.array(text, { maxLength: 4 }),
			clinics: fc.array(text, { maxLength: 4 }),
			from: fc.option(
				fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
				{ nil: null }
			),
			to: fc.option(
				fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
				{ nil: null }
			),
			axis: fc.constantFrom('calendar' as const, 'go_live' as const)
		});
		await fc.assert(
			fc.asyncProperty(filters, async (f) => {
				expect(OverviewFiltersSchema.safeParse(f).success).toBe(true);
				for (const build of [ticketsByWeek, backlogByWeek, timeToResolveByWeek, ticketRateHeatmap, overviewTotals]) await engine.query(build(f));
			}),
			{ numRuns: 60 }
		);
	});
});
