/**
 * Serves the bundled data folder (default `data/sample`, or HYPERCARE_DATA_DIR) at
 * `<base>/data/` in dev and preview, and emits it into the static build. Only the
 * manifest and the files it lists are exposed: never the generator's truth folder.
 * The build-time first view (scripts/first-view.ts), when present, goes beside them.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';
import { firstViewFile } from './first-view-file.ts';

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

/** The first view computed for this data folder, or `null` (the page then waits for DuckDB). */
function firstView(dir: string): Buffer | string {
	const file = firstViewFile(dir);
	return existsSync(file) ? readFileSync(file) : 'null';
}

/** The files the site carries under `data/` for this data folder: what the build emits, and what a publish writes beside a prebuilt site (scripts/publish/site-shell.ts). */
export function bundledDataFiles(dir: string): { fileName: string; source: Buffer | string }[] {
	return [
		...listedFiles(dir).map((name) => ({ fileName: `data/${name}`, source: readFileSync(path.join(dir, name)) })),
		// Always present, so the page never logs a 404 for it: `null` means "wait for DuckDB".
		{ fileName: 'data/first-view.json', source: firstView(dir) }
	];
}

export function bundledData(dir: string): Plugin {
	const serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
		const name = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\//, '');
		if (name === 'first-view.json') {
			res.setHeader('Content-Type', 'application/json');
			res.end(firstView(dir));
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
