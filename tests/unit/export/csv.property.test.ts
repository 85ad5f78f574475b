import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { PLAIN_NUMBER, toCsv } from '$lib/export/csv';
import { rows } from '../helpers/fixture';

const cell = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replaceAll('\u0000', ''));

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('CSV export read back by a CSV reader', () => {
	it('gives back every cell, formulas with the neutralising apostrophe', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), async (table) => {
				const name = `export-${run++}.csv`;
				await engine.registerFile(name, new TextEncoder().encode(toCsv(['a', 'b'], table)));
				const back = await rows(
					engine,
					`SELECT a, b FROM read_csv('${name}', header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', nullstr = '\\N', new_line = '\\r\\n')`
				);
				await engine.dropFile(name);
				const formula = (v: string) => /^[=+\-@\t\r]/.test(v) && !PLAIN_NUMBER.test(v);
				const expected = table.map(([a, b]) => ({ a: formula(a) ? `'${a}` : a, b: formula(b) ? `'${b}` : b }));
				expect(back.map((r) => ({ a: r.a ?? '', b: r.b ?? '' }))).toEqual(expected);
			}),
			{ numRuns: 100 }
		);
	});
});
