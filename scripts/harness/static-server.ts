import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.gz': 'application/gzip',
	'.svg': 'image/svg+xml',
	'.png': 'image/png'
};

export interface StaticServer {
	readonly origin: string;
	close(): Promise<void>;
}

/** A plain static file server on 127.0.0.1, like any static host: no special headers. */
export async function serveStatic(root: string): Promise<StaticServer> {
	const base = path.resolve(root);
	const server = createServer((req, res) => {
		const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		let file = path.join(base, urlPath);
		if (!file.startsWith(base)) {
			res.writeHead(403).end();
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
		if (!existsSync(file)) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, {
			'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'Content-Length': statSync(file).size
		});
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
