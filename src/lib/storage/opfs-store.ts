import type { BlobStore } from './blob-store';

export const OPFS_DIRECTORY = 'hypercare';

/**
 * The Origin Private File System: one folder for the app. `createWritable` writes to a
 * swap file that replaces the old content only when closed, so a failed write leaves it.
 */
export async function opfsStore(): Promise<BlobStore> {
	const root = await navigator.storage.getDirectory();
	// The folder is made by the first write only: reading, listing or clearing never leaves an empty one behind.
	const dir = () => root.getDirectoryHandle(OPFS_DIRECTORY, { create: true });
	const existing = () =>
		root.getDirectoryHandle(OPFS_DIRECTORY).catch((error: unknown) => {
			if (error instanceof DOMException && error.name === 'NotFoundError') return null;
			throw error;
		});
	// Probe once: some browsers have OPFS without `createWritable` on the main thread.
	const probe = await root.getFileHandle(`.${OPFS_DIRECTORY}-probe`, { create: true });
	await root.removeEntry(`.${OPFS_DIRECTORY}-probe`);
	if (typeof probe.createWritable !== 'function') throw new Error('OPFS without createWritable');
	return {
		kind: 'opfs',
		async read(name) {
			try {
				const folder = await existing();
				if (!folder) return null;
				const file = await (await folder.getFileHandle(name)).getFile();
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
			await (await existing())?.removeEntry(name).catch(() => undefined);
		},
		async list() {
			const folder = await existing();
			const names: string[] = [];
			if (folder) for await (const name of folder.keys()) names.push(name);
			return names;
		},
		async clear() {
			if (!(await existing())) return;
			// Not silent: "Clear all data" must not say it cleared what it could not.
			await root.removeEntry(OPFS_DIRECTORY, { recursive: true });
		}
	};
}
