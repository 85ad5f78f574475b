/**
 * `tsx scripts/kept-results.ts`: computes the results every page shows by default for the
 * bundled data folder (HYPERCARE_DATA_DIR, default data/sample), once per data, into
 * .svelte-kit/hypercare/kept-<digest>.bin; the bundled-data plugin serves it as data/kept.bin.
 * Pages draw their default view from it before DuckDB has started. Run by `npm run build`
 * (publish-report runs the same step in its own process: scripts/kept/kept-step.ts).
 * HYPERCARE_TIMINGS=1 prints each step's and statement's wall and CPU time to stderr.
 */
import path from 'node:path';
import { startKeptStep } from './kept/kept-step';
import { formatSteps, stepTimer, timedEngine, timingsWanted } from './publish/timings';
import { startScriptEngine } from './script-engine';

const started = performance.now();
const timer = stepTimer();
const dataDir = path.resolve(process.env.HYPERCARE_DATA_DIR ?? 'data/sample');
const step = await startKeptStep(timer.done);
try {
	// Native DuckDB on every core unless HYPERCARE_ENGINE=wasm: the same statements, the same results (tests/unit/engine/native-engine.test.ts).
	const engine = await startScriptEngine();
	const timed = timedEngine(engine);
	const kept = await step.run(dataDir, timingsWanted() ? timed.engine : engine, engine.label, { onStep: timer.done });
	await engine.close();
	const steps = Object.entries(kept.steps)
		.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
		.join(', ');
	console.log(
		`kept results of ${dataDir}: ${kept.entries} statements, ${(kept.bytes.byteLength / 1024).toFixed(0)} KB gzip, in ${((performance.now() - started) / 1000).toFixed(1)} s (${steps}; ${engine.label})`
	);
	if (timingsWanted()) console.error(`Kept results steps: ${formatSteps(timer.steps)}\nKept results, ${timed.report(30)}`);
} finally {
	await step.close();
}
