/** `strings()` reads Arrow Utf8 columns (the kept pre-aggregates' clinic ids) from their buffers: the same values as the vector gives, row by row. */
import { Table, tableFromIPC, tableToIPC, Utf8, Vector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { strings } from '$lib/results/columns';

const VALUES = ['C01', 'C01', 'C01', null, 'C02', 'Zürich Süd', 'Zürich Süd', '', '', 'C01', 'a'.repeat(100), 'a'.repeat(100), '日本', null, 'C02'];

/** What reading each row through the vector gives (the general path). */
const rowByRow = (v: Vector) => Array.from({ length: v.length }, (_, i) => (v.get(i) as string | null) ?? null);

describe('strings of an Arrow Utf8 column', () => {
	it('equal the vector’s values: repeats, nulls, non-ASCII, empty and long values', () => {
		const table = new Table({ s: vectorFromArray(VALUES, new Utf8()) });
		expect(strings(table, 's')).toEqual(VALUES);
		expect(strings(table, 's')).toEqual(rowByRow(table.getChild('s')!));
	});

	it('read every chunk of a column in several record batches, and a sliced column', () => {
		const a = vectorFromArray(VALUES.slice(0, 7), new Utf8());
		const b = vectorFromArray(VALUES.slice(7), new Utf8());
		const table = new Table({ s: a.concat(b) });
		expect(table.getChild('s')!.data.length).toBe(2);
		expect(strings(table, 's')).toEqual(VALUES);
		const sliced = new Table({ s: a.slice(2, 6) });
		expect(sliced.getChild('s')!.data[0]?.offset).toBe(2);
		expect(strings(sliced, 's')).toEqual(rowByRow(sliced.getChild('s')!));
		expect(strings(sliced, 's')).toEqual(VALUES.slice(2, 6));
	});

	it('read kept results as they arrive (Arrow IPC)', () => {
		const table = tableFromIPC(tableToIPC(new Table({ s: vectorFromArray(VALUES, new Utf8()) }), 'stream'));
		expect(strings(table, 's')).toEqual(VALUES);
	});
});
