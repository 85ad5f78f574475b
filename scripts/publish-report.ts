/**
 * `npm run publish-report -- --data <folder> --out <folder> [--allow-rejected]`
 *
 * Builds the static site with a folder of exports as its bundled data: every export file is
 * imported as the Import page would (same detection, mapping, checks and merging), the
 * counts are printed (read = accepted + rejected + merged), any rejected row stops the
 * publish unless --allow-rejected, and the canonical tables are written as the site's data
 * folder, with every page's default view kept for them. Exit code 0: published; 1: the data
 * cannot be published as it is; 2: wrong arguments.
 *
 * The import, the data folder and the kept results run on native DuckDB on every core
 * (HYPERCARE_ENGINE=wasm runs them on the app's duckdb-wasm build instead): the app's own
 * import code and statements either way, with the same results (tests/unit/engine). The app
 * itself is bundled once per source digest, beside the import (publish/site-shell.ts).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { presetById, type ImportReport } from '$lib/ingest';
import { firstRejects, importFolder, PublishError } from './publish/import-folder';
import { writeDataFolder } from './publish/data-folder';
import { ensureShell, writeSite } from './publish/site-shell';
import { engineChoice, startScriptEngine } from './script-engine';
import { startKeptStep } from './kept/kept-step';
import { tablesFromWrittenRows } from './publish/loaded-tables';
import { formatSteps, stepTimer, timedEngine } from './publish/timings';

/** Stops the app's bundling when the publish stops. */
const bundling = new AbortController();
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOWN_REJECTS = 10;
const n = (value: number) => value.toLocaleString('en-US');

function usage(problem: string): never {
	console.error(`${problem}\nUsage: npm run publish-report -- --data <folder of exports> --out <folder for the site> [--allow-rejected]`);
	process.exit(2);
}

/** The site goes to its own folder, which the build empties first: never the repo's build/ or data, never a folder of other files. */
function checkOut(out: string, data: string): void {
	const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${path.sep}`);
	if (inside(out, path.join(REPO, 'build')) || inside(out, path.join(REPO, 'data')) || out === REPO)
		usage(`--out ${out}: not inside the repository's build/ or data/ (they belong to npm run build); pick a folder of its own.`);
	if (inside(out, data) || inside(data, out)) usage(`--out ${out} and --data ${data} must not contain each other.`);
	if (existsSync(out) && readdirSync(out).length > 0 && !(existsSync(path.join(out, 'index.html')) && existsSync(path.join(out, '_app')))) {
		usage(`--out ${out} holds other files; the build would delete them. Pick an empty folder (or a site published before).`);
	}
}

function printCounts(report: ImportReport): void {
	for (const f of report.files) {
		const how = `${presetById(f.preset)?.label ?? f.preset}; ${f.format || 'not read'}`;
		if (f.status === 'stopped') console.log(`  ${f.file} → ${f.table} (${how}): STOPPED: ${f.message ?? ''}`);
		else console.log(`  ${f.file} → ${f.table} (${how}): read ${n(f.read)} = accepted ${n(f.accepted)} + rejected ${n(f.rejected)} + merged ${n(f.merged)}`);
	}
	for (const t of report.tables) {
		console.log(
			`  table ${t.table}: read ${n(t.read)} = accepted ${n(t.accepted)} + rejected ${n(t.rejected)} + merged ${n(t.merged)}${t.status === 'kept' ? ` (${t.message ?? 'not replaced'})` : ''}`
		);
		for (const u of t.unknownValues.slice(0, 5)) console.log(`    kept a value outside the vocabulary: ${u.column} = "${u.value}" (${n(u.rows)} rows)`);
	}
}

const machine = () =>
	`${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}, node ${process.version}`;

function largestFile(dir: string): { file: string; bytes: number } {
	let best = { file: '', bytes: 0 };
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		const bytes = statSync(file).size;
		if (bytes > best.bytes) best = { file: path.relative(dir, file), bytes };
	}
	return best;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { data: { type: 'string' }, out: { type: 'string' }, 'allow-rejected': { type: 'boolean', default: false }, timings: { type: 'boolean', default: false } }
	});
	// Statement timings, here and in the kept results' own process (stderr).
	if (values.timings) process.env.HYPERCARE_TIMINGS = '1';
	if (!values.data || !values.out) usage('Both --data and --out are needed.');
	// npm runs scripts from the package folder; relative paths mean the folder the command was typed in.
	const cwd = process.env.INIT_CWD ?? process.cwd();
	const data = path.resolve(cwd, values.data);
	const out = path.resolve(cwd, values.out);
	if (!existsSync(data) || !statSync(data).isDirectory()) usage(`--data ${data}: no such folder.`);
	checkOut(out, data);

	const started = performance.now();
	const timer = stepTimer();
	// The app is bundled (when its sources changed) while the data is imported.
	const shell = ensureShell(REPO, bundling.signal);
	shell.catch(() => undefined);
	// Vite compiles the pages' state classes for the kept results while the data is imported too.
	const keptStep = startKeptStep();
	keptStep.catch(() => undefined);
	const scriptEngine = await startScriptEngine();
	const timed = timedEngine(scriptEngine);
	const engine = values.timings ? timed.engine : scriptEngine;
	console.log(`Importing the exports in ${data} (${engine.label})`);
	const staging = mkdtempSync(path.join(tmpdir(), 'hypercare-publish-'));
	try {
		const { prepared, skipped } = await importFolder(engine, data, values.timings ? timer.done : undefined);
		timer.done('import and checks');
		for (const name of skipped) console.log(`  ${name}: skipped (not an export file by its name)`);
		printCounts(prepared.report);
		const stopped = prepared.report.files.filter((f) => f.status === 'stopped');
		if (stopped.length > 0) throw new PublishError(`${stopped.map((f) => f.file).join(', ')} could not be imported (see above); nothing was published.`);
		const rejected = prepared.report.files.reduce((s, f) => s + f.rejected, 0);
		if (rejected > 0) {
			const rejects = await firstRejects(engine, SHOWN_REJECTS);
			const list = rejects.map((r) => `  ${r.file}, row ${r.row}, column ${r.column}: "${r.value}" is not ${r.expected}`).join('\n');
			const more = rejected > rejects.length ? `\n  … and ${n(rejected - rejects.length)} more` : '';
			if (!values['allow-rejected'])
				throw new PublishError(`${n(rejected)} row(s) were rejected, so nothing was published. Fix the exports, or publish without them with --allow-rejected:\n${list}${more}`);
			console.log(`Publishing without ${n(rejected)} rejected row(s) (--allow-rejected):\n${list}${more}`);
		}
		const published = { at: new Date().toISOString(), files: prepared.report.files.filter((f) => f.status === 'read').map((f) => ({ file: f.file, table: f.table })) };
		const manifest = await writeDataFolder(engine, [...prepared.next.keys()], staging, { keepSorted: true, onePiece: engineChoice() === 'native', published });
		console.log(`Canonical tables: ${manifest.tables.map((t) => `${t.table} ${n(t.rows)} rows`).join(', ')}`);
		timer.done('data folder written');
		if (values.timings) console.error(`Import and data folder, ${timed.report(25)}`);
		// Every page's default view, on the same engine: its tables are made from the rows just written, as the browser would load them.
		const step = await keptStep;
		timer.done('kept: state classes ready (Vite, beside the import)');
		try {
			const kept = await step.run(staging, engine, scriptEngine.label, { load: tablesFromWrittenRows, onStep: values.timings ? timer.done : undefined });
			console.log(`Kept results: ${kept.entries} statements, ${(kept.bytes.byteLength / 1024).toFixed(0)} KB gzip`);
		} finally {
			await step.close();
		}
		await engine.close();
		timer.done('kept results');
		if (values.timings) console.error(`Kept results, ${timed.report(30)}`);
		console.log(`Building the site into ${out}`);
		const site = await shell;
		timer.done(site.built ? `app bundled (${site.seconds.toFixed(1)} s beside the steps above)` : 'app bundle reused');
		writeSite(site, staging, out);
		timer.done('site written');
		const largest = largestFile(out);
		console.log(`Published ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s; largest file ${largest.file} (${(largest.bytes / 2 ** 20).toFixed(1)} MiB).`);
		console.log(`Steps: ${formatSteps(timer.steps)}`);
		console.log(`Machine: ${machine()}`);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	bundling.abort();
	console.error(error instanceof PublishError ? error.message : error);
	process.exit(1);
});
