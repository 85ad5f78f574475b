/**
 * The bench page (built by build-page.ts, driven by peer.bench-run.ts): one DuckDB-wasm
 * worker with the data loaded as the app loads it, read by Hypercare's Overview client and by
 * a Mosaic coordinator on a connection of its own, one after the other; and the decoding of
 * the page statements' and a console result's Arrow bytes by apache-arrow and by flechette.
 */
import { loadCanonicalTables, type TableFile } from '$lib/data/load-tables';
import { openBrowserDatabase, startBrowserEngine } from '$lib/engine/browser';
import { overviewClient } from '$lib/overview/overview-model';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { asker } from '$lib/page/protocol';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { buildAttribution } from '$lib/attribution';
import { causeByClinic, causeByWeek, causeTotals } from '$lib/sql/attribution-report';
import type { TableName } from '$lib/contract/tables';
import type { Engine, Statement } from '$lib/engine';
import { ipcBytes, timeDecoding, type DecodeTimes, type Use } from './decode';
import { createPeerTable, mosaicPeer, type MosaicPeer } from './mosaic-peer';

export interface PeerTimes {
	readonly sites: string[];
	readonly hypercareMs: number[];
	readonly mosaicMs: number[];
	/** Mosaic's first site change, which builds its cube indexes. */
	readonly mosaicFirstMs: number;
	readonly mosaicIndexRows: number;
	readonly loadMs: number;
}

export interface DecodeCase extends DecodeTimes {
	readonly name: string;
	readonly use: Use;
}

const state: { db?: Awaited<ReturnType<typeof openBrowserDatabase>>; engine?: Engine; peer?: MosaicPeer } = {};

async function prepare(files: readonly { table: TableName; name: string; url: string }[]) {
	const started = performance.now();
	const db = await openBrowserDatabase();
	const engine = await startBrowserEngine(db);
	const loaded: TableFile[] = await Promise.all(files.map(async (f) => ({ table: f.table, name: f.name, bytes: new Uint8Array(await (await fetch(f.url)).arrayBuffer()) })));
	await loadCanonicalTables(engine, loaded);
	await engine.query(createPeerTable);
	state.db = db;
	state.engine = engine;
	return { engine, loadMs: performance.now() - started };
}

async function peerRun(files: Parameters<typeof prepare>[0], rounds: number): Promise<PeerTimes> {
	const { engine, loadMs } = await prepare(files);
	const choices = await loadFilterChoices(engine);
	const sites = [...new Set(choices.clinics.map((c) => c.site))].sort();
	const ask = asker(engine);
	const input = (site: string) => ({ filters: { ...DEFAULT_FILTERS, sites: [site] }, clinics: choices.clinics, span: choices.span });
	// Both warm: the default view once each, as the page has drawn it before a site is clicked.
	await ask(overviewClient, { filters: DEFAULT_FILTERS, clinics: choices.clinics, span: choices.span });
	const peer = await mosaicPeer(state.db!);
	state.peer = peer;
	let started = performance.now();
	await peer.selectSite(sites[0] ?? '');
	const mosaicFirstMs = performance.now() - started;
	const hypercareMs: number[] = [];
	const mosaicMs: number[] = [];
	for (let r = 0; r < rounds; r++) {
		for (const site of sites) {
			started = performance.now();
			await ask(overviewClient, input(site));
			hypercareMs.push(performance.now() - started);
			started = performance.now();
			await peer.selectSite(site);
			mosaicMs.push(performance.now() - started);
		}
	}
	return { sites, hypercareMs, mosaicMs, mosaicFirstMs, mosaicIndexRows: await peer.indexRows(), loadMs };
}

async function decodeRun(runs: number, consoleRows: number): Promise<DecodeCase[]> {
	const db = state.db!;
	const engine = state.engine!;
	const conn = await db.connect();
	const choices = await loadFilterChoices(engine);
	const overview = overviewClient.queries({ filters: DEFAULT_FILTERS, clinics: choices.clinics, span: choices.span });
	await buildAttribution(engine);
	const page: [string, Statement][] = [
		...Object.entries(overview).flatMap(([name, s]) => (s ? [[`Overview ${name}`, s] as [string, Statement]] : [])),
		['Root causes totals', causeTotals(DEFAULT_FILTERS)],
		['Root causes by week', causeByWeek(DEFAULT_FILTERS)],
		['Root causes by clinic', causeByClinic(DEFAULT_FILTERS)]
	];
	const cases: DecodeCase[] = [];
	for (const [name, statement] of page) cases.push({ name, use: 'columns', ...timeDecoding(await ipcBytes(conn, statement), 'columns', runs) });
	const grid = { text: `SELECT * FROM ticket_facts LIMIT ${consoleRows}`, params: [] };
	const bytes = await ipcBytes(conn, grid);
	cases.push({ name: `console: ${grid.text}, first screen`, use: 'screen', ...timeDecoding(bytes, 'screen', runs) });
	cases.push({ name: `console: ${grid.text}, every column read`, use: 'columns', ...timeDecoding(bytes, 'columns', 3) });
	await conn.close();
	return cases;
}

declare global {
	interface Window {
		peerBench: { peerRun: typeof peerRun; decodeRun: typeof decodeRun };
	}
}
window.peerBench = { peerRun, decodeRun };
