/**
 * Issue 19's targets per page, on the bundled sample and at scale (BENCH_SCALE: full by default,
 * quick for a tenth): ready cold (bundled site and published report), ready after an import,
 * filter changes p50/p95, renderer peak memory, publish-report time. Rows go to the shared
 * results file (issue19/results.ts); the table is printed once every bench has run
 * (issue19/report-setup.ts). BENCH_RUNS cold loads per page (3), BENCH_FILTER_REPS toggles per
 * control (20, made even), BENCH_ISSUE19_VOLUMES=sample to skip the scale part, BENCH_PUBLISH=0
 * to skip publishing, BENCH_ISSUE19_PARTS=publish,cold,import,filter to run only some measures. Never fails on a missed target; a measure that fails is recorded as such.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium } from '../harness/browser';
import { serveStatic, type StaticServer } from '../harness/static-server';
import type { Browser } from 'playwright-core';
import { percentile } from './issue19/filter-change';
import { afterImport, coldReady, filterSession, PAGES, type KindTimes, type PageName } from './issue19/measure';
import { recordRows, type BenchRow } from './issue19/results';
import { prepareVolume, type Volume, type VolumeSites } from './issue19/sites';
import { peakDuring } from './renderer-memory';
import { benchScale } from './scale-data';
import { spread } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REPS = Math.ceil(Number(process.env.BENCH_FILTER_REPS ?? 20) / 2) * 2;
const TIMEOUT = 15 * 60_000;
const VOLUMES = (process.env.BENCH_ISSUE19_VOLUMES ?? `sample,${benchScale()}`).split(',').filter(Boolean) as Volume[];
/** Which measures to run (all by default): publish (and the published report's cold loads), cold, import, filter (and memory). */
const PARTS = new Set((process.env.BENCH_ISSUE19_PARTS ?? 'publish,cold,import,filter').split(','));
const SOURCE = 'issue19.bench-run.ts';
const MEMORY_TARGET_MB = 1500;

let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

type Row = Omit<BenchRow, 'at' | 'source'>;
const rows: Row[] = [];
const add = (row: Row) => {
	rows.push(row);
	recordRows([{ ...row, source: SOURCE }]);
	console.log(
		`  ${row.page.padEnd(11)} ${row.measure.padEnd(40)} ${row.value === null ? 'n/a' : row.value.toFixed(row.unit === 'ms' || row.unit === 'MB' ? 0 : 1)} ${row.unit}  ${row.detail}`
	);
};
const describeSpread = (values: number[]) => {
	const s = spread(values);
	return `median of ${values.length} (${Math.round(s.min)}–${Math.round(s.max)})`;
};

async function withServer<T>(root: string, work: (origin: string) => Promise<T>): Promise<T> {
	const server: StaticServer = await serveStatic(root);
	try {
		return await work(server.origin);
	} finally {
		await server.close();
	}
}

/** A measure that may fail: the failure becomes the row's detail, not the bench's end. */
async function attempt<T>(work: () => Promise<T>): Promise<T | Error> {
	try {
		return await work();
	} catch (error) {
		return error instanceof Error ? error : new Error(String(error));
	}
}

async function coldRows(v: VolumeSites, kind: 'bundled' | 'published', root: string | null, why: string): Promise<void> {
	for (const { name, route } of PAGES) {
		const id = `ready-cold/${kind}/${v.volume}/${name}`;
		const measure = `ready, cold, ${kind === 'bundled' ? 'bundled site' : 'published report'}`;
		if (root === null) {
			add({ id, page: name, measure, scale: v.volume, target: 1000, unit: 'ms', value: null, detail: why });
			continue;
		}
		const times: number[] = [];
		let failure = '';
		await withServer(root, async (origin) => {
			for (let i = 0; i < RUNS; i++) {
				const t = await attempt(() => coldReady(browser, origin, route, TIMEOUT));
				if (t instanceof Error) failure = t.message.slice(0, 160);
				else times.push(t);
			}
		});
		const value = times.length > 0 ? spread(times).median : null;
		add({ id, page: name, measure, scale: v.volume, target: 1000, unit: 'ms', value, detail: `${times.length > 0 ? describeSpread(times) : ''}${failure ? ` failed: ${failure}` : ''}` });
	}
}

async function importRows(v: VolumeSites): Promise<void> {
	const target = v.volume === 'sample' ? 3000 : 10_000;
	const results = await withServer('build', async (origin) => {
		const out: Awaited<ReturnType<typeof afterImport>>[] = [];
		let failure = '';
		for (let i = 0; i < RUNS; i++) {
			const r = await attempt(() => afterImport(browser, origin, v.files, TIMEOUT));
			if (r instanceof Error) failure = r.message.slice(0, 160);
			else out.push(r);
		}
		return { out, failure };
	});
	const importMs = results.out.map((r) => r.importMs);
	for (const [page, key] of [
		['Root causes', 'rootCauses'],
		['Recovery', 'recovery']
	] as const) {
		const times = results.out.map((r) => r[key]);
		add({
			id: `ready-after-import/${v.volume}/${page}`,
			page,
			measure: 'ready after an import (from its summary)',
			scale: v.volume,
			target,
			unit: 'ms',
			value: times.length > 0 ? spread(times).median : null,
			detail: [
				times.length > 0 ? `${describeSpread(times)}; the import itself ${Math.round(spread(importMs).median)} ms` : '',
				page === 'Recovery' ? 'Root causes visited first' : '',
				results.failure ? `failed: ${results.failure}` : ''
			]
				.filter(Boolean)
				.join('; ')
		});
	}
}

/**
 * Two rows per percentile: until every chart of the page is drawn (ids filter-p50/…, as before), and
 * until the charts in the viewport are (filter-visible-p50/…): the others are drawn in the frames after.
 */
function filterPageRows(v: VolumeSites, name: PageName, times: { all: KindTimes; visible: KindTimes } | null, failed: string): void {
	for (const part of ['all', 'visible'] as const) {
		const byKind = times?.[part] ?? null;
		const all = byKind ? Object.values(byKind).flat() : [];
		const perKind = byKind
			? Object.entries(byKind)
					.map(([k, t]) => `${k} ${Math.round(percentile(t, 50))}/${Math.round(percentile(t, 95))}`)
					.join(', ')
			: '';
		const n = all.filter(Number.isFinite).length;
		const detail = byKind ? `n=${n} of ${all.length}; p50/p95 by control: ${perKind}` : `failed: ${failed}`;
		for (const [p, target] of [
			[50, 16],
			[95, 50]
		] as const) {
			const value = percentile(all, p);
			const id = part === 'all' ? `filter-p${p}/${v.volume}/${name}` : `filter-visible-p${p}/${v.volume}/${name}`;
			const measure = part === 'all' ? `filter change p${p}, every chart drawn` : `filter change p${p}, charts in view drawn`;
			add({ id, page: name, measure, scale: v.volume, target, unit: 'ms', value: Number.isFinite(value) ? value : null, detail });
		}
	}
}

async function filterRows(v: VolumeSites): Promise<void> {
	const done = new Set<PageName>();
	const onPage = (name: PageName, times: { all: KindTimes; visible: KindTimes }) => {
		done.add(name);
		filterPageRows(v, name, times, '');
	};
	const session = await withServer(v.bundledSite, (origin) => attempt(() => peakDuring(() => filterSession(browser, origin, REPS, TIMEOUT, onPage))));
	const failed = session instanceof Error ? session.message.slice(0, 160) : '';
	for (const { name } of PAGES) if (!done.has(name)) filterPageRows(v, name, null, failed);
	add({
		id: `memory-peak/${v.volume}`,
		page: 'all',
		measure: 'renderer peak memory, four pages (RSS)',
		scale: v.volume,
		target: v.volume === 'sample' ? null : MEMORY_TARGET_MB,
		unit: 'MB',
		value: session instanceof Error ? null : session.peakMb,
		detail: session instanceof Error ? `failed: ${failed}` : 'one tab: every page loaded, then its filter changes'
	});
}

/** Each part is its own test with its own time limit: at full scale a part takes tens of minutes. */
const PART_TIMEOUT = 90 * 60_000;

describe.sequential('issue 19 targets', () => {
	for (const volume of VOLUMES) {
		let v: VolumeSites;
		it(
			`${volume}: data and sites (publish-report timed)`,
			async () => {
				v = await prepareVolume(volume, {
					publish: process.env.BENCH_PUBLISH !== '0' && PARTS.has('publish'),
					bundled: PARTS.has('cold') || PARTS.has('filter')
				});
				console.log(`\nIssue 19, ${volume}: ${v.tickets.toLocaleString('en')} tickets, ${v.billing.toLocaleString('en')} billing rows`);
				if (PARTS.has('publish'))
					add({
						id: `publish-report/${volume}`,
						page: 'all',
						measure: 'npm run publish-report',
						scale: volume,
						target: volume === 'sample' ? null : 60,
						unit: 's',
						value: v.publishSeconds,
						detail: v.publishError || 'the whole command: import of the exports, first view, site build (wasm DuckDB in node unless the native engine is in)'
					});
			},
			PART_TIMEOUT
		);
		it.runIf(PARTS.has('cold') || PARTS.has('publish'))(
			`${volume}: ready cold`,
			async () => {
				if (PARTS.has('cold')) await coldRows(v, 'bundled', v.bundledSite, '');
				if (PARTS.has('publish')) await coldRows(v, 'published', v.publishedSite, `no published report: ${v.publishError}`);
			},
			PART_TIMEOUT
		);
		it.runIf(PARTS.has('import'))(`${volume}: ready after an import`, () => importRows(v), PART_TIMEOUT);
		it.runIf(PARTS.has('filter'))(`${volume}: filter changes and memory`, () => filterRows(v), PART_TIMEOUT);
	}
});
