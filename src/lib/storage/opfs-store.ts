import type { BlobStore } from './blob-store';

export const OPFS_DIRECTORY = 'hypercare';

/**
 * The Origin Private File System: one folder for the app. `createWritable` writes to a
 * swap file that replaces the old content only when closed, so a failed write leaves it.
 */
export async function opfsStore(): Promise<BlobStore> {
	const root = await navigator.storage.getDirectory();
	const dir = () => root.getDirectoryHandle(OPFS_DIRECTORY, { create: true });
	// Probe once: some browsers have OPFS without `createWritable` on the main thread.
	const probe = await (await dir()).getFileHandle('.probe', { create: true });
	if (typeof probe.createWritable !== 'function') throw new Error('OPFS without createWritable');
	await (await dir()).removeEntry('.probe');
	return {
		kind: 'opfs',
		async read(name) {
			try {
				const file = await (await (await dir()).getFileHandle(name)).getFile();
				return new Uint8Array(await file.arrayBuffer());
			} catch (error) {
				if (error instanceof DOMException && error.name === 'NotFoundError') return null;
				throw error;
			}
		},
		async write(name, bytes) {
			const writable = await (await (await dir()).getFileHandle(name, { create: true })).createWritable();
			try {
				await writable.write(bytes as Uint8Array<ArrayBuffer>);
				await writable.close();
			} catch (error) {
				await writable.abort().catch(() => undefined);
				throw error;
			}
		},
		async remove(name) {
			await (await dir()).removeEntry(name).catch(() => undefined);
		},
		async list() {
			const names: string[] = [];
			for await (const name of (await dir()).keys()) names.push(name);
			return names;
		},
		async clear() {
			await root.removeEntry(OPFS_DIRECTORY, { recursive: true }).catch(() => undefined);
		}
	};
}
