import { describe, expect, it } from 'vitest';
import { cellReader, columnFormat } from '$lib/console/cell-format';
import { csvParts } from '$lib/console/result-export';
import { collect } from '$lib/results/collect';
import type { Table } from 'apache-arrow';
import { nodeSession } from '../helpers/node-session';

const db = nodeSession();

/** The console grid's text of every cell of one column, read as the grid reads it. */
function gridTexts(table: Table, name: string): string[] {
	const j = table.schema.fields.findIndex((f) => f.name === name);
	const format = columnFormat(table.schema.fields[j]!.type);
	const read = cellReader(table.getChildAt(j));
	return Array.from({ length: table.numRows }, (_, i) => format.text(read(i)));
}

describe('INTERVAL cells in the console', () => {
	it('reads as DuckDB writes them, not as garbage', async () => {
		const table = await collect(
			db.session,
			`SELECT INTERVAL 90 MINUTE AS a, INTERVAL '1 year 2 months 3 days' AS b, INTERVAL '-1 day 1.5 seconds' AS c, INTERVAL 0 DAY AS d, NULL::INTERVAL AS e`
		);
		expect(['a', 'b', 'c', 'd', 'e'].map((name) => gridTexts(table, name)[0])).toEqual(['01:30:00', '1 year 2 months 3 days', '-1 day 00:00:01.5', '00:00:00', '']);
	});

	it("matches DuckDB's own text for thousands of intervals over several batches", async () => {
		// Months, days and microseconds of either sign, hours past 24 and past 2^53 nanoseconds, NULLs.
		const table = await collect(
			db.session,
			`SELECT CAST(iv AS VARCHAR) AS duckdb, iv FROM (
				SELECT CASE WHEN i % 101 = 0 THEN NULL ELSE to_months(CAST(i % 37 - 18 AS INTEGER)) + to_days(CAST(i % 23 - 11 AS INTEGER))
					+ to_microseconds((i * 7919) % 200000001 * 997 * (CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END)) END AS iv
				FROM range(6000) t(i)
				UNION ALL SELECT INTERVAL 1000000 HOUR UNION ALL SELECT INTERVAL '-13 months' UNION ALL SELECT INTERVAL '1 month -1 day 0.000001 seconds'
			)`
		);
		expect(table.batches.length).toBeGreaterThan(1);
		const ours = gridTexts(table, 'iv');
		const theirs = gridTexts(table, 'duckdb');
		expect(ours).toEqual(theirs);
	});

	it('writes intervals to CSV as text', async () => {
		const table = await collect(db.session, `SELECT INTERVAL 90 MINUTE AS wait`);
		expect(csvParts(table).join('')).toBe('wait\r\n01:30:00\r\n');
	});
});
