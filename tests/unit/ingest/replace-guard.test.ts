/** An import never replaces a table with nothing, nor with fewer rows unless the user confirms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { commitImport, firstImportWording, prepareImport, reconciles, shrinkingTables, withholdTables } from '$lib/ingest';
import { rows } from '../helpers/fixture';
import { importFiles, mappingFor } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const HEADER = 'ticket_id,opened_at,clinic_id,category,priority';
const good = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => `T${i},2026-03-${String((i % 20) + 1).padStart(2, '0')} 09:00:00,C1,how_to,3`)].join('\n');
const allBad = [HEADER, ...Array.from({ length: 5 }, (_, i) => `X${i},not a date,C1,how_to,3`)].join('\n');
const file = (name: string, bytes: string) => ({ name, bytes, preset: 'canonical:tickets' });
const count = async () => (await rows(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM tickets'))[0]?.n;

async function prepare(name: string, bytes: string) {
	const { blob, mapping } = await mappingFor(file(name, bytes));
	return prepareImport(engine, [{ name, blob, mapping }]);
}

describe('an import that would lose rows', () => {
	it('keeps the table when no row is accepted, and says so', async () => {
		await importFiles(engine, [file('good.csv', good(16))]);
		expect(await count()).toBe(16);
		const prepared = await prepare('all-bad.csv', allBad);
		expect(prepared.next.size).toBe(0);
		const t = prepared.report.tables[0];
		expect(t).toMatchObject({ table: 'tickets', status: 'kept', read: 5, accepted: 0, rejected: 5 });
		expect(t?.message).toBe('not replaced: no row of all-bad.csv was accepted; the previous tickets stay');
		expect(reconciles(t ?? { read: 1, accepted: 0, rejected: 0, merged: 0 })).toBe(true);
		await commitImport(engine, prepared, false);
		expect(await count()).toBe(16);
	});

	it('lists a table that would shrink with both counts; kept, its rows are held back and the previous rows stay', async () => {
		const prepared = await prepare('three.csv', good(3));
		expect(await shrinkingTables(engine, prepared)).toEqual([{ table: 'tickets', saved: 16, accepted: 3 }]);
		const kept = await withholdTables(engine, prepared, [{ table: 'tickets', saved: 16, accepted: 3 }]);
		expect(kept.next.size).toBe(0);
		expect(kept.report.tables[0]).toMatchObject({ status: 'kept', accepted: 0, held: 3 });
		expect(kept.report.tables[0]?.message).toContain('fewer than the 16 saved');
		expect(kept.report.files.every(reconciles)).toBe(true);
		await commitImport(engine, kept, false);
		expect(await count()).toBe(16);
	});

	it('replaces a table with fewer rows once confirmed, and does not ask when the import has as many', async () => {
		expect(await shrinkingTables(engine, await prepare('sixteen.csv', good(16)))).toEqual([]);
		const prepared = await prepare('three.csv', good(3));
		await commitImport(engine, prepared, false);
		expect(await count()).toBe(3);
	});

	it('on a first import, says a table not replaced is now empty rather than "the previous ... stay"', () => {
		const report = {
			finishedAt: '',
			files: [],
			tables: [
				{
					table: 'clinics' as const,
					status: 'kept' as const,
					message: 'not replaced: c.csv could not be loaded; the previous clinics stay',
					files: ['c.csv'],
					read: 0,
					accepted: 0,
					rejected: 0,
					merged: 0,
					held: 0,
					unknownValues: []
				}
			]
		};
		expect(firstImportWording(report, true).tables[0]?.message).toBe(
			'not replaced: c.csv could not be loaded; clinics is now empty: a first import replaces the whole bundled sample and does not mix it with imported data'
		);
		expect(firstImportWording(report, false)).toBe(report);
	});
});
