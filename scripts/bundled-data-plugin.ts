/**
 * Serves the bundled data folder (default `data/sample`, or HYPERCARE_DATA_DIR) at
 * `<base>/data/` in dev and preview, and emits it into the static build. Only the
 * manifest and the files it lists are exposed: never the generator's truth folder.
 * The build-time kept results (scripts/kept-results.ts) go beside them as kept.bin.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';
import { keptResultsFile } from './kept/kept-results-file.ts';

const CONTENT_TYPES: Record<string, string> = {
	'.json': 'application/json',
	'.csv': 'text/csv; charset=utf-8',
	'.gz': 'application/gzip'
};

function listedFiles(dir: string): string[] {
	const manifestPath = path.join(dir, 'manifest.json');
	if (!existsSync(manifestPath)) {
		throw new Error(`No bundled data at ${manifestPath}: run \`npm run generate\` (or set HYPERCARE_DATA_DIR).`);
	}
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { tables?: { file?: unknown }[] };
	const files = (manifest.tables ?? []).map((t) => t.file).filter((f): f is string => typeof f === 'string');
	return ['manifest.json', ...files.filter((f) => /^[A-Za-z0-9_.-]+$/.test(f))];
}

/** The results kept for this data folder, or nothing (an empty file: the pages then compute live). */
function keptResults(dir: string): Uint8Array {
	const file = keptResultsFile(dir);
	return existsSync(file) ? readFileSync(file) : new Uint8Array(0);
}

/** The files the site carries under `data/` for this data folder: what the build emits, and what a publish writes beside a prebuilt site (scripts/publish/site-shell.ts). */
export function bundledDataFiles(dir: string): { fileName: string; source: Uint8Array }[] {
	return [
		...listedFiles(dir).map((name) => ({ fileName: `data/${name}`, source: readFileSync(path.join(dir, name)) })),
		// Always present, so the page never logs a 404 for it: empty means "compute live".
		{ fileName: 'data/kept.bin', source: keptResults(dir) }
	];
}

export function bundledData(dir: string): Plugin {
	const serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
		const name = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\//, '');
		if (name === 'kept.bin') {
			res.setHeader('Content-Type', 'application/octet-stream');
			res.setHeader('Cache-Control', 'no-cache');
			res.end(keptResults(dir));
			return;
		}
		if (!listedFiles(dir).includes(name)) return next();
		res.setHeader('Content-Type', CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream');
		res.setHeader('Cache-Control', 'no-cache');
		res.end(readFileSync(path.join(dir, name)));
	};
	return {
		name: 'hypercare-bundled-data',
		configureServer(server) {
			server.middlewares.use(`${server.config.base.replace(/\/$/, '')}/data`, serve);
		},
		configurePreviewServer(server) {
			server.middlewares.use(`${server.config.base.replace(/\/$/, '')}/data`, serve);
		},
		generateBundle() {
			if (this.environment.config.consumer !== 'client') return;
			for (const file of bundledDataFiles(dir)) this.emitFile({ type: 'asset', ...file });
		}
	};
}
