import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { decodeKept, encodeKept, KeptFileError } from '$lib/kept/kept-file';
import { KeptTables, statementKey } from '$lib/kept/kept-tables';
import { keptFirstEngine } from '$lib/kept/kept-first-engine';
import { recordingEngine } from '$lib/kept/recording-engine';
import { startNodeEngine } from '$lib/engine/node';
import type { Engine } from '$lib/engine';

const header = { dataKey: 'data-a', computedAt: '2026-12-06T00:00:00Z', computedBy: 'test', tables: [{ table: 'tickets' as const, file: 'tickets.csv', rows: 3 }] };
const ipc = (values: number[]) => tableToIPC(tableFromArrays({ n: Float64Array.from(values) }), 'stream');

describe('kept-results file', () => {
	it('reads back every result, keyed by statement, with the data it was computed from', async () => {
		const a = { text: 'SELECT ? AS n', params: [1] };
		const b = { text: 'SELECT ? AS n', params: [2] };
		const bytes = await encodeKept(
			header,
			new Map([
				[statementKey(a), ipc([1, 2, 3])],
				[statementKey(b), ipc([])]
			])
		);
		const bundle = await decodeKept(bytes);
		expect(bundle.header.dataKey).toBe('data-a');
		expect(bundle.header.tables).toEqual(header.tables);
		const kept = new KeptTables(bundle);
		expect([...(kept.get(a)?.getChild('n')?.toArray() ?? [])]).toEqual([1, 2, 3]);
		expect(kept.get(b)?.numRows).toBe(0);
		// The same text with other parameters is another statement.
		expect(kept.get({ text: 'SELECT ? AS n', params: [3] })).toBeUndefined();
	});

	it('refuses what is not a whole kept-results file', async () => {
		const bytes = await encodeKept(header, new Map([['k', ipc([1])]]));
		await expect(decodeKept(bytes.subarray(0, bytes.byteLength - 20))).rejects.toThrow(KeptFileError);
		await expect(decodeKept(new TextEncoder().encode('null'))).rejects.toThrow(/not a gzip file/);
		const gzipOfOther = new Uint8Array(await new Response(new Blob(['{"model": 1}']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
		await expect(decodeKept(gzipOfOther)).rejects.toThrow(/not a kept-results file/);
	});
});

describe('recording and answering from kept results', () => {
	it('keeps what read statements return, never a write, and answers them without the live engine', async () => {
		const engine = await startNodeEngine();
		try {
			const recording = recordingEngine(engine);
			await recording.query('CREATE TABLE t AS SELECT range AS i FROM range(5)');
			const read = { text: 'SELECT CAST(sum(i) AS INTEGER) AS s FROM t WHERE i >= ?', params: [2] };
			await recording.query(read);
			expect([...recording.recorded.keys()]).toEqual([statementKey(read)]);

			const kept = new KeptTables(await decodeKept(await encodeKept(header, recording.recorded)));
			let started = 0;
			const live = async (): Promise<Engine> => {
				started++;
				return engine;
			};
			const facade = keptFirstEngine(kept, live);
			expect((await facade.query(read)).getChild('s')?.get(0)).toBe(9);
			expect(started).toBe(0);
			// Anything not kept goes to the live engine, which only then is asked for.
			expect((await facade.query({ text: 'SELECT CAST(count(*) AS INTEGER) AS n FROM t', params: [] })).getChild('n')?.get(0)).toBe(5);
			expect(started).toBe(1);
		} finally {
			await engine.close();
		}
	});
});
