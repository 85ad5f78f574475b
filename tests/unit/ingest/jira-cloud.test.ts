/**
 * A Jira Cloud "Export CSV (all fields)" as a new user has it (tests/fixtures/imports/jira-cloud-all-fields.csv):
 * priorities P1-P4 and None, components mostly empty, repeated headers (Sprint, Comment, Labels,
 * Watchers); and a Jira issue list without Created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { detectTable, inspectFile, missingRequired, REJECTED_ROWS_TABLE, resolvePreset } from '$lib/ingest';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { overviewTotals, ticketRateHeatmap } from '$lib/sql/overview';
import { rows } from '../helpers/fixture';
import { fixture, importFiles } from './import-helper';

let engine: Engine;
beforeAll(async () => {
	engine = await startNodeEngine();
});
afterAll(() => engine.close());

describe('a Jira Cloud all-fields export', () => {
	it('accepts every issue: no clinic goes to "unassigned", P1-P4 become 1-4 and None NULL', async () => {
		const { report } = await importFiles(engine, [{ name: 'jira-cloud-all-fields.csv', bytes: fixture('imports/jira-cloud-all-fields.csv') }]);
		expect(report.files[0]).toMatchObject({ preset: 'Jira / Jira Service Management', read: 6, accepted: 6, rejected: 0, merged: 0, filled: { clinic_id: 4 } });
		expect(await rows(engine, `SELECT count(*)::INTEGER AS n FROM ${REJECTED_ROWS_TABLE}`)).toEqual([{ n: 0 }]);
		expect(await rows(engine, 'SELECT ticket_id, clinic_id, priority, category FROM tickets ORDER BY ticket_id')).toEqual([
			{ ticket_id: 'EHR-201', clinic_id: 'unassigned', priority: 1, category: 'break_fix' },
			{ ticket_id: 'EHR-202', clinic_id: 'Northside', priority: 3, category: 'other' },
			{ ticket_id: 'EHR-203', clinic_id: 'unassigned', priority: 2, category: 'break_fix' },
			{ ticket_id: 'EHR-204', clinic_id: 'Eastgate', priority: 4, category: 'other' },
			{ ticket_id: 'EHR-205', clinic_id: 'unassigned', priority: null, category: 'build_request' },
			{ ticket_id: 'EHR-206', clinic_id: 'unassigned', priority: 1, category: 'break_fix' }
		]);
	});

	it('counts the unassigned issues in the Overview’s totals, apart from the clinics, and leaves them out of the per-clinic heatmap', async () => {
		expect(await rows(engine, overviewTotals(DEFAULT_FILTERS))).toEqual([expect.objectContaining({ tickets: 6, clinics: 2, unassigned_tickets: 4 })]);
		const heatmap = await rows(engine, ticketRateHeatmap(DEFAULT_FILTERS));
		expect([...new Set(heatmap.map((r) => r.clinic_id))].sort()).toEqual(['Eastgate', 'Northside']);
	});

	it('keeps repeated headers as columns named with a suffix, in file order', async () => {
		const columns = await rows(
			engine,
			`SELECT column_name FROM information_schema.columns WHERE table_name = 'tickets' AND (column_name LIKE 'Sprint%' OR column_name LIKE 'Comment%') ORDER BY ordinal_position`
		);
		expect(columns.map((c) => c.column_name)).toEqual(['Sprint', 'Sprint_2', 'Sprint_3', 'Comment', 'Comment_2', 'Comment_3']);
		expect(await rows(engine, `SELECT "Sprint", "Sprint_2", "Sprint_3" FROM tickets WHERE ticket_id = 'EHR-205'`)).toEqual([
			{ Sprint: 'EHR Sprint 2', Sprint_2: 'EHR Sprint 3', Sprint_3: 'EHR Sprint 4' }
		]);
	});

	it('maps priority schemes of other trackers: Highest…Lowest and "1 - Critical"…', async () => {
		const header = 'Issue key,Issue Type,Created,Priority,Custom field (Clinic)';
		const lines = ['Highest', 'Lowest', '1 - Critical', '4 - Low', 'medium', 'None'].map((p, i) => `K-${i},Bug,03/Mar/26 9:00 AM,${p},C1`);
		await importFiles(engine, [{ name: 'schemes.csv', bytes: [header, ...lines].join('\n') }]);
		expect((await rows(engine, 'SELECT priority FROM tickets ORDER BY ticket_id')).map((r) => r.priority)).toEqual([1, 5, 1, 4, 3, null]);
	});
});

describe('a Jira issue list without Created', () => {
	it('is recognised as Jira and names the missing required column, the mapping offered', async () => {
		const file = new File([fixture('imports/jira-issue-list-no-created.csv')], 'jira-issue-list-no-created.csv');
		const inspected = await inspectFile(file);
		const detected = detectTable(inspected.header, file.name);
		expect(detected?.preset.id).toBe('jira');
		expect(missingRequired(resolvePreset(detected?.preset ?? (null as never), inspected.header))).toEqual(['opened_at']);
	});
});
