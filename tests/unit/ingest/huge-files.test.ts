/**
 * Huge and hostile files (tests/fixtures/huge-files.ts): each stops with its own message,
 * before it is read whole where it can be, and the counts still reconcile.
 */
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { inspectFile, prepareImport, presetById, reconciles, resolvePreset, UnreadableFileError } from '$lib/ingest';
import { MAX_IMPORT_BYTES } from '$lib/ingest/limits';
import { toUtf8 } from '$lib/ingest/text';
import { gzipBomb, oneLongLine, oversizedTickets, PNG, zeros } from '../../fixtures/huge-files';

let engine: Engine;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hypercare-huge-'));
	engine = await startNodeEngine();
});
afterAll(async () => {
	await engine.close();
	rmSync(dir, { recursive: true, force: true });
});

const GB = 1024 ** 3;
const file = async (name: string) => new File([await openAsBlob(path.join(dir, name))], name);

/** Imports one file as tickets, as the page does when it sniffs fine. */
async function importTickets(blob: File) {
	const inspected = await inspectFile(blob);
	const mapping = resolvePreset(presetById('canonical:tickets')!, inspected.header);
	const { report } = await prepareImport(engine, [{ name: blob.name, blob, mapping, sniffed: inspected.sniffed }]);
	expect(report.files.every(reconciles) && report.tables.every(reconciles)).toBe(true);
	return report;
}

describe('files that are not tables stop at the first look', () => {
	it('a PNG named .csv says it is an image', async () => {
		await expect(inspectFile(new File([PNG], 'tickets.csv'))).rejects.toThrow('not a CSV, JSON, Parquet or Excel file: it is a PNG image');
	});

	it('a gigabyte of zeros is binary data, found from its first bytes', async () => {
		zeros(path.join(dir, 'zeros.csv'), GB);
		await expect(inspectFile(await file('zeros.csv'))).rejects.toThrow('it holds binary data');
	});

	it('a 50 MB line without a break has no header row', async () => {
		oneLongLine(path.join(dir, 'one-line.csv'), 50 * 1024 * 1024);
		const error = await inspectFile(await file('one-line.csv')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UnreadableFileError);
		expect((error as Error).message).toBe('not a table: its first line runs past 1 MB without a line break, so it has no header row');
	});

	it('a wide header up to 1 MB is still read whole', async () => {
		const header = Array.from({ length: 6000 }, (_, i) => `column_number_${i}`);
		const { header: read } = await inspectFile(new File([`${header.join(',')}\n${header.map(() => 'x').join(',')}\n`], 'wide.csv'));
		expect(read).toEqual(header);
	});
});

describe('files bigger than a tab can hold', () => {
	it('a 2 GB CSV with a good header is refused by its size, without reading it', async () => {
		oversizedTickets(path.join(dir, 'two-gb.csv'), 2 * GB);
		const report = await importTickets(await file('two-gb.csv'));
		expect(report.files[0]).toMatchObject({ status: 'stopped', read: 0, accepted: 0, rejected: 0, merged: 0 });
		expect(report.files[0]?.message).toMatch(
			/^the file holds 2\.1 GB, more than this browser tab can hold \(\d\.\d GB per file\): nothing was loaded from it\. Cut it to a period or to some clinics first, with native DuckDB: npm run slice-export/
		);
		expect(report.tables[0]).toMatchObject({ status: 'kept' });
	});

	it('a gzip whose trailer states more than the limit is refused before decompressing', async () => {
		// Longer than the sniffed head, so only the import reaches the trailer.
		const gz = gzipSync(`ticket_id,opened_at,clinic_id,category\n${'T1,2026-03-16 08:00:00,C1,how_to\n'.repeat(10_000)}`);
		// The trailer's size field, as a 3.9 GiB export's would read.
		gz.writeUInt32LE(0xf0000000, gz.length - 4);
		const report = await importTickets(new File([gz], 'big.csv.gz'));
		expect(report.files[0]?.message).toMatch(/^the file holds over 4\.0 GB once decompressed, more than this browser tab can hold/);
	});

	it('a gzip bomb named .csv.gz stops after a few megabytes of output, not gigabytes', async () => {
		await gzipBomb(path.join(dir, 'bomb.csv.gz'), 300 * 1024 * 1024);
		const bomb = await file('bomb.csv.gz');
		const report = await importTickets(bomb);
		expect(report.files[0]).toMatchObject({ status: 'stopped', read: 0 });
		expect(report.files[0]?.message).toMatch(/^the gzip data expands more than 200 times \(\d\.\d MB became over \d+ MB\), as a decompression bomb does/);
		// Stopped at 200 times what it had read, long before the tab's limit (node's DecompressionStream
		// reads the whole small file ahead; Chromium's stops sooner, see tests/e2e/huge-files.test.ts).
		const decompressed = Number(/became over (\d+) MB/.exec(report.files[0]?.message ?? '')?.[1]) * 1e6;
		expect(decompressed).toBeLessThanOrEqual(200 * bomb.size + 16 * 1024 * 1024);
		expect(decompressed).toBeLessThan(MAX_IMPORT_BYTES / 4);
	});

	it('DuckDB running out of memory reads as the same advice, without reading the file again, and the previous data stays', async () => {
		/** Counts the times the whole file is read. */
		class CountedFile extends File {
			wholeReads = 0;
			override slice(start?: number, end?: number, type?: string): Blob {
				if (start === 0 && end === this.size) this.wholeReads++;
				return super.slice(start, end, type);
			}
		}
		await engine.query(`CREATE OR REPLACE TABLE tickets AS SELECT 'OLD' AS ticket_id`);
		await engine.query(`SET memory_limit = '40MB'`);
		try {
			const rows = Array.from({ length: 400_000 }, (_, i) => `T${i},2026-03-16 08:00:00,C${i % 999},how_to,note ${i}`);
			const file = new CountedFile([`ticket_id,opened_at,clinic_id,category,short_description\n${rows.join('\n')}\n`], 'big.csv');
			const report = await importTickets(file);
			expect(file.wholeReads).toBe(1);
			expect(report.files[0]).toMatchObject({ status: 'stopped' });
			expect(report.files[0]?.message).toMatch(
				/^DuckDB ran out of memory while loading it \(.*used\): its rows are more than this browser tab can hold, and nothing was loaded from it\. Cut it to a period or to some clinics first, with native DuckDB: npm run slice-export/
			);
		} finally {
			await engine.query(`RESET memory_limit`);
		}
		expect((await engine.query('SELECT ticket_id FROM tickets')).toArray().map((r) => r.ticket_id)).toEqual(['OLD']);
	});
});

describe('transcoding goes by pieces', () => {
	it('gives the same text as one decode, across piece boundaries', () => {
		// 9 MB of Latin-1 and of UTF-16 with a character split at the 8 MiB boundary.
		const latin1 = new Uint8Array(9 * 1024 * 1024).fill(0xe9);
		expect(new TextDecoder().decode(toUtf8(latin1, 'windows-1252'))).toBe('é'.repeat(latin1.length));
		const text = `x${'😀'.repeat(2.5 * 1024 * 1024)}`;
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			utf16[2 + 2 * i] = c & 0xff;
			utf16[3 + 2 * i] = c >> 8;
		}
		expect(new TextDecoder().decode(toUtf8(utf16, 'utf-16le'))).toBe(text);
	});
});
