/**
 * Issue 19 items 4 and 5, in Debian Chromium on one page (scripts/bench/peer/):
 * - a peer side by side: the Overview's site cross-filter answered by Hypercare (the page's
 *   asker over the Overview client, whatever path that client takes) and by Mosaic
 *   (@uwdata/mosaic-core, wasm connector, cube indexes on), on the same DuckDB-wasm worker
 *   and data, one after the other for each site; Hypercare's latency over Mosaic's, p50 and p95;
 * - result decoding: apache-arrow 17 against flechette over the same Arrow IPC bytes, for the
 *   Overview's and Root causes' statements and a console result of up to 1,000,000 rows.
 * On the bundled sample and at the bench's scale (BENCH_SCALE, scale-data.ts), billing left out
 * (no statement here reads it). Never fails on a missed target; fails if the page asks another origin.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { foreignRequests, launchChromium, openWatchedPage } from '../harness/browser';
import { serveStatic, type StaticServer } from '../harness/static-server';
import type { DecodeCase, PeerTimes } from './peer/entry';
import { buildPeerPage } from './peer/build-page';
import { renderTable } from './report';
import { recordRows } from './issue19/results';
import { benchScale, ensureScaleData } from './scale-data';

// Rounds over every site: each site is changed to this many times by each side.
const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 8);
const DECODE_RUNS = 15;
const CONSOLE_ROWS = 1_000_000;
const outDir = path.resolve('node_modules/.cache/hypercare-bench/peer-page');

let server: StaticServer;
let browser: Browser;

/** Nearest-rank percentile of a sample. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

beforeAll(async () => {
	await buildPeerPage(outDir);
	const scale = await ensureScaleData(benchScale());
	mkdirSync(path.join(outDir, 'data'), { recursive: true });
	for (const [name, dir] of [
		['sample', path.resolve('data/sample')],
		['scale', scale.dir]
	] as const) {
		const link = path.join(outDir, 'data', name);
		if (!existsSync(link)) symlinkSync(dir, link);
	}
	server = await serveStatic(outDir);
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

interface Manifest {
	tables: { table: string; file: string; rows: number }[];
}

async function runOn(data: 'sample' | 'scale') {
	const manifest = JSON.parse(readFileSync(path.join(outDir, 'data', data, 'manifest.json'), 'utf8')) as Manifest;
	const files = manifest.tables.filter((t) => t.table !== 'billing').map((t) => ({ table: t.table, name: t.file, url: `/data/${data}/${t.file}` }));
	const tickets = manifest.tables.find((t) => t.table === 'tickets')?.rows ?? 0;
	const watched = await openWatchedPage(browser);
	try {
		await watched.page.goto(`${server.origin}/index.html`);
		await watched.page.waitForFunction(() => 'peerBench' in window);
		const peer = await watched.page.evaluate(([f, r]) => window.peerBench.peerRun(f as never, r), [files, ROUNDS] as const);
		const decoding = await watched.page.evaluate(([r, n]) => window.peerBench.decodeRun(r, n), [DECODE_RUNS, CONSOLE_ROWS] as const);
		const foreign = foreignRequests(watched.requests, server.origin);
		if (foreign.length > 0) throw new Error(`the bench page asked another origin: ${foreign.join(', ')}`);
		if (watched.errors.length > 0) throw new Error(`the bench page logged errors: ${watched.errors.join('; ')}`);
		return { tickets, peer, decoding };
	} finally {
		await watched.context.close();
	}
}

const ms = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));

function peerTable(label: string, tickets: number, p: PeerTimes): string {
	const rows = [50, 95].map((q) => {
		const h = percentile(p.hypercareMs, q);
		const m = percentile(p.mosaicMs, q);
		return [`p${q}`, ms(h), ms(m), (h / m).toFixed(2)];
	});
	return [
		`${label}: ${tickets.toLocaleString('en')} tickets, ${p.sites.length} sites x ${ROUNDS} rounds (${p.hypercareMs.length} site changes each); data loaded in ${(p.loadMs / 1000).toFixed(1)} s`,
		renderTable(['site change -> data', 'Hypercare ms', 'Mosaic ms', 'Hypercare/Mosaic (goal <= 1.0)'], rows),
		`Mosaic's first site change (builds its cube indexes): ${ms(p.mosaicFirstMs)} ms; index tables: ${p.mosaicIndexRows.toLocaleString('en')} rows`
	].join('\n');
}

function decodeTable(label: string, cases: readonly DecodeCase[]): string {
	const rows = cases.map((c) => {
		const a = percentile(c.arrowMs, 50);
		const f = percentile(c.flechetteMs, 50);
		return [c.name, c.rows.toLocaleString('en'), (c.bytes / 1024).toFixed(1), ms(a), ms(f), (a / f).toFixed(2)];
	});
	return [
		`${label}: decoding the same Arrow IPC bytes, median of ${DECODE_RUNS} (3 for every column of the console result)`,
		renderTable(['result', 'rows', 'KB', 'apache-arrow ms', 'flechette ms', 'arrow/flechette'], rows)
	].join('\n');
}

describe.sequential('peer (Mosaic) and result decoding', () => {
	it('Overview site cross-filter and decoding, sample and scale', async () => {
		const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}; Chromium ${browser.version()} headless; node ${process.version}`;
		const out = ['', `Machine: ${machine}`];
		// BENCH_PEER=sample: the bundled sample only, for a quick look.
		for (const data of process.env.BENCH_PEER === 'sample' ? (['sample'] as const) : (['sample', 'scale'] as const)) {
			const { tickets, peer, decoding } = await runOn(data);
			const label = data === 'sample' ? 'Bundled sample' : `Scale "${benchScale()}"`;
			out.push('', peerTable(label, tickets, peer), '', decodeTable(label, decoding));
			// Into the issue-19 table: Hypercare's p50 over Mosaic's (the p95 ratio in the detail).
			const [h50, m50, h95, m95] = [percentile(peer.hypercareMs, 50), percentile(peer.mosaicMs, 50), percentile(peer.hypercareMs, 95), percentile(peer.mosaicMs, 95)];
			recordRows([
				{
					id: data === 'scale' ? 'mosaic-ratio' : 'mosaic-ratio/sample',
					page: 'Overview',
					measure: 'site cross-filter, Hypercare / Mosaic',
					scale: data === 'scale' ? benchScale() : 'sample',
					target: 1,
					unit: 'x',
					value: Number((h50 / m50).toFixed(2)),
					source: 'peer.bench-run.ts',
					detail: `p50 ${ms(h50)} / ${ms(m50)} ms; p95 ${ms(h95)} / ${ms(m95)} ms = ${(h95 / m95).toFixed(2)}; ${peer.hypercareMs.length} site changes each`
				}
			]);
			console.log(out.splice(0).join('\n'));
		}
		console.log('');
	});
});
