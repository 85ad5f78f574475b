/**
 * Benchmarks, apart from `npm test`: `npm run bench:attribution`. The sveltekit plugin gives
 * the `$lib` alias that src/lib modules import each other by.
 */
import { sveltekit } from '@sveltejs/kit/vite';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: path.resolve(import.meta.dirname, '..', '..'),
	plugins: [sveltekit()],
	test: {
		name: 'bench',
		environment: 'node',
		include: ['scripts/bench/**/*.bench-run.ts'],
		// Prints the issue-19 table once every bench file has run (and keeps the run in docs/bench-results/).
		globalSetup: ['scripts/bench/issue19/report-setup.ts'],
		// Scenarios generate and load a whole go-live each; one file, one scenario at a time.
		testTimeout: 30 * 60_000,
		hookTimeout: 10 * 60_000,
		fileParallelism: false,
		// The figures are the output: print them as they come, not buffered per test.
		disableConsoleIntercept: true,
		reporters: ['verbose']
	}
});
