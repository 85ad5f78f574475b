/**
 * Import speed (issue 3): a generated 1,000,000-row ticket export with overlapping versions,
 * through the Import page's own functions (inspect, map, validate, de-duplicate, swap in) in
 * Debian Chromium, against a bare `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same
 * file in the same browser. Saving in the browser (OPFS) is timed apart. Each run is a fresh
 * browser context. `npm run bench`; prints medians with min and max, never fails on a target.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openWatchedPage } from '../../tests/e2e/support/browser';
import { startSite, type SiteUnderTest } from '../../tests/e2e/support/site';
import { HEADER, row, spread } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
/** Every 20th row repeats an earlier ticket with a later `updated_at`: 5% to merge. */
const REPEAT_EVERY = 20;

let dir: string;
let csv: string;
let site: SiteUnderTest;

function ticketsCsv(rows: number): string {
	const lines = ['ticket_id,opened_at,updated_at,clinic_id,category,priority,status,short_description'];
	const categories = ['how_to', 'break_fix', 'access', 'build_request', 'interface'];
	for (let i = 0; i < rows; i++) {
		const repeat = i % REPEAT_EVERY === REPEAT_EVERY - 1;
		const id = repeat ? i - REPEAT_EVERY + 1 : i;
		const day = String((id % 28) + 1).padStart(2, '0');
		lines.push(`T${id},2026-03-${day} 09:${String(id % 60).padStart(2, '0')}:00,2026-04-${day} ${repeat ? '18' : '10'}:00:00,C${id % 60},${categories[id % 5]},${(id % 5) + 1},${repeat ? 'resolved' : 'new'},Ticket ${id} about ${categories[id % 5]}`);
	}
	return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hypercare-import-bench-'));
	csv = path.join(dir, 'tickets-1m.csv');
	writeFileSync(csv, ticketsCsv(ROWS));
	const harness = path.resolve('scripts/bench/import-harness');
	await build({
		root: harness,
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: path.resolve('src/lib') } },
		build: { outDir: path.join(dir, 'site'), emptyOutDir: true, target: 'es2022' }
	});
	site = await startSite(path.join(dir, 'site'));
});

afterAll(async () => {
	await site?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function inPage<T>(mode: 'full' | 'bare'): Promise<T> {
	const w = await openWatchedPage(site.browser);
	try {
		await w.page.goto(`${site.origin}/index.html`);
		await w.page.waitForSelector('body[data-ready]');
		await w.page.locator('#file').setInputFiles(csv);
		const result = (await w.page.evaluate((m) => (window as unknown as { hypercareBench: Record<string, () => Promise<unknown>> }).hypercareBench[m]?.(), mode)) as T;
		if (w.errors.length > 0) throw new Error(w.errors.join('\n'));
		return result;
	} finally {
		await w.context.close();
	}
}

interface Full {
	prepareMs: number;
	commitMs: number;
	analysisMs: number;
	saveMs: number;
	rows: number;
	report: { read: number; accepted: number; rejected: number; merged: number };
}

describe.sequential('import', () => {
	it(`${ROWS.toLocaleString('en')} ticket rows, ${RUNS} fresh contexts each`, async () => {
		const full: Full[] = [];
		const bare: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			bare.push((await inPage<{ ms: number; rows: number }>('bare')).ms);
			full.push(await inPage<Full>('full'));
		}
		const fullPath = full.map((f) => f.prepareMs + f.commitMs);
		const ratio = spread(fullPath.map((p, i) => p / (bare[i] ?? NaN)));
		const withAnalysis = spread(full.map((f, i) => (f.prepareMs + f.commitMs + f.analysisMs) / (bare[i] ?? NaN)));
		const r = full[0]?.report;
		console.log(
			[
				'',
				`Import of ${ROWS.toLocaleString('en')} ticket rows (CSV, ${(statSync(csv).size / 1e6).toFixed(0)} MB, 5% repeated keys) in Debian Chromium, ${RUNS} fresh contexts`,
				`counts: read ${r?.read} = accepted ${r?.accepted} + rejected ${r?.rejected} + merged ${r?.merged}; table rows ${full[0]?.rows}`,
				HEADER,
				row('bare CREATE TABLE AS read_csv (file to table)', spread(bare), 'ms'),
				row('full path: inspect, map, check, merge, swap', spread(fullPath), 'ms'),
				row('  of which prepare (read, map, check, merge)', spread(full.map((f) => f.prepareMs)), 'ms'),
				row('  of which commit (swap in)', spread(full.map((f) => f.commitMs)), 'ms'),
				row('then analysis tables (as after any load)', spread(full.map((f) => f.analysisMs)), 'ms'),
				row('saving in the browser (OPFS), apart', spread(full.map((f) => f.saveMs)), 'ms'),
				row('full path / bare load', ratio, 'x', '<= 1.5'),
				row('(full path + analysis tables) / bare load', withAnalysis, 'x'),
				''
			].join('\n')
		);
	});
});
