/** Values that parse but cannot be true are rejected with their reason and counted like any rejected row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { REJECTED_ROWS_TABLE } from '$lib/ingest';
import { rows } from '../helpers/fixture';
import { fixture, importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

const bad = (name: string, table: string) => ({ name, bytes: fixture(`bad/${name}`), preset: `canonical:${table}` });
const rejected = () => rows(engine, `SELECT "row", "column", value, expected FROM ${REJECTED_ROWS_TABLE} ORDER BY "row"`);

describe('impossible values', () => {
	it('rejects a ticket resolved before it was opened, and a priority of 2.5 (a cast would store 3); keeps 3.0', async () => {
		const { report } = await importFiles(engine, [bad('impossible-values.csv', 'tickets')]);
		expect(report.files[0]).toMatchObject({ read: 4, accepted: 2, rejected: 2, merged: 0 });
		expect(await rejected()).toEqual([
			{ row: 3, column: 'resolved_at', value: '2026-03-03 09:00:00', expected: 'on or after opened_at (2026-03-12 09:00:00)' },
			{ row: 4, column: 'priority', value: '2.5', expected: 'a whole number from 1 to 5' }
		]);
		expect(await rows(engine, 'SELECT ticket_id, priority FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'V1', priority: 3 },
			{ ticket_id: 'V4', priority: 3 }
		]);
		// No negative time to resolve reaches the views.
		expect(await rows(engine, 'SELECT CAST(min(hours_to_resolve) AS INTEGER) AS h FROM ticket_facts')).toEqual([{ h: 8 }]);
	});

	it('rejects a charge or a claim dated before the date of service', async () => {
		const { report } = await importFiles(engine, [bad('impossible-billing.csv', 'billing')]);
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		expect(await rejected()).toEqual([
			{ row: 3, column: 'charge_posted_on', value: '2026-03-08', expected: 'on or after date_of_service (2026-03-10)' },
			{ row: 4, column: 'claim_submitted_on', value: '2026-03-01', expected: 'on or after date_of_service (2026-03-10)' }
		]);
	});

	it('rejects negative scheduled or completed visits', async () => {
		const { report } = await importFiles(engine, [bad('impossible-throughput.csv', 'throughput')]);
		expect(report.files[0]).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		expect(await rejected()).toEqual([
			{ row: 3, column: 'scheduled_visits', value: '-4', expected: 'a whole number, 0 or more' },
			{ row: 4, column: 'completed_visits', value: '-1', expected: 'a whole number, 0 or more' }
		]);
	});
});
