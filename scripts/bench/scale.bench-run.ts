/**
 * The site at scale (issue 8): generated data of about 1,000,000 tickets and 10,000,000 billing
 * rows (BENCH_SCALE=quick: a tenth), built into its own site and driven in Debian Chromium;
 * then the same loads and queries timed on DuckDB-wasm (node bundle, the browser's build) and
 * on native DuckDB (@duckdb/node-api, one thread) for the wasm/native ratio.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { loadCanonicalTables, type TableFile } from '$lib/data/load-tables';
import type { Engine } from '$lib/engine';
import { startNodeEngine } from '$lib/engine/node';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { overviewModel } from '$lib/overview/overview-model';
import { causeByClinic, causeByWeek, causeTotals } from '$lib/sql/attribution-report';
import { createRecoveryTables } from '$lib/sql/recovery/tables';
import { buildSite } from '../harness/build-site';
import { startSite, type SiteUnderTest } from '../harness/site';
import { startNativeEngine } from './native-engine';
import { filterLatency, goTo, loadRows, openOverview, type LoadFigures } from './page-figures';
import { peakDuring } from './renderer-memory';
import { renderTable } from './report';
import { benchScale, ensureScaleData } from './scale-data';
import { PER_FILE_LIMIT, siteFiles } from './site-files';
import { HEADER, row, spread } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMEOUT = 15 * 60_000;
const scale = benchScale();

let data: Awaited<ReturnType<typeof ensureScaleData>>;
let siteDir: string;
let site: SiteUnderTest;
const rowsOf = (table: string) => data.manifest.tables.find((t) => t.table === table)?.rows ?? 0;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

beforeAll(async () => {
	data = await ensureScaleData(scale);
	console.log(`\nScale "${scale}": ${rowsOf('tickets').toLocaleString('en')} tickets, ${rowsOf('billing').toLocaleString('en')} billing rows in ${data.dir} (${data.seconds.toFixed(1)} s)`);
	siteDir = path.resolve('node_modules/.cache/hypercare-bench', `site-${scale}`);
	const started = performance.now();
	// As `npm run build` does: the kept results of this data, then the site around it.
	execFileSync('npx', ['tsx', 'scripts/kept-results.ts'], { env: { ...process.env, HYPERCARE_DATA_DIR: data.dir }, stdio: 'pipe' });
	buildSite(data.dir, siteDir);
	console.log(`site built on it in ${seconds(started)} s: ${siteDir}`);
	site = await startSite(siteDir);
});

afterAll(() => site?.close());

interface Run extends LoadFigures {
	overviewFilterMs: number;
	attributionOpenMs: number;
	attributionFilterMs: number;
	recoveryOpenMs: number;
	recoveryFilterMs: number;
	/** Through all three pages, attribution and recovery tables included. */
	peakAllMb: number;
}

async function oneRun(): Promise<Run> {
	const { result, peakMb } = await peakDuring(async () => {
		const { watched, figures } = await openOverview(site, TIMEOUT);
		const overviewFilterMs = await filterLatency(watched.page);
		const attributionOpenMs = await goTo(watched.page, 'Root causes', TIMEOUT);
		const attributionFilterMs = await filterLatency(watched.page);
		const recoveryOpenMs = await goTo(watched.page, 'Recovery', TIMEOUT);
		const recoveryFilterMs = await filterLatency(watched.page);
		const errors = [...watched.errors];
		await watched.context.close();
		if (errors.length > 0) throw new Error(`the page logged ${errors.length} error(s): ${errors.join('; ')}`);
		return { ...figures, overviewFilterMs, attributionOpenMs, attributionFilterMs, recoveryOpenMs, recoveryFilterMs };
	});
	return { ...result, peakAllMb: peakMb };
}

/** The same steps on either engine; each entry is milliseconds. */
async function engineSteps(engine: Engine, files: readonly TableFile[]): Promise<Map<string, number>> {
	const times = new Map<string, number>();
	const time = async (label: string, work: () => Promise<unknown>) => {
		const started = performance.now();
		await work();
		times.set(label, performance.now() - started);
	};
	for (const table of ['tickets', 'billing'] as const) {
		const file = files.find((f) => f.table === table);
		if (!file) continue;
		const name = `bare/${file.name}`;
		await engine.registerFile(name, file.bytes);
		await time(`bare read_csv ${table} (${rowsOf(table).toLocaleString('en')} rows)`, () => engine.query(`CREATE TABLE bare_${table} AS SELECT * FROM read_csv('${name}')`));
		await engine.query(`DROP TABLE bare_${table}`);
		await engine.dropFile(name);
	}
	await time('load six tables + overview pre-aggregates', () => loadCanonicalTables(engine, files));
	const choices = await loadFilterChoices(engine);
	const site = { ...DEFAULT_FILTERS, sites: [choices.clinics[0]?.site ?? ''] };
	await time('overview queries, default view', () => overviewModel(engine, DEFAULT_FILTERS, choices.clinics));
	await time('overview queries, one site', () => overviewModel(engine, site, choices.clinics));
	await time('root-cause attribution (build)', () => buildAttribution(engine));
	await time('root-cause page queries, one site', async () => {
		for (const q of [causeTotals(site), causeByWeek(site), causeByClinic(site)]) await engine.query(q);
	});
	await time('recovery pre-aggregates (build)', async () => {
		for (const statement of createRecoveryTables()) await engine.query(statement);
	});
	return times;
}

describe.sequential(`site at scale (${scale})`, () => {
	it(`${RUNS} cold runs in Chromium`, async () => {
		const runs: Run[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
		const pick = (key: keyof Run) => spread(runs.map((r) => r[key]));
		const files = siteFiles(siteDir);
		const over = files.overLimit.map((f) => `${f.file} ${f.mib.toFixed(1)} MiB`).join(', ');
		console.log(
			[
				'',
				`Site at scale: ${rowsOf('tickets').toLocaleString('en')} tickets, ${rowsOf('billing').toLocaleString('en')} billing rows (Debian Chromium, headless, ${RUNS} fresh contexts)`,
				HEADER,
				...loadRows(runs),
				row('overview filter change -> charts updated', pick('overviewFilterMs'), 'ms', '<= 100'),
				row('open root causes (attribution built)', pick('attributionOpenMs'), 'ms'),
				row('root causes filter change -> charts updated', pick('attributionFilterMs'), 'ms', '<= 100'),
				row('open recovery (pre-aggregates built)', pick('recoveryOpenMs'), 'ms'),
				row('recovery filter change -> charts updated', pick('recoveryFilterMs'), 'ms', '<= 100'),
				row('total transfer to data loaded', pick('transferMb'), 'MB'),
				row('peak renderer memory (RSS, to data loaded)', pick('peakMb'), 'MB'),
				row('peak renderer memory (RSS, all three pages)', pick('peakAllMb'), 'MB'),
				`files over the ${PER_FILE_LIMIT / 1024 / 1024} MiB per-file limit of common static hosts: ${over || 'none'}`,
				''
			].join('\n')
		);
	});

	it('wasm against native DuckDB, same files and queries', async () => {
		const files: TableFile[] = data.manifest.tables.map((t) => ({ table: t.table, name: t.file, bytes: readFileSync(path.join(data.dir, t.file)) }));
		const wasm = await startNodeEngine();
		const wasmVersion = String((await wasm.query('SELECT version() AS v')).getChild('v')?.get(0));
		const wasmTimes = await engineSteps(wasm, files);
		await wasm.close();
		const native = await startNativeEngine();
		const nativeTimes = await engineSteps(native, files);
		await native.close();
		const rows = [...wasmTimes].map(([step, ms]) => {
			const nativeMs = nativeTimes.get(step) ?? NaN;
			return [step, Math.round(ms).toString(), Math.round(nativeMs).toString(), (ms / nativeMs).toFixed(1)];
		});
		console.log(
			[
				'',
				`DuckDB-wasm ${wasmVersion} (node bundle, one thread, as in the browser) against native DuckDB ${native.version} (@duckdb/node-api, SET threads = 1)`,
				renderTable(['step', 'wasm ms', 'native ms', 'wasm/native'], rows),
				''
			].join('\n')
		);
	});
});
