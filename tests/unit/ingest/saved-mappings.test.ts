import { describe, expect, it } from 'vitest';
import { CANONICAL_PRESETS, headerSignature, presetById, resolvePreset, saveMapping, savedMapping, SAVED_MAPPINGS_KEY, type KeyValue } from '$lib/ingest';

function memory(): KeyValue & { map: Map<string, string> } {
	const map = new Map<string, string>();
	return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('saved mappings', () => {
	const header = ['Ref', 'Opened', 'Site', 'Kind'];
	const mapping = {
		...resolvePreset(CANONICAL_PRESETS.tickets, []),
		columns: { ticket_id: 'Ref', opened_at: 'Opened', clinic_id: 'Site', category: 'Kind' },
		dateFormat: 'day_first' as const
	};

	it('are found again for a header of the same shape (case and spaces aside)', () => {
		const store = memory();
		saveMapping(store, headerSignature(header), mapping);
		const again = savedMapping(store, headerSignature([' ref', 'OPENED', 'Site ', 'kind']));
		expect(again).toMatchObject({ columns: mapping.columns, dateFormat: 'day_first', preset: 'saved: Hypercare tickets columns' });
		expect(savedMapping(store, headerSignature(['Ref', 'Opened']))).toBeNull();
	});

	it('keep a custom date format, and refuse a malformed one', () => {
		const store = memory();
		saveMapping(store, 'custom', { ...mapping, dateFormat: 'custom', customDateFormat: '%d.%m.%Y %H:%M' });
		expect(savedMapping(store, 'custom')).toMatchObject({ dateFormat: 'custom', customDateFormat: '%d.%m.%Y %H:%M' });
		store.setItem(SAVED_MAPPINGS_KEY, JSON.stringify([{ signature: 'bad', mapping: { ...mapping, dateFormat: 'custom', customDateFormat: '%d.%q' }, savedAt: '' }]));
		expect(savedMapping(store, 'bad')).toBeNull();
	});

	it('ignore what does not validate', () => {
		const store = memory();
		store.setItem(SAVED_MAPPINGS_KEY, JSON.stringify([{ signature: 'x', mapping: { table: 'nope' }, savedAt: '' }]));
		expect(savedMapping(store, 'x')).toBeNull();
		saveMapping(store, 'y', mapping);
		expect(savedMapping(store, 'y')).not.toBeNull();
	});

	it('of a ServiceNow export saved with the old "(no location)" fill leave a missing location unassigned, not a clinic', () => {
		const store = memory();
		const servicenow = presetById('servicenow');
		if (!servicenow) throw new Error('no ServiceNow preset');
		const current = resolvePreset(servicenow, ['number', 'opened_at', 'location', 'sys_mod_count']);
		expect(current.fill).toEqual({ clinic_id: 'unassigned', category: 'other' });
		saveMapping(store, 'old', { ...current, fill: { clinic_id: '(no location)', category: 'other' } });
		expect(savedMapping(store, 'old')?.fill).toEqual({ clinic_id: 'unassigned', category: 'other' });
		// A fill the user chose stays theirs.
		saveMapping(store, 'chosen', { ...current, fill: { clinic_id: 'Main campus', category: 'other' } });
		expect(savedMapping(store, 'chosen')?.fill.clinic_id).toBe('Main campus');
	});
});
