/**
 * Where imported data lives between visits: named byte blobs in the browser's own storage
 * (OPFS, else IndexedDB). Nothing leaves the machine; `clear` removes every trace.
 */
export interface BlobStore {
	readonly kind: 'opfs' | 'indexeddb' | 'memory';
	read(name: string): Promise<Uint8Array | null>;
	/** Replaces the blob whole, or leaves the old one if it fails. */
	write(name: string, bytes: Uint8Array): Promise<void>;
	remove(name: string): Promise<void>;
	list(): Promise<string[]>;
	/** Removes the store itself, not only its blobs. */
	clear(): Promise<void>;
}

/** For tests and for browsers without persistent storage (private windows): lives as long as the tab. */
export function memoryStore(): BlobStore {
	const blobs = new Map<string, Uint8Array>();
	return {
		kind: 'memory',
		async read(name) {
			return blobs.get(name) ?? null;
		},
		async write(name, bytes) {
			blobs.set(name, bytes.slice());
		},
		async remove(name) {
			blobs.delete(name);
		},
		async list() {
			return [...blobs.keys()];
		},
		async clear() {
			blobs.clear();
		}
	};
}
