/**
 * The browser's DuckDB lockdown (`LOCKDOWN_SETTINGS`): the app's own files load, import and
 * save as before; a URL or any other path is refused by DuckDB itself, even for SQL that got
 * past the console's guard, and the lockdown cannot be undone from SQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalTables } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { memoryStore } from '$lib/storage/blob-store';
import { readManifest, restoreTables, saveTables } from '$lib/storage/saved-tables';
import { rows } from '../helpers/fixture';
import { importFiles } from '../ingest/import-helper';

let engine: Engine;
let server: Server;
let origin: string;
const hits: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		hits.push(req.url ?? '');
		res.end('a,b\n1,2\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	engine = await startNodeEngine({ lockdown: true });
});
afterAll(async () => {
	await engine.close();
	await new Promise((resolve) => server.close(resolve));
});

describe('with DuckDB locked down', () => {
	it('loads bundled files, imports a file and saves and restores it', async () => {
		await loadCanonicalTables(engine, [{ table: 'clinics', name: 'clinics.csv', bytes: new TextEncoder().encode('clinic_id,go_live_date\nC1,2026-03-02\n') }]);
		await importFiles(engine, [{ name: 'tickets.csv', bytes: 'ticket_id,opened_at,clinic_id,category\nT1,2026-03-16 08:00:00,C1,how_to\n' }]);
		const store = memoryStore();
		await saveTables(store, engine, [{ table: 'tickets', from: 'tickets', files: ['tickets.csv'] }], true);
		const restored = await startNodeEngine({ lockdown: true });
		await restoreTables(store, restored, (await readManifest(store))!);
		expect(await rows(restored, 'SELECT ticket_id, clinic_id FROM tickets')).toEqual([{ ticket_id: 'T1', clinic_id: 'C1' }]);
		expect(await rows(engine, 'SELECT clinic_id FROM clinics')).toEqual([{ clinic_id: 'C1' }]);
		await restored.close();
	});

	it.each([
		['a URL', () => `SELECT * FROM read_csv('${origin}/x.csv')`],
		['a URL built so that no string looks like one', () => `SELECT * FROM read_csv('http:' || '//${origin.slice(7)}/y.csv')`],
		['read_text of a URL', () => `SELECT * FROM read_text('${origin}/z.txt')`],
		['a local path', () => `SELECT * FROM read_csv('/etc/hostname')`],
		['a write outside the app’s folders', () => `COPY (SELECT 1) TO '/tmp/hypercare-leak.csv'`]
	])('refuses %s, and no request is made', async (_, statement) => {
		await expect(engine.query(statement())).rejects.toThrow(/Permission Error: Cannot access file .* file system operations are disabled by configuration/);
		expect(hits).toEqual([]);
	});

	it.each(['SET enable_external_access = true', 'RESET enable_external_access', "SET allowed_directories = ['/']"])('cannot be undone: %s', async (statement) => {
		await expect(engine.query(statement)).rejects.toThrow(/Cannot change/);
	});
});
