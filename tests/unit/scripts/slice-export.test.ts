/**
 * `npm run slice-export`: a real CSV cut by native DuckDB through the script itself, the
 * counts reconciling, every kept value copied as the text it was, and no row dropped unread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'hypercare-slice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function slice(args: string[]) {
	const run = spawnSync('npx', ['tsx', 'scripts/slice-export.ts', ...args], { encoding: 'utf8' });
	return { code: run.status, out: run.stdout, err: run.stderr };
}

const BILLING = [
	'encounter_id,clinic_id,date_of_service,note',
	'E1,C01,2026-01-05,early',
	'E2,C02,2026-02-05,"quoted, with a comma"',
	'E3,C01,2026-03-05,=1+1',
	'E4,C03,2026-02-10,other clinic',
	'E5,C01,,no date'
].join('\n');

describe('slice-export', () => {
	const input = path.join(dir, 'billing.csv');
	writeFileSync(input, BILLING);

	it('keeps the period and clinics asked for, says what it left out, and copies values as they were', () => {
		const output = path.join(dir, 'cut.csv.gz');
		const run = slice(['--in', input, '--out', output, '--from', '2026-02-01', '--clinics', 'C01,C02']);
		expect(run.err).toBe('');
		expect(run.code).toBe(0);
		expect(run.out).toContain('billing.csv: read 5 = written 3 + outside the period 1 + other clinics 1');
		expect(gunzipSync(readFileSync(output)).toString('utf8').trim().split('\n')).toEqual([
			'encounter_id,clinic_id,date_of_service,note',
			'E2,C02,2026-02-05,"quoted, with a comma"',
			'E3,C01,2026-03-05,=1+1',
			'E5,C01,,no date'
		]);
	});

	it('stops, naming the row, when a date is not in the format it reads', () => {
		const other = path.join(dir, 'day-first.csv');
		writeFileSync(other, 'encounter_id,clinic_id,date_of_service\nE1,C01,2026-01-05\nE2,C01,05/02/2026\n');
		const run = slice(['--in', other, '--out', path.join(dir, 'never.csv'), '--from', '2026-02-01']);
		expect(run.code).toBe(1);
		expect(run.err).toContain('Not cut: date_of_service holds values that are not ISO dates (row 3: "05/02/2026")');
		const dayFirst = slice(['--in', other, '--out', path.join(dir, 'day-first-cut.csv'), '--from', '2026-02-01', '--date-format', '%d/%m/%Y']);
		expect(dayFirst.err).toContain('Not cut: date_of_service holds values that are not dates in %d/%m/%Y (row 2: "2026-01-05")');
	});

	it('refuses to run without saying what to keep', () => {
		const run = slice(['--in', input, '--out', path.join(dir, 'x.csv')]);
		expect(run.code).toBe(2);
		expect(run.err).toContain('Say what to keep');
	});
});
