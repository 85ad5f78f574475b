/** A result too big for the tab is measured as it arrives and refused with its size; out of memory gives no tuning tips the console refuses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordBatch } from 'apache-arrow';
import { errorSummary } from '$lib/console/error-position';
import { batchBytes, ResultTooLargeError } from '$lib/console/result-size';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('result size', () => {
	it('measures a batch’s bytes, a list’s values included', async () => {
		const session = await engine.openSession();
		const stream = await session.stream('SELECT list(range) AS l FROM range(1000000)');
		const batches: RecordBatch[] = [];
		for await (const batch of stream) batches.push(batch);
		const bytes = batches.reduce((s, b) => s + batchBytes(b), 0);
		expect(bytes).toBeGreaterThanOrEqual(8_000_000);
		expect(bytes).toBeLessThan(9_000_000);
		await session.close();
	});

	it('says how big the result was and what to do', () => {
		expect(new ResultTooLargeError(812_000_000, 1).message).toBe(
			'The result is too large to show: 774 MB in its first 1 row, over the 256 MB the console holds. It was dropped and the statement stopped. Aggregate or filter it, or add a LIMIT.'
		);
	});

	it('explains DuckDB running out of memory without advising SET temp_directory', () => {
		const duck =
			"Out of Memory Error: failed to allocate data of size 256.0 MiB (3.0 GiB/3.1 GiB used)\n\nPossible solutions:\n* Reducing the number of threads (SET threads=X)\n* Disabling insertion-order preservation (SET preserve_insertion_order=false)\n* Increasing the memory limit (SET memory_limit='...GB')\n\nSee also https://duckdb.org/docs/stable/guides/performance/how_to_tune_workloads\nUnused blocks cannot be offloaded to disk if the database is in-memory only. SET temp_directory='/path/to/tmp.tmp'";
		const shown = errorSummary(duck);
		expect(shown).toBe('DuckDB ran out of memory for this statement (3.0 GiB/3.1 GiB used): this browser tab cannot hold what it needs. Aggregate or filter earlier, or add a LIMIT.');
		expect(shown).not.toMatch(/temp_directory|SET /);
	});
});
