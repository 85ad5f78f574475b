/**
 * Mappings the user adjusted, saved in this browser by the shape of the header they were
 * made for, and offered again for the next export of the same shape. Column names only,
 * no data; "clear all data" removes them with every other `hypercare:` key.
 */
import { z } from 'zod';
import { UNASSIGNED_CLINIC } from '$lib/contract/tables';
import { MappingSchema, type Mapping } from './mapping';

export const SAVED_MAPPINGS_KEY = 'hypercare:mappings';
const LIMIT = 50;

const SavedSchema = z.array(z.object({ signature: z.string(), mapping: MappingSchema, savedAt: z.string() }));
type Saved = z.infer<typeof SavedSchema>;

/** A key-value store with localStorage's face (tests pass a Map-backed one). */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

function readAll(storage: KeyValue): Saved {
	try {
		const parsed = SavedSchema.safeParse(JSON.parse(storage.getItem(SAVED_MAPPINGS_KEY) ?? '[]'));
		// Unreadable (older or tampered) entries are ignored, never trusted.
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

/**
 * The ServiceNow preset's fill for a missing location before that was the "unassigned" clinic. Every
 * mapping that loads is saved, so a ServiceNow export imported before still carries it: the preset's
 * old default, not the user's choice, and it would make those tickets a clinic of their own again.
 */
const OLD_NO_LOCATION = '(no location)';

export function savedMapping(storage: KeyValue, signature: string): Mapping | null {
	const mapping = readAll(storage).find((s) => s.signature === signature)?.mapping ?? null;
	return mapping?.fill.clinic_id === OLD_NO_LOCATION ? { ...mapping, fill: { ...mapping.fill, clinic_id: UNASSIGNED_CLINIC } } : mapping;
}

export function saveMapping(storage: KeyValue, signature: string, mapping: Mapping): void {
	const rest = readAll(storage).filter((s) => s.signature !== signature);
	const next = [{ signature, mapping: { ...mapping, preset: `saved: ${mapping.preset.replace(/^saved: /, '')}` }, savedAt: new Date().toISOString() }, ...rest].slice(0, LIMIT);
	storage.setItem(SAVED_MAPPINGS_KEY, JSON.stringify(next));
}
