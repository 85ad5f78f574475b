import { ManifestSchema, type Manifest } from './manifest';
import type { TableFile } from './load-tables';

export class BundledDataError extends Error {
	override readonly name = 'BundledDataError';
}

async function fetchBytes(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new BundledDataError(`${url}: HTTP ${response.status} ${response.statusText}`);
	return new Uint8Array(await response.arrayBuffer());
}

/**
 * The data bundled with the site: `data/manifest.json` names one file per canonical
 * table. Files are fetched in parallel and checked against the manifest's sizes, so a
 * truncated download is an error rather than a silently shorter table.
 */
export async function fetchBundledData(dataUrl: string): Promise<{ manifest: Manifest; files: TableFile[] }> {
	const manifestUrl = `${dataUrl}/manifest.json`;
	const raw: unknown = JSON.parse(new TextDecoder().decode(await fetchBytes(manifestUrl)));
	const parsed = ManifestSchema.safeParse(raw);
	if (!parsed.success) {
		throw new BundledDataError(`${manifestUrl} is not a valid data manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
	}
	const manifest = parsed.data;
	const files = await Promise.all(
		manifest.tables.map(async (entry): Promise<TableFile> => {
			const bytes = await fetchBytes(`${dataUrl}/${entry.file}`);
			if (bytes.byteLength !== entry.bytes) {
				throw new BundledDataError(`${entry.file}: received ${bytes.byteLength} bytes, the manifest says ${entry.bytes}`);
			}
			return { table: entry.table, name: entry.file, bytes };
		})
	);
	return { manifest, files };
}
