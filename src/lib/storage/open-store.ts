import { memoryStore, type BlobStore } from './blob-store';
import { idbStore } from './idb-store';
import { opfsStore } from './opfs-store';

let opening: Promise<BlobStore> | undefined;

/** The browser's persistent store: OPFS where it works, else IndexedDB, else memory only. */
export function openStore(): Promise<BlobStore> {
	opening ??= opfsStore()
		.catch(() => idbStore())
		.catch(() => memoryStore());
	return opening;
}
