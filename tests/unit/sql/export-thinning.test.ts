/**
 * An export that thins out (sql/export-thinning.ts): the ServiceNow log's extract holds the
 * incidents opened March–May 2016 and a trickle after, which reads as a desk gone quiet. The rule
 * finds that day, and finds nothing in the bundled sample or in a desk that recovers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { exportThinning } from '$lib/sql/export-thinning';
import { importFolder } from '../../../scripts/publish/import-folder';
import { csvFile, engineWith, rows } from '../helpers/fixture';
import { startNodeEngine } from '$lib/engine/node';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Tickets opened on the given days, as many as each count, at 09:00. */
function ticketsOn(perDay: readonly [string, number][]) {
	const lines = ['ticket_id,opened_at,clinic_id,category,status'];
	let id = 0;
	for (const [day, n] of perDay) for (let i = 0; i < n; i++) lines.push(`T${++id},${day} 09:00:00,C1,how_to,closed`);
	return csvFile('tickets', lines);
}

/** Weekly counts spread over the weekdays from a Monday. */
const weekly = (monday: string, counts: readonly number[]): [string, number][] =>
	counts.flatMap((n, w) => [0, 1, 2, 3, 4].map((d): [string, number] => [addDays(monday, 7 * w + d), Math.floor(n / 5) + (d < n % 5 ? 1 : 0)]));

async function thinning(engine: Engine) {
	try {
		return await rows(engine, exportThinning());
	} finally {
		await engine.close();
	}
}

describe('an export that thins out', () => {
	it('is found on the ServiceNow log: the day after the extract’s last busy day, with its rates', async () => {
		const engine = await startNodeEngine();
		await importFolder(engine, path.resolve('tests/fixtures/servicenow-incident-log'));
		const [row, ...more] = await thinning(engine);
		expect(more).toEqual([]);
		expect(row?.thin_from).toBe('2016-06-01');
		expect(row?.per_week_before).toBeGreaterThan(1500);
		expect(row?.per_week_after).toBeLessThan(20);
		expect(row?.last_day).toBe('2017-02-16');
	}, 300_000);

	it('is not found in the bundled sample', async () => {
		const bytes = readFileSync(path.resolve('data/sample/tickets.csv'));
		expect(await thinning(await engineWith([{ table: 'tickets', name: 'tickets.csv', bytes }]))).toEqual([]);
	}, 120_000);

	it('is not found in a desk that recovers, however far, nor in a last short week', async () => {
		// A go-live's flood falling by a fifth a week to a tenth of its peak and below.
		const recovering = weekly('2026-03-02', [200, 2000, 1600, 1280, 1024, 820, 656, 525, 420, 336, 269, 215, 172, 138, 110]);
		expect(await thinning(await engineWith([ticketsOn(recovering)]))).toEqual([]);
		// Busy to the end, then two days of a new week: a partial week, not a thinning.
		const cut = [...weekly('2026-03-02', [500, 500, 500, 500, 500, 500]), ['2026-04-13', 1], ['2026-04-14', 1]] as [string, number][];
		expect(await thinning(await engineWith([ticketsOn(cut)]))).toEqual([]);
		// A tail of two thin weeks is too short to say.
		const short = [...weekly('2026-03-02', [500, 500, 500, 500, 500, 500]), ...weekly('2026-04-13', [3, 2])];
		expect(await thinning(await engineWith([ticketsOn(short)]))).toEqual([]);
	}, 120_000);

	it('is found in a cliff mid-week, from the day after the last busy day', async () => {
		// Six busy weeks, then Monday and Tuesday busy, then three tickets a week for five weeks.
		const busy = weekly('2026-03-02', [500, 480, 520, 500, 510, 490]);
		const cliff: [string, number][] = [...busy, ['2026-04-13', 100], ['2026-04-14', 100], ...weekly('2026-04-20', [3, 3, 3, 3, 3])];
		const [row] = await thinning(await engineWith([ticketsOn(cliff)]));
		expect(row?.thin_from).toBe('2026-04-15');
		expect(row?.per_week_before).toBe(500);
		// 15 tickets over the 36 days from 2026-04-15 to the last one, on Wednesday 2026-05-20.
		expect(row?.last_day).toBe('2026-05-20');
		expect(row?.per_week_after).toBeCloseTo((15 / 36) * 7, 6);
	}, 120_000);
});
