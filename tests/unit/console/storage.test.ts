import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_LIMIT, loadHistory, loadSaved, SAVED_KEY, saveHistory, saveSaved, type HistoryEntry, type KeyValueStore, type SavedQuery } from '$lib/console/storage';

/** An in-memory Storage; `failWrites` behaves like a full or forbidden localStorage. */
class FakeStore implements KeyValueStore {
	readonly items = new Map<string, string>();
	failWrites = false;
	failReads = false;
	getItem(key: string) {
		if (this.failReads) throw new Error('SecurityError');
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		if (this.failWrites) throw new Error('QuotaExceededError');
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

const NOW = new Date('2026-04-01T10:00:00.000Z');
const entry = (sql: string): HistoryEntry => ({ sql, ranAt: '2026-04-01T09:00:00.000Z', outcome: 'rows', rows: 3, ms: 12.5 });
const saved: SavedQuery = {
	name: 'Open tickets',
	sql: 'SELECT * FROM tickets WHERE resolved_at IS NULL',
	chart: { kind: 'bar', x: 'clinic_id', y: 'n', series: null },
	savedAt: '2026-04-01T09:30:00.000Z'
};

describe('console storage', () => {
	it('round-trips history and saved queries under namespaced, versioned keys', () => {
		const store = new FakeStore();
		expect(saveHistory(store, [entry('SELECT 1'), entry('SELECT 2')])).toBeNull();
		expect(saveSaved(store, [saved])).toBeNull();
		expect(HISTORY_KEY).toBe('hypercare:console:history');
		expect(SAVED_KEY).toBe('hypercare:console:saved');
		expect(JSON.parse(store.items.get(HISTORY_KEY) ?? '')).toMatchObject({ version: 1 });
		expect(loadHistory(store, NOW)).toEqual({ entries: [entry('SELECT 1'), entry('SELECT 2')], problem: null });
		expect(loadSaved(store, NOW)).toEqual({ entries: [saved], problem: null });
	});

	it('starts empty when nothing is stored', () => {
		expect(loadHistory(new FakeStore(), NOW)).toEqual({ entries: [], problem: null });
	});

	it('keeps the most recent history entries only', () => {
		const store = new FakeStore();
		saveHistory(
			store,
			Array.from({ length: HISTORY_LIMIT + 50 }, (_, i) => entry(`SELECT ${i}`))
		);
		const loaded = loadHistory(store, NOW);
		expect(loaded.entries).toHaveLength(HISTORY_LIMIT);
		expect(loaded.entries[0]?.sql).toBe('SELECT 0');
	});

	it.each([
		['text that is not JSON', '{"version":1,"entries":[', /not valid JSON/],
		['a future version', JSON.stringify({ version: 2, entries: [] }), /could not be read/],
		['an entry of the wrong shape', JSON.stringify({ version: 1, entries: [{ sql: 5 }] }), /could not be read/]
	])('reports %s, sets it aside and starts empty', (_, raw, message) => {
		const store = new FakeStore();
		store.items.set(HISTORY_KEY, raw);
		const loaded = loadHistory(store, NOW);
		expect(loaded.entries).toEqual([]);
		expect(loaded.problem).toMatch(message);
		const aside = `${HISTORY_KEY}:corrupt:${NOW.toISOString()}`;
		expect(loaded.problem).toContain(aside);
		expect(store.items.get(aside)).toBe(raw);
		expect(store.items.has(HISTORY_KEY)).toBe(false);
	});

	it('rejects a saved query with a bad chart mapping instead of using it', () => {
		const store = new FakeStore();
		store.items.set(SAVED_KEY, JSON.stringify({ version: 1, entries: [{ ...saved, chart: { kind: 'pie', x: 'a', y: 'b', series: null } }] }));
		expect(loadSaved(store, NOW).problem).toMatch(/saved queries could not be read/);
	});

	it('says so when browser storage is full or forbidden, without throwing', () => {
		const store = new FakeStore();
		store.failWrites = true;
		expect(saveHistory(store, [entry('SELECT 1')])).toMatch(/could not be saved/);
		store.items.set(SAVED_KEY, 'garbage');
		expect(loadSaved(store, NOW).problem).toMatch(/nor set aside/);
		store.failReads = true;
		expect(loadHistory(store, NOW)).toEqual({ entries: [], problem: expect.stringMatching(/cannot be read/) });
	});
});
