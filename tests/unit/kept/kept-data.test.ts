/**
 * Results kept for one data are never shown for another: the bundled site's kept.bin is used
 * only while the manifest served beside it is the one it was computed from. Served over HTTP
 * from real files, as a static host serves them.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledDataKey, bundledKept } from '$lib/data/kept-data';
import { encodeKept } from '$lib/kept/kept-file';
import { statementKey } from '$lib/kept/kept-tables';

const MANIFEST = JSON.stringify({ tables: [{ table: 'tickets', file: 'tickets.csv', rows: 3, bytes: 100, sha256: 'aa' }] });
const STATEMENT = { text: 'SELECT 1 AS n', params: [] };

let dir: string;
let server: Server;
let url: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hypercare-kept-'));
	server = createServer((req, res) => {
		try {
			res.end(readFileSync(path.join(dir, path.basename(req.url ?? ''))));
		} catch {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
	server.close();
	rmSync(dir, { recursive: true, force: true });
});

async function keep(dataKey: string) {
	const results = new Map([[statementKey(STATEMENT), tableToIPC(tableFromArrays({ n: Int32Array.from([7]) }), 'stream')]]);
	writeFileSync(path.join(dir, 'kept.bin'), await encodeKept({ dataKey, computedAt: '', computedBy: 'test', tables: [{ table: 'tickets', file: 'tickets.csv', rows: 3 }] }, results));
}

describe('kept results of the bundled data', () => {
	it('are used while the manifest served is the one they were computed from', async () => {
		writeFileSync(path.join(dir, 'manifest.json'), MANIFEST);
		await keep(bundledDataKey(MANIFEST));
		const kept = await bundledKept(url);
		expect(kept?.get(STATEMENT)?.getChild('n')?.get(0)).toBe(7);
	});

	it('are ignored once the data changed, even by one byte of its manifest', async () => {
		await keep(bundledDataKey(MANIFEST));
		writeFileSync(path.join(dir, 'manifest.json'), MANIFEST.replace('"rows":3', '"rows":4'));
		expect(await bundledKept(url)).toBeNull();
	});

	it('are ignored when the build kept none, or the file is damaged or missing', async () => {
		writeFileSync(path.join(dir, 'manifest.json'), MANIFEST);
		writeFileSync(path.join(dir, 'kept.bin'), new Uint8Array(0));
		expect(await bundledKept(url)).toBeNull();
		await keep(bundledDataKey(MANIFEST));
		writeFileSync(path.join(dir, 'kept.bin'), readFileSync(path.join(dir, 'kept.bin')).subarray(0, 40));
		expect(await bundledKept(url)).toBeNull();
		rmSync(path.join(dir, 'kept.bin'));
		expect(await bundledKept(url)).toBeNull();
	});

	it('fetch kept.bin again from the server when a cached copy (the page preloads it) is of other data, and never use the stale one', async () => {
		writeFileSync(path.join(dir, 'manifest.json'), MANIFEST);
		await keep('the data of an earlier build');
		const stale = readFileSync(path.join(dir, 'kept.bin'));
		await keep(bundledDataKey(MANIFEST));
		const real = globalThis.fetch;
		const asked: string[] = [];
		// A browser's HTTP cache: a fetch of the default cache mode may answer with the copy of an earlier visit.
		globalThis.fetch = async (input, init) => {
			const target = String(input);
			asked.push(`${target.split('/').at(-1)} ${init?.cache ?? 'default'}`);
			return target.endsWith('/kept.bin') && (init?.cache ?? 'default') === 'default' ? new Response(stale) : real(input, init);
		};
		try {
			const kept = await bundledKept(url);
			expect(kept?.get(STATEMENT)?.getChild('n')?.get(0)).toBe(7);
			expect(kept?.bundle.header.dataKey).toBe(bundledDataKey(MANIFEST));
			expect(asked.sort()).toEqual(['kept.bin default', 'kept.bin no-cache', 'manifest.json no-cache']);
			// The server's own copy is of other data too: nothing kept is used.
			await keep('yet other data');
			expect(await bundledKept(url)).toBeNull();
		} finally {
			globalThis.fetch = real;
		}
	});
	it('take the manifest’s request the page’s HTML started (src/kept-preload.js) instead of asking again, once and for its own address only', async () => {
		writeFileSync(path.join(dir, 'manifest.json'), MANIFEST);
		await keep(bundledDataKey(MANIFEST));
		const real = globalThis.fetch;
		const asked: string[] = [];
		globalThis.fetch = (input, init) => {
			asked.push(`${String(input).split('/').at(-1)} ${init?.cache ?? 'default'}`);
			return real(input, init);
		};
		const holder = globalThis as { hypercareManifest?: { href: string; response: Promise<Response> } };
		try {
			// The request the HTML started, answered by the server as it was then.
			holder.hypercareManifest = { href: `${url}/manifest.json`, response: real(`${url}/manifest.json`, { cache: 'no-cache' }) };
			const kept = await bundledKept(url);
			expect(kept?.get(STATEMENT)?.getChild('n')?.get(0)).toBe(7);
			expect(asked).toEqual(['kept.bin default']);
			expect(holder.hypercareManifest).toBeUndefined();
			// Taken once: the next read asks the server.
			asked.length = 0;
			expect(await bundledKept(url)).not.toBeNull();
			expect(asked.sort()).toEqual(['kept.bin default', 'manifest.json no-cache']);
			// A request for another address (another data folder) is left alone and the server is asked.
			asked.length = 0;
			holder.hypercareManifest = { href: `${url}/other/manifest.json`, response: Promise.resolve(new Response('{}')) };
			expect(await bundledKept(url)).not.toBeNull();
			expect(asked.sort()).toEqual(['kept.bin default', 'manifest.json no-cache']);
		} finally {
			globalThis.fetch = real;
			delete holder.hypercareManifest;
		}
	});
});
