/** Size figures of a built site: initial JS, what ships compressed, files over a host's per-file limit. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Common static hosts refuse larger files (GitHub Pages, Cloudflare Pages: 25 MiB). */
export const PER_FILE_LIMIT = 25 * 1024 * 1024;

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export interface SiteFiles {
	/** JavaScript the overview loads before anything else (its modulepreload list), gzipped, in KB. */
	initialJsKb: number;
	/** Which heavy files ship compressed. */
	precompressed: string;
	/** Files above PER_FILE_LIMIT, with their size in MiB. */
	overLimit: { file: string; mib: number }[];
}

export function siteFiles(root: string): SiteFiles {
	const html = readFileSync(path.join(root, 'index.html'), 'utf8');
	const initial = [...new Set(html.match(/_app\/immutable\/[^"']+\.js/g) ?? [])];
	const initialJsKb = initial.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(root, f)), { level: 9 }).length, 0) / 1024;
	const files = walk(root).map((file) => ({ file: path.relative(root, file), bytes: statSync(file).size }));
	const gz = files.filter((f) => f.file.endsWith('.gz'));
	const mib = (bytes: number) => bytes / 1024 / 1024;
	const precompressed = `${gz.length} files shipped gzipped (${gz.map((f) => `${path.basename(f.file)} ${mib(f.bytes).toFixed(1)} MiB`).join(', ')})`;
	return {
		initialJsKb,
		precompressed,
		overLimit: files.filter((f) => f.bytes > PER_FILE_LIMIT).map((f) => ({ file: f.file, mib: mib(f.bytes) }))
	};
}
