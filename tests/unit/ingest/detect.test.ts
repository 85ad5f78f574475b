import { describe, expect, it } from 'vitest';
import { TABLE_NAMES, TABLES } from '$lib/contract/tables';
import { detectTable, MappingSchema, missingRequired, PRESETS, resolvePreset } from '$lib/ingest';

describe('table detection', () => {
	it.each(TABLE_NAMES)('finds %s from its own columns, whatever the file is called', (table) => {
		const header = TABLES[table].columns.map((c) => c.name);
		expect(detectTable(header, 'export.csv')?.preset.id).toBe(`canonical:${table}`);
	});

	it('tells the roster from the variance register by their own columns', () => {
		expect(detectTable(['clinic_id', 'workflow_area', 'user_id'])?.preset.table).toBe('training');
		expect(detectTable(['clinic_id', 'workflow_area', 'status'])?.preset.table).toBe('workflow_variance');
	});

	it('matches header names loosely and picks the export presets by their signature columns', () => {
		expect(detectTable(['Ticket ID', 'Opened At', 'Clinic ID', 'Category'])?.preset.id).toBe('canonical:tickets');
		expect(detectTable(['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Created', 'Custom field (Clinic)'])?.preset.id).toBe('jira');
		expect(detectTable(['number', 'incident_state', 'sys_mod_count', 'opened_at', 'location', 'category'])?.preset.id).toBe('servicenow');
	});

	it('finds nothing in a header unlike any table', () => {
		expect(detectTable(['foo', 'bar'])).toBeNull();
	});
});

describe('mappings', () => {
	it('every preset is a valid mapping template', () => {
		for (const preset of PRESETS) expect(() => MappingSchema.parse(resolvePreset(preset, []))).not.toThrow();
	});

	it('resolves a preset against a header and names the required columns left unmapped', () => {
		const jira = PRESETS.find((p) => p.id === 'jira');
		if (!jira) throw new Error('no jira preset');
		const mapping = resolvePreset(jira, ['Issue key', 'Created', 'Components', 'Issue Type']);
		expect(mapping.columns).toEqual({ ticket_id: 'Issue key', opened_at: 'Created', clinic_id: 'Components', category: 'Issue Type' });
		expect(missingRequired(mapping)).toEqual([]);
		// An issue without a clinic goes to "unassigned" (the preset's fill value): clinic_id is never missing.
		expect(missingRequired({ ...mapping, columns: { ticket_id: 'Issue key' } })).toEqual(['opened_at', 'category']);
	});

	it('refuses columns that are not the table’s', () => {
		const result = MappingSchema.safeParse({ table: 'clinics', preset: 'x', columns: { ticket_id: 'number' }, dateFormat: 'iso' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('ticket_id is not a column of clinics');
	});
});
