/**
 * Import speed (issue 3): a generated 1,000,000-row ticket export with overlapping versions,
 * through the Import page's own functions (inspect, map, validate, de-duplicate, swap in) in
 * Debian Chromium, against a bare `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same
 * file in the same browser. Saving in the browser (OPFS) is timed apart. Each run is a fresh
 * browser context; both loads are timed in the engine as the Import page has it (warmed on
 * generated exports when the page opened, `warmImportPath`) and in a fresh engine, the two
 * alternating. `npm run bench`; prints medians with min and max, never fails on a target.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openWatchedPage } from '../harness/browser';
import { startSite, type SiteUnderTest } from '../harness/site';
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
		lines.push(
			`T${id},2026-03-${day} 09:${String(id % 60).padStart(2, '0')}:00,2026-04-${day} ${repeat ? '18' : '10'}:00:00,C${id % 60},${categories[id % 5]},${(id % 5) + 1},${repeat ? 'resolved' : 'new'},Ticket ${id} about ${categories[id % 5]}`
		);
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

/** `import`: the engine as the Import page has it, warmed on generated exports when the page opened; `fresh`: nothing run in it before. */
type PageState = 'import' | 'fresh';

async function inPage<T>(mode: 'full' | 'bare', state: PageState): Promise<T> {
	const w = await openWatchedPage(site.browser);
	try {
		await w.page.goto(`${site.origin}/index.html`);
		await w.page.waitForSelector('body[data-ready]');
		await w.page.locator('#file').setInputFiles(csv);
		const result = (await w.page.evaluate(([m, s]) => (window as unknown as { hypercareBench: Record<string, (s: PageState) => Promise<unknown>> }).hypercareBench[m]?.(s), [
			mode,
			state
		] as const)) as T;
		if (w.errors.length > 0) throw new Error(w.errors.join('\n'));
		return result;
	} finally {
		await w.context.close();
	}
}

interface Full {
	warmMs: number;
	prepareMs: number;
	commitMs: number;
	analysisMs: number;
	saveMs: number;
	rows: number;
	report: { read: number; accepted: number; rejected: number; merged: number };
}

describe.sequential('import', () => {
	it(`${ROWS.toLocaleString('en')} ticket rows, ${RUNS} fresh contexts each`, async () => {
		const full: Record<PageState, Full[]> = { import: [], fresh: [] };
		const bare: Record<PageState, number[]> = { import: [], fresh: [] };
		// The two states alternate, so that a slower spell of the machine weighs on both alike.
		for (let i = 0; i < RUNS; i++) {
			for (const state of ['import', 'fresh'] as const) {
				bare[state].push((await inPage<{ ms: number; rows: number }>('bare', state)).ms);
				full[state].push(await inPage<Full>('full', state));
			}
		}
		const fullPath = (state: PageState) => full[state].map((f) => f.prepareMs + f.commitMs);
		const ratio = (state: PageState) => spread(fullPath(state).map((p, i) => p / (bare[state][i] ?? NaN)));
		const page = full.import;
		const withAnalysis = spread(page.map((f, i) => (f.prepareMs + f.commitMs + f.analysisMs) / (bare.import[i] ?? NaN)));
		const r = page[0]?.report;
		console.log(
			[
				'',
				`Import of ${ROWS.toLocaleString('en')} ticket rows (CSV, ${(statSync(csv).size / 1e6).toFixed(0)} MB, 5% repeated keys) in Debian Chromium, ${RUNS} fresh contexts`,
				`counts: read ${r?.read} = accepted ${r?.accepted} + rejected ${r?.rejected} + merged ${r?.merged}; table rows ${page[0]?.rows}`,
				"In the Import page's engine: warmed on its generated exports when the page opened, before a file is picked (both loads alike)",
				HEADER,
				row('warm-up when the page opens (not in the loads)', spread(page.map((f) => f.warmMs)), 'ms'),
				row('bare CREATE TABLE AS read_csv (file to table)', spread(bare.import), 'ms'),
				row('full path: inspect, map, check, merge, swap', spread(fullPath('import')), 'ms'),
				row('  of which prepare (read, map, check, merge)', spread(page.map((f) => f.prepareMs)), 'ms'),
				row('  of which commit (swap in)', spread(page.map((f) => f.commitMs)), 'ms'),
				row('then analysis tables (as after any load)', spread(page.map((f) => f.analysisMs)), 'ms'),
				row('saving in the browser (OPFS), apart', spread(page.map((f) => f.saveMs)), 'ms'),
				row('full path / bare load', ratio('import'), 'x', '<= 1.5'),
				row('(full path + analysis tables) / bare load', withAnalysis, 'x'),
				'In a fresh engine: nothing run before either load (each pays for compiling what it runs)',
				HEADER,
				row('bare CREATE TABLE AS read_csv (file to table)', spread(bare.fresh), 'ms'),
				row('full path: inspect, map, check, merge, swap', spread(fullPath('fresh')), 'ms'),
				row('full path / bare load', ratio('fresh'), 'x'),
				''
			].join('\n')
		);
	});
});
