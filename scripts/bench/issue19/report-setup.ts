/**
 * The report step of `npm run bench` (vitest globalSetup): once every bench file has run, prints
 * the issue-19 table from the shared results file, every target per page with its measured value
 * and met / not met, and the machine; then appends the run to docs/bench-results/issue-19.jsonl
 * (date, commit, machine, rows) for docs/performance-history.md to quote. Rows written by an
 * earlier run are shown with their date; hooks no bench has filled yet are listed as such.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { commit, describeMachine, machine } from './machine';
import { met, readResults, RESULTS_FILE, type BenchRow } from './results';

export const HISTORY_FILE = path.resolve('docs/bench-results/issue-19.jsonl');

/** Rows other helpers' benches fill (decode: Mosaic; native: publish at full scale). */
const HOOKS: readonly Omit<BenchRow, 'at' | 'value' | 'detail' | 'source'>[] = [
	{ id: 'mosaic-ratio', page: 'Overview', measure: 'site cross-filter, Hypercare / Mosaic', scale: 'full', target: 1, unit: 'x' },
	{ id: 'publish-report/full', page: 'all', measure: 'npm run publish-report', scale: 'full', target: 60, unit: 's' }
];

const PAGE_ORDER = ['Overview', 'Actions', 'Root causes', 'Recovery', 'all'];
/** Measures in the order of the issue's targets, by the start of their id. */
const MEASURE_ORDER = [
	'ready-cold/bundled',
	'ready-cold/published',
	'ready-after-import',
	'filter-p50',
	'filter-p95',
	'filter-visible-p50',
	'filter-visible-p95',
	'mosaic-ratio',
	'memory-peak',
	'publish-report'
];
const measureRank = (id: string) => {
	const i = MEASURE_ORDER.findIndex((prefix) => id.startsWith(prefix));
	return i < 0 ? MEASURE_ORDER.length : i;
};
const ALIGN_RIGHT = new Set(['target', 'value']);

/** Text columns left-aligned, figures right-aligned, two spaces between columns. */
function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((c, i) => (ALIGN_RIGHT.has(headers[i] ?? '') ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One line, short enough for a terminal: the results file keeps the whole text. */
const short = (text: string, max = 140) => {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const SCALE_ORDER = ['sample', 'quick', 'full'];

function format(r: BenchRow): string {
	if (r.value === null || !Number.isFinite(r.value)) return 'n/a';
	return r.unit === 's' || r.unit === 'x' ? `${r.value.toFixed(r.unit === 'x' ? 2 : 1)} ${r.unit}` : `${Math.round(r.value)} ${r.unit}`;
}

export function issue19Table(rows: readonly BenchRow[], since: string): string {
	const m = machine();
	const filled = new Set(rows.map((r) => r.id));
	const missing = HOOKS.filter((h) => !filled.has(h.id)).map((h): BenchRow => ({ ...h, value: null, detail: `hook: a bench writes row id "${h.id}" with recordRows()`, source: '', at: '' }));
	const sorted = [...rows, ...missing].sort(
		(a, b) => PAGE_ORDER.indexOf(a.page) - PAGE_ORDER.indexOf(b.page) || measureRank(a.id) - measureRank(b.id) || SCALE_ORDER.indexOf(a.scale) - SCALE_ORDER.indexOf(b.scale)
	);
	const body = sorted.map((r) => [
		r.page,
		r.measure,
		r.scale,
		r.target === null ? '' : `<= ${r.target} ${r.unit}`,
		format(r),
		met(r),
		short(`${r.at && r.at < since ? `[earlier run, ${r.at.slice(0, 16)}Z] ` : ''}${r.detail}`)
	]);
	return [
		'',
		`Issue 19 targets, ${new Date().toISOString().slice(0, 16)}Z, commit ${commit()}`,
		`Machine: ${describeMachine(m)}`,
		renderTable(['page', 'measure', 'scale', 'target', 'value', 'met', 'how'], body),
		`Results file: ${RESULTS_FILE}; history: ${path.relative(process.cwd(), HISTORY_FILE)}`,
		''
	].join('\n');
}

export default function setup(): () => void {
	const since = new Date().toISOString();
	return () => {
		const rows = readResults().rows;
		if (rows.length === 0) return;
		console.log(issue19Table(rows, since));
		const fresh = rows.filter((r) => r.at >= since);
		if (fresh.length === 0) return;
		mkdirSync(path.dirname(HISTORY_FILE), { recursive: true });
		appendFileSync(HISTORY_FILE, `${JSON.stringify({ date: new Date().toISOString(), commit: commit(), machine: machine(), rows: fresh })}\n`);
	};
}
