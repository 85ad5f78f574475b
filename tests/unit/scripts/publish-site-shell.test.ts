/**
 * A publish writes the prebuilt site and `data/` as the build would emit it for its data
 * folder, and the engine a script computes with is chosen by HYPERCARE_ENGINE.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledDataFiles } from '../../../scripts/bundled-data-plugin';
import { sourceDigest, writeSite } from '../../../scripts/publish/site-shell';
import { engineChoice } from '../../../scripts/script-engine';

const dirs: string[] = [];
const scratch = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'hypercare-shell-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('publish site shell', () => {
	it('copies the shell, drops what the folder held before, and writes data/ as the build emits it', () => {
		const shell = scratch();
		mkdirSync(path.join(shell, '_app'));
		writeFileSync(path.join(shell, 'index.html'), '<!doctype html>');
		writeFileSync(path.join(shell, '_app', 'app.js'), 'app');
		const data = scratch();
		writeFileSync(path.join(data, 'manifest.json'), JSON.stringify({ tables: [{ file: 'tickets.csv.gz' }] }));
		writeFileSync(path.join(data, 'tickets.csv.gz'), 'rows');
		writeFileSync(path.join(data, 'truth.csv'), 'never shipped');
		const out = path.join(scratch(), 'site');
		mkdirSync(path.join(out, 'data'), { recursive: true });
		writeFileSync(path.join(out, 'data', 'old.csv.gz'), 'an earlier publish');

		writeSite({ dir: shell, built: false, seconds: 0 }, data, out);

		expect(readFileSync(path.join(out, '_app', 'app.js'), 'utf8')).toBe('app');
		expect(existsSync(path.join(out, 'data', 'old.csv.gz'))).toBe(false);
		expect(existsSync(path.join(out, 'data', 'truth.csv'))).toBe(false);
		for (const file of bundledDataFiles(data)) expect(readFileSync(path.join(out, file.fileName)).equals(Buffer.from(file.source))).toBe(true);
		expect(bundledDataFiles(data).map((f) => f.fileName)).toEqual(['data/manifest.json', 'data/tickets.csv.gz', 'data/kept.bin']);
	});

	it('builds the shell again when a source of the app changes, not when nothing does', () => {
		const repo = scratch();
		mkdirSync(path.join(repo, 'src', 'lib'), { recursive: true });
		writeFileSync(path.join(repo, 'src', 'lib', 'a.ts'), 'one');
		writeFileSync(path.join(repo, 'vite.config.ts'), 'config');
		const before = sourceDigest(repo);
		expect(sourceDigest(repo)).toBe(before);
		writeFileSync(path.join(repo, 'src', 'lib', 'a.ts'), 'two');
		expect(sourceDigest(repo)).not.toBe(before);
	});

	it('computes with native DuckDB unless HYPERCARE_ENGINE says wasm, and refuses anything else', () => {
		expect(engineChoice(undefined)).toBe('native');
		expect(engineChoice('wasm')).toBe('wasm');
		expect(() => engineChoice('motherduck')).toThrow(/native or wasm/);
	});
});
