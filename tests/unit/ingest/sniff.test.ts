import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectFile, UnreadableFileError } from '$lib/ingest';
import { fixture } from './import-helper';

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf16le = (text: string) => Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);

describe('sniffing a file', () => {
	it.each([
		['comma.csv', 'a,b,c\n1,2,3\n', { format: 'csv', delimiter: ',', encoding: 'utf-8', bom: false, gzip: false }],
		['semi.csv', 'a;b;c\r\n1,5;2;3\r\n', { format: 'csv', delimiter: ';' }],
		['tabs.tsv', 'a\tb\tc\n1\t2,5\t3\n', { format: 'csv', delimiter: '\t' }],
		['pipes.txt', 'a|b|c\n1|2|3\n', { format: 'csv', delimiter: '|' }],
		['quoted.csv', '"x;y",b\n"1;2",3\n"multi\nline;",4\n', { format: 'csv', delimiter: ',' }],
		['bom.csv', '\uFEFFa,b\n1,2\n', { format: 'csv', bom: true, encoding: 'utf-8' }],
		['array.json', ' [{"a": 1}]', { format: 'json' }],
		['lines.ndjson', '{"a": 1}\n{"a": 2}\n', { format: 'json' }]
	])('%s', async (name, text, expected) => {
		expect((await inspectFile(new File([text], name))).sniffed).toMatchObject(expected);
	});

	it('reads the header with quotes, names blank and repeated columns', async () => {
		const { header } = await inspectFile(new File(['"Issue key","Labels","","labels"\n1,2,3,4\n'], 'x.csv'));
		expect(header).toEqual(['Issue key', 'Labels', 'column_3', 'labels_2']);
	});

	it('recognises Latin-1 and UTF-16 text and transcodes the header', async () => {
		const a = await inspectFile(new File([latin1('Réf;Libellé\n1;Fermé\n')], 'l.csv'));
		expect(a.sniffed).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
		expect(a.header).toEqual(['Réf', 'Libellé']);
		const b = await inspectFile(new File([utf16le('Réf\tNom\r\n1\tÅsa\r\n')], 'u.txt'));
		expect(b.sniffed).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', bom: true });
		expect(b.header).toEqual(['Réf', 'Nom']);
		const c = await inspectFile(new File([fixture('imports/tickets-latin1.csv')], 'tickets-latin1.csv'));
		expect(c.sniffed).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
	});

	it('finds gzip by its magic bytes, whatever the name', async () => {
		const { sniffed, header } = await inspectFile(new File([gzipSync('x;y\n1;2\n')], 'export.dat'));
		expect(sniffed).toMatchObject({ format: 'csv', gzip: true, delimiter: ';' });
		expect(header).toEqual(['x', 'y']);
	});

	it('recognises Parquet and Excel by their magic bytes', async () => {
		const parquet = Uint8Array.from([0x50, 0x41, 0x52, 0x31, 1, 2, 3]);
		const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
		await expect(inspectFile(new File([parquet], 'x.parquet'))).rejects.toThrow(/not a readable Parquet file/);
		await expect(inspectFile(new File([zip], 'x.xlsx'))).rejects.toThrow(/not a readable Excel file/);
	});

	it.each([
		['empty.csv', '', 'the file is empty'],
		['blank.csv', '\n\n  \n', 'the file holds no data, only blank lines'],
		['junk.csv', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), 'not a CSV, JSON, Parquet or Excel file: it holds binary data'],
		['bad.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5]), /not a readable gzip file/]
	])('stops %s with a reason', async (name, content, reason) => {
		const error = await inspectFile(new File([content], name)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UnreadableFileError);
		expect((error as Error).message).toMatch(reason);
	});
});
