/** A stray NUL byte is a bad value in its row, not a reason to refuse a text file as binary. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { REJECTED_ROWS_TABLE } from '$lib/ingest';
import { sniff } from '$lib/ingest/sniff';
import { rows } from '../helpers/fixture';
import { importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const HEADER = 'ticket_id,opened_at,clinic_id,category,priority,short_description';
const csv = (lines: readonly string[]) => [HEADER, ...lines].join('\n');

describe('NUL bytes', () => {
	it('reads a text file with one NUL in its first line of data, rejecting that value with its row', async () => {
		const text = csv(['N1,2026-03-02 09:00:00,C1,how_to,3,fine', 'N2,2026-03-02 09:00:00,C\u00001,how_to,3,NUL in the clinic', 'N3,2026-03-02 09:00:00,C1,how_to,3,fine']);
		const { report } = await importFiles(engine, [{ name: 'nul.csv', bytes: text, preset: 'canonical:tickets' }]);
		expect(report.files[0]).toMatchObject({ status: 'read', read: 3, accepted: 2, rejected: 1 });
		expect(await rows(engine, `SELECT "row", "column", expected FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ row: 3, column: 'clinic_id', expected: 'text without a NUL character (byte 0)' }]);
	});

	it('rejects a NUL far into a file the same way', async () => {
		const lines = Array.from({ length: 3000 }, (_, i) => `F${i},2026-03-02 09:00:00,C1,how_to,3,${'padding '.repeat(4)}`);
		lines[2500] = 'F2500,2026-03-02 09:00:00,C1,how_to,3,text with a \u0000 inside';
		const { report } = await importFiles(engine, [{ name: 'far.csv', bytes: csv(lines), preset: 'canonical:tickets' }]);
		expect(report.files[0]).toMatchObject({ read: 3000, accepted: 2999, rejected: 1 });
		expect(await rows(engine, `SELECT "row", "column" FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ row: 2502, column: 'short_description' }]);
	});

	it('still refuses binary content: mostly control bytes, or a program’s magic number', async () => {
		const random = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
		await expect(sniff(new Blob([random]))).rejects.toThrow('it holds binary data');
		await expect(sniff(new Blob([new Uint8Array(4096)]))).rejects.toThrow('it holds binary data');
		const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ...new TextEncoder().encode('\nticket_id,opened_at\n')]);
		await expect(sniff(new Blob([elf]))).rejects.toThrow('it holds binary data');
	});
});
