/**
 * The shared results file of the issue-19 table: every benchmark that measures one of its targets
 * writes its rows here (`recordRows`), and the report step printed after the whole bench run
 * (`report-setup.ts`) reads them back into one table. Rows are keyed by `id`: a later run of the
 * same measure replaces the earlier row, rows of other benches are kept. Other helpers' hooks:
 * `mosaic-ratio` (Hypercare's latency over Mosaic's, Overview site cross-filter, unit x, target 1) and
 * `publish-report/full` (seconds of `npm run publish-report` on the full-scale data, target 60).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(process.env.BENCH_RESULTS_FILE ?? 'node_modules/.cache/hypercare-bench/results.json');

export type Page = 'Overview' | 'Actions' | 'Root causes' | 'Recovery' | 'all';

export interface BenchRow {
	/** Stable key, e.g. `ready-cold/bundled/sample/Overview`. */
	readonly id: string;
	readonly page: Page;
	/** What is measured, in words (`ready, cold, bundled site`). */
	readonly measure: string;
	/** `sample`, `full` or `quick` (the data volume), or `-` when it has none. */
	readonly scale: string;
	/** Lower is better: met when value <= target. null: no target, reported only. */
	readonly target: number | null;
	readonly unit: 'ms' | 's' | 'MB' | 'x';
	/** null: not measured (the detail says why). */
	readonly value: number | null;
	/** How it was measured: runs, spread, what failed. */
	readonly detail: string;
	/** Which bench wrote it, and when (ISO). */
	readonly source: string;
	readonly at: string;
}

export interface ResultsFile {
	rows: BenchRow[];
}

export function readResults(): ResultsFile {
	if (!existsSync(RESULTS_FILE)) return { rows: [] };
	try {
		const parsed = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<ResultsFile>;
		return { rows: Array.isArray(parsed.rows) ? parsed.rows : [] };
	} catch {
		return { rows: [] };
	}
}

/** Adds or replaces rows by id (benches run one after another, never two writers at once). */
export function recordRows(rows: readonly Omit<BenchRow, 'at'>[]): void {
	const at = new Date().toISOString();
	const byId = new Map(readResults().rows.map((r) => [r.id, r]));
	for (const r of rows) byId.set(r.id, { ...r, at });
	mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	writeFileSync(RESULTS_FILE, JSON.stringify({ rows: [...byId.values()] }, null, '\t'));
}

export const met = (r: Pick<BenchRow, 'target' | 'value'>): string =>
	r.target === null ? '' : r.value === null || !Number.isFinite(r.value) ? 'not measured' : r.value <= r.target ? 'met' : 'NOT MET';
