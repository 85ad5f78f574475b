import type { BlobStore } from './blob-store';

export const IDB_NAME = 'hypercare';
const STORE = 'blobs';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/**
 * Opens the database. Another tab's "clear all data" deletes it, and a delete waits until every
 * connection is closed: a connection that ignored the request would hold that tab (and the storage
 * lock it holds meanwhile, so every tab) forever. So it closes, and `closed` lets the next use reopen.
 */
async function openDatabase(closed: () => void): Promise<IDBDatabase> {
	const open = indexedDB.open(IDB_NAME, 1);
	open.onupgradeneeded = () => open.result.createObjectStore(STORE);
	const db = await request(open);
	db.onversionchange = () => {
		db.close();
		closed();
	};
	return db;
}

/** IndexedDB, where OPFS is missing: one object store of blobs; each put is its own transaction. */
export async function idbStore(): Promise<BlobStore> {
	// Opened again on first use after a `clear` (this tab's or another's) deleted it: the tab goes on importing after "clear all data".
	let opened: Promise<IDBDatabase> | null = null;
	const reopen = (): Promise<IDBDatabase> => {
		const next: Promise<IDBDatabase> = openDatabase(() => {
			if (opened === next) opened = null;
		});
		opened = next;
		// A failed open is tried again on next use, not kept as the answer.
		next.catch(() => {
			if (opened === next) opened = null;
		});
		return next;
	};
	await reopen();
	const database = () => opened ?? reopen();
	const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
		request(action((await database()).transaction(STORE, mode).objectStore(STORE)));
	return {
		kind: 'indexeddb',
		async read(name) {
			const value: unknown = await run('readonly', (s) => s.get(name));
			return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
		},
		async write(name, bytes) {
			// A put succeeds before its transaction commits; a full disk shows only at commit.
			const tx = (await database()).transaction(STORE, 'readwrite');
			tx.objectStore(STORE).put(bytes.slice(), name);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
			});
		},
		async remove(name) {
			await run('readwrite', (s) => s.delete(name));
		},
		async list() {
			return (await run('readonly', (s) => s.getAllKeys())).map(String);
		},
		async clear() {
			(await database()).close();
			opened = null;
			await request(indexedDB.deleteDatabase(IDB_NAME));
		}
	};
}
