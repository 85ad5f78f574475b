/**
 * Percentiles from a histogram must equal DuckDB's quantile_cont over the expanded rows,
 * so that the pre-aggregated lag counts can stand in for ten million encounters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { sql, trusted } from '$lib/sql/fragment';
import { histogramQuantiles } from '$lib/sql/recovery/quantiles';
import { rows } from '../helpers/fixture';
import { quantileCont } from '../helpers/small-recovery';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
	// Deterministic pseudo-random integer lags in three groups, with NULLs (unbilled) mixed in.
	await engine.query(`CREATE TABLE raw AS
		SELECT 'g' || (i % 3) AS g, CASE WHEN i % 17 = 0 THEN NULL ELSE CAST(floor(pow(((i * 7919) % 1000) / 1000.0, 2) * 40) AS INTEGER) END AS x
		FROM range(1, 2000) t(i)`);
});
afterAll(() => engine.close());

describe('histogram quantiles', () => {
	it('equal quantile_cont over the rows, per group, for any p', async () => {
		const ps = { p10: 0.1, median: 0.5, p75: 0.75, p90: 0.9, p99: 0.99, top: 1 };
		const fromHistogram = await rows(engine, sql`SELECT * FROM (${histogramQuantiles(trusted('SELECT g, x, count(*) AS n FROM raw GROUP BY ALL'), ['g'], ps)}) q ORDER BY g`);
		const direct = await rows(
			engine,
			`SELECT g, count(x) AS total, ${Object.entries(ps)
				.map(([name, p]) => `quantile_cont(x, ${p}) AS ${name}`)
				.join(', ')} FROM raw GROUP BY g ORDER BY g`
		);
		expect(fromHistogram).toHaveLength(3);
		fromHistogram.forEach((row, i) => {
			expect(row.total).toBe(direct[i]?.total);
			for (const name of Object.keys(ps)) expect(row[name], `${String(row.g)} ${name}`).toBeCloseTo(direct[i]?.[name] as number, 9);
		});
	});

	it('weigh each value by its count, with no keys for a pooled figure', async () => {
		// Values 1 x3, 4 x1, 10 x2: expanded 1 1 1 4 10 10.
		const [q] = await rows(engine, histogramQuantiles(trusted('SELECT * FROM (VALUES (1, 3), (10, 2), (4, 1), (NULL, 5), (7, 0)) t(x, n)'), [], { median: 0.5, p90: 0.9 }));
		expect(q?.total).toBe(6);
		expect(q?.median).toBeCloseTo(quantileCont([1, 1, 1, 4, 10, 10], 0.5) ?? NaN, 12);
		expect(q?.p90).toBeCloseTo(quantileCont([1, 1, 1, 4, 10, 10], 0.9) ?? NaN, 12);
		expect(q?.median).toBeCloseTo(2.5, 12);
	});

	it('give one value for a single encounter and nothing for a group with none', async () => {
		const found = await rows(engine, histogramQuantiles(trusted(`SELECT * FROM (VALUES ('a', 5, 1), ('b', NULL, 3)) t(g, x, n)`), ['g'], { median: 0.5, p90: 0.9 }));
		expect(found).toEqual([{ g: 'a', total: 1, median: 5, p90: 5 }]);
	});
});
