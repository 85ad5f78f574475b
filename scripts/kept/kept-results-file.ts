/**
 * Where the build-time kept results of a data folder are written: one file per data, named by
 * the digest of its manifest, so building on other data (a published report, a test's site)
 * never replaces or serves the results of the bundled sample, and the reverse.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The digest of a data folder's manifest.json. */
export function manifestDigest(dataDir: string): string {
	return createHash('sha256')
		.update(readFileSync(path.join(dataDir, 'manifest.json')))
		.digest('hex')
		.slice(0, 16);
}

export function keptResultsFile(dataDir: string): string {
	return path.resolve(`.svelte-kit/hypercare/kept-${manifestDigest(dataDir)}.bin`);
}
