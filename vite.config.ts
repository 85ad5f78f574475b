import { sveltekit } from '@sveltejs/kit/vite';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { bundledData } from './scripts/bundled-data-plugin.ts';
import { precompressWasm } from './scripts/precompress-wasm-plugin.ts';

const dataDir = path.resolve(process.env.HYPERCARE_DATA_DIR ?? 'data/sample');

export default defineConfig({
	plugins: [bundledData(dataDir), precompressWasm(), sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					testTimeout: 60_000,
					// Some suites generate a whole go-live first; on two busy cores that takes a while.
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// One Chromium at a time: CI has two cores.
					fileParallelism: false
				}
			}
		]
	}
});
