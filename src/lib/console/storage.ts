import { z } from 'zod';
import { ChartMappingSchema, MAX_SQL_LENGTH } from './view';

/** The part of the Web Storage API the console uses; tests pass a plain object. */
export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export const HISTORY_KEY = 'hypercare:console:history';
export const SAVED_KEY = 'hypercare:console:saved';
export const HISTORY_LIMIT = 200;

export const HistoryEntrySchema = z.object({
	sql: z.string().max(MAX_SQL_LENGTH),
	ranAt: z.iso.datetime(),
	outcome: z.enum(['rows', 'error', 'cancelled', 'refused']),
	rows: z.number().int().nonnegative().nullable(),
	ms: z.number().nonnegative().nullable()
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const SavedQuerySchema = z.object({
	name: z.string().trim().min(1).max(200),
	sql: z.string().max(MAX_SQL_LENGTH),
	chart: ChartMappingSchema.nullable(),
	savedAt: z.iso.datetime()
});
export type SavedQuery = z.infer<typeof SavedQuerySchema>;

/** Each list is stored with its schema version, so that a later format can migrate it. */
const HistoryFileSchema = z.object({ version: z.literal(1), entries: z.array(HistoryEntrySchema).max(HISTORY_LIMIT) });
const SavedFileSchema = z.object({ version: z.literal(1), entries: z.array(SavedQuerySchema).max(1000) });

export interface Loaded<T> {
	readonly entries: T[];
	/** Why the stored list could not be used, in words for the user; null when it was fine. */
	readonly problem: string | null;
}

function load<T>(store: KeyValueStore, key: string, schema: z.ZodType<{ version: 1; entries: T[] }>, label: string, now: Date): Loaded<T> {
	let raw: string | null;
	try {
		raw = store.getItem(key);
	} catch {
		return { entries: [], problem: `Browser storage cannot be read here, so ${label} will not be kept.` };
	}
	if (raw === null) return { entries: [], problem: null };
	let reason: string;
	try {
		const parsed = schema.safeParse(JSON.parse(raw));
		if (parsed.success) return { entries: parsed.data.entries, problem: null };
		reason = parsed.error.issues[0]?.message ?? 'unexpected content';
	} catch {
		reason = 'not valid JSON';
	}
	// Set aside, not deleted: the text may still be worth recovering by hand.
	const aside = `${key}:corrupt:${now.toISOString()}`;
	try {
		store.setItem(aside, raw);
		store.removeItem(key);
	} catch {
		return { entries: [], problem: `The stored ${label} could not be read (${reason}) nor set aside; the console starts without it.` };
	}
	return { entries: [], problem: `The stored ${label} could not be read (${reason}). It was set aside under "${aside}" and the console starts with an empty list.` };
}

function save(store: KeyValueStore, key: string, entries: readonly unknown[], label: string): string | null {
	try {
		store.setItem(key, JSON.stringify({ version: 1, entries }));
		return null;
	} catch {
		return `The ${label} could not be saved in browser storage (full or not allowed).`;
	}
}

export const loadHistory = (store: KeyValueStore, now = new Date()) => load(store, HISTORY_KEY, HistoryFileSchema, 'query history', now);
export const loadSaved = (store: KeyValueStore, now = new Date()) => load(store, SAVED_KEY, SavedFileSchema, 'saved queries', now);
export const saveHistory = (store: KeyValueStore, entries: readonly HistoryEntry[]) => save(store, HISTORY_KEY, entries.slice(0, HISTORY_LIMIT), 'query history');
export const saveSaved = (store: KeyValueStore, entries: readonly SavedQuery[]) => save(store, SAVED_KEY, entries, 'saved queries');
