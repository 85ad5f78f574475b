/** The real ServiceNow event log (tests/fixtures/servicenow-incident-log). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysisRelations } from '$lib/data/analysis-relations';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { buildAttribution } from '$lib/attribution';
import { commitImport, detectTable, inspectFile, prepareImport, resolvePreset, type PreparedImport } from '$lib/ingest';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { backlogByWeek, overviewTotals, ticketRateHeatmap, ticketsByWeek } from '$lib/sql/overview';
import { rows } from '../helpers/fixture';

const LOG = path.resolve('tests/fixtures/servicenow-incident-log/incident_event_log.csv.gz');

let engine: Engine;
let prepared: PreparedImport;
let seconds = 0;

beforeAll(async () => {
	engine = await startNodeEngine();
	const file = new File([readFileSync(LOG)], 'incident_event_log.csv.gz');
	const inspected = await inspectFile(file);
	const detection = detectTable(inspected.header, file.name);
	if (!detection) throw new Error('not detected');
	const started = performance.now();
	prepared = await prepareImport(engine, [{ name: file.name, blob: file, sniffed: inspected.sniffed, mapping: resolvePreset(detection.preset, inspected.header) }]);
	await commitImport(engine, prepared, true);
	await buildAnalysisRelations(engine);
	seconds = (performance.now() - started) / 1000;
}, 120_000);
afterAll(() => engine.close());

describe('the ServiceNow incident event log', () => {
	it('is detected as tickets with the ServiceNow preset', async () => {
		const file = new File([readFileSync(LOG)], 'incident_event_log.csv.gz');
		const inspected = await inspectFile(file);
		expect(inspected.sniffed).toMatchObject({ format: 'csv', gzip: true, encoding: 'utf-8', delimiter: ',' });
		expect(inspected.header).toHaveLength(36);
		expect(detectTable(inspected.header, file.name)?.preset.id).toBe('servicenow');
	});

	it('gives exactly 24,918 tickets from 141,712 events, and the counts reconcile', () => {
		const [file] = prepared.report.files;
		expect(file).toMatchObject({ status: 'read', read: 141_712, accepted: 24_918, rejected: 0, merged: 116_794, format: 'CSV, UTF-8, comma-separated, gzip' });
		expect(file?.filled).toEqual({ clinic_id: 6, category: 7 });
		// What the 6 incidents without a location became: the "unassigned" clinic, no clinic of their own.
		expect(file?.fillValues).toEqual({ clinic_id: UNASSIGNED_CLINIC, category: 'other' });
		expect(prepared.report.tables[0]).toMatchObject({ table: 'tickets', status: 'replaced', read: 141_712, accepted: 24_918, merged: 116_794 });
		console.info(`ServiceNow log imported in ${seconds.toFixed(1)} s (node)`);
	});

	it('reads dates day-first, `?` as missing, and keeps the latest version of each incident', async () => {
		expect(await rows(engine, `SELECT count(*) AS n, count(DISTINCT ticket_id) AS ids, count(resolved_at) AS resolved FROM tickets`)).toEqual([
			{ n: 24_918, ids: 24_918, resolved: expect.any(Number) }
		]);
		const [first] = await rows(
			engine,
			`SELECT strftime(opened_at, '%Y-%m-%d %H:%M') AS opened, strftime(updated_at, '%Y-%m-%d %H:%M') AS updated, status, priority, category, category_source, clinic_id, sys_mod_count FROM tickets WHERE ticket_id = 'INC0000045'`
		);
		expect(first).toEqual({
			opened: '2016-02-29 01:16',
			updated: '2016-03-05 12:00',
			status: 'Closed',
			priority: 3,
			category: 'other',
			category_source: 'Category 55',
			clinic_id: 'Location 143',
			sys_mod_count: '4'
		});
		expect(await rows(engine, `SELECT count(*) AS n FROM tickets WHERE closed_code = '?' OR reporter_id = '?' OR clinic_id = '?'`)).toEqual([{ n: 0 }]);
	});

	it('counts no closed incident as open: 1,556 closure times come from closed_at, and the summary says so', async () => {
		// Every incident of the log ends Closed; 1,556 have resolved_at = ? but a closed_at.
		expect(prepared.report.files[0]?.closure).toEqual({ closed_at: 1_556 });
		expect(await rows(engine, `SELECT count(*) AS n FROM tickets WHERE resolved_at IS NULL`)).toEqual([{ n: 0 }]);
		// A closure time from closed_at is that incident's closed_at, read day-first.
		const fromClosedAt = await rows(engine, `SELECT count(*) AS n FROM tickets WHERE strftime(resolved_at, '%-d/%-m/%Y %H:%M') = closed_at`);
		expect(fromClosedAt[0]?.n).toBeGreaterThanOrEqual(1_556);
		const [totals] = await rows(engine, overviewTotals(DEFAULT_FILTERS));
		expect(totals).toMatchObject({ open_tickets: 0 });
		const backlog = await rows(engine, backlogByWeek(DEFAULT_FILTERS));
		expect(backlog.at(-1)).toMatchObject({ open_tickets: 0 });
	});

	it('keeps the other 24 columns of the export after the contract’s', async () => {
		const columns = await rows(engine, `SELECT column_name FROM information_schema.columns WHERE table_name = 'tickets' ORDER BY ordinal_position`);
		const names = columns.map((c) => c.column_name);
		expect(names.slice(0, 12)).toEqual([
			'ticket_id',
			'opened_at',
			'resolved_at',
			'updated_at',
			'clinic_id',
			'reporter_id',
			'category',
			'workflow_area',
			'priority',
			'status',
			'assignment_group',
			'short_description'
		]);
		expect(names).toContain('sys_mod_count');
		expect(names).toContain('subcategory');
		expect(names).toContain('closed_at');
	});

	it('feeds the overview’s calendar charts without a clinic list, and the attribution says what it cannot support', async () => {
		const [totals] = await rows(engine, overviewTotals(DEFAULT_FILTERS));
		// 224 locations; the 6 incidents whose every version has `?` as location name no clinic ("unassigned"), not a clinic of their own.
		expect(totals).toMatchObject({ tickets: 24_918, clinics: 224, unassigned_tickets: 6 });
		const weekly = await rows(engine, ticketsByWeek(DEFAULT_FILTERS));
		expect(weekly.reduce((s, r) => s + (r.tickets as number), 0)).toBe(24_918);
		const heat = await rows(engine, ticketRateHeatmap(DEFAULT_FILTERS));
		// The 60 locations with the most tickets are drawn; all 224 are counted in scope (issue 17 item 6).
		expect(new Set(heat.map((r) => r.clinic_id)).size).toBe(60);
		expect(heat[0]?.clinics_in_scope).toBe(224);
		const volume = await rows(engine, `SELECT clinic_id, count(*) AS n FROM tickets GROUP BY ALL ORDER BY n DESC, clinic_id LIMIT 60`);
		expect(new Set(heat.map((r) => r.clinic_id))).toEqual(new Set(volume.map((r) => r.clinic_id)));
		// ticket_facts names each location by itself, so charts label it once.
		expect(await rows(engine, `SELECT count(*) AS n FROM ticket_facts WHERE clinic_id IS NOT NULL AND clinic_name IS DISTINCT FROM clinic_id`)).toEqual([{ n: 0 }]);
		expect(await rows(engine, ticketsByWeek({ ...DEFAULT_FILTERS, axis: 'go_live' }))).toEqual([]);
		await buildAttribution(engine);
		expect(await rows(engine, `SELECT root_cause, round(sum(weight)) AS tickets FROM ticket_root_cause GROUP BY ALL`)).toEqual([{ root_cause: 'unattributed', tickets: 24_918 }]);
	});

	it('charts by location and calendar week through the analysis views', async () => {
		const weekly = await rows(
			engine,
			`SELECT count(DISTINCT clinic_id) FILTER (WHERE clinic_id LIKE 'Location %') AS locations, count(DISTINCT week) AS weeks, count(*) AS n FROM ticket_facts`
		);
		expect(weekly).toEqual([{ locations: 224, weeks: 48, n: 24_918 }]);
		// The incidents whose every version has `?` as location name no clinic ("unassigned"), not a clinic called "(no location)".
		expect(await rows(engine, `SELECT clinic_id, count(*) AS n FROM ticket_facts WHERE clinic_id NOT LIKE 'Location %' GROUP BY ALL`)).toEqual([{ clinic_id: UNASSIGNED_CLINIC, n: 6 }]);
	});
});
