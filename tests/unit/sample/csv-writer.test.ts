import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, writeCsv, type Cell } from '../../../scripts/sample/csv-writer';
import { eachRecord } from './read-csv';

describe('csv writer', () => {
	it('quotes only fields that need it and doubles embedded quotes', () => {
		expect(csvField('plain text')).toBe('plain text');
		expect(csvField('a, b')).toBe('"a, b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('cr\r')).toBe('"cr\r"');
		expect(csvField(null)).toBe('');
		expect(csvField(true)).toBe('true');
		expect(csvField(42)).toBe('42');
		expect(csvLine(['a', null, 3, false])).toBe('a,,3,false\n');
	});

	it('round-trips awkward text through an independent reader, plain and gzipped', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'hypercare-csv-'));
		try {
			const rows: Cell[][] = [
				['St. Brendan ENT, Head & Neck', 'Patient messages stuck in "pending"', null],
				['multi\nline', '', 'é ü 中'],
				...Array.from({ length: 5000 }, (_, i) => [`row ${i}`, i, i % 2 === 0])
			];
			for (const gzip of [false, true]) {
				const path = join(dir, gzip ? 't.csv.gz' : 't.csv');
				const written = await writeCsv(path, ['a', 'b', 'c'], rows, { gzip });
				const bytes = await readFile(path);
				expect(written).toEqual({ rows: rows.length, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
				const text = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
				expect(text.charCodeAt(0)).not.toBe(0xfeff);
				const back: string[][] = [];
				eachRecord(text, (fields) => back.push(fields));
				expect(back[0]).toEqual(['a', 'b', 'c']);
				expect(back.slice(1)).toEqual(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))));
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
