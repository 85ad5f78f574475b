/**
 * The site without its data: what `vite build` makes, less `data/`. Nothing else in it depends
 * on the data (the pages fetch `data/` in the browser), so it is built once per digest of the
 * app's sources into node_modules/.cache/hypercare-publish/ and a publish copies it and writes
 * `data/` with the build's own list (bundledDataFiles). Bundling the app took 70–120 s of a
 * 340 s publish on two cores; a publish of the same code no longer pays it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundledDataFiles } from '../bundled-data-plugin';

/** What the built site is made of: a change to any of these builds the shell again. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json', 'scripts/bundled-data-plugin.ts', 'scripts/precompress-wasm-plugin.ts'];

export function sourceDigest(repo: string): string {
	const hash = createHash('sha256');
	for (const source of SOURCES) {
		const full = path.join(repo, source);
		if (!existsSync(full)) continue;
		const names = statSync(full).isDirectory()
			? readdirSync(full, { recursive: true, withFileTypes: true })
					.filter((e) => e.isFile())
					.map((e) => path.relative(repo, path.join(e.parentPath, e.name)))
					.sort()
			: [source];
		for (const name of names) hash.update(`${name}\0`).update(readFileSync(path.join(repo, name)));
	}
	return hash.digest('hex').slice(0, 16);
}

export interface Shell {
	readonly dir: string;
	/** False when a shell of the same sources was already built. */
	readonly built: boolean;
	readonly seconds: number;
}

function viteBuild(repo: string, out: string, signal?: AbortSignal): Promise<void> {
	// Any data folder will do: its files are removed from the shell.
	const env = { ...process.env, NODE_ENV: 'production', HYPERCARE_DATA_DIR: path.join(repo, 'data/sample'), HYPERCARE_BUILD_DIR: out };
	return new Promise((resolve, reject) => {
		// vite's own script in one node process, so that an abort ends the whole build.
		const child = spawn(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
			cwd: repo,
			env,
			signal,
			stdio: ['ignore', 'ignore', 'inherit']
		});
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build of the site exited with ${code}`))));
	});
}

/** The shell of the current sources, built now if there is none (start it early: it runs beside the import). */
export async function ensureShell(repo: string, signal?: AbortSignal): Promise<Shell> {
	const started = performance.now();
	const dir = path.join(repo, 'node_modules/.cache/hypercare-publish', `site-${sourceDigest(repo)}`);
	if (existsSync(path.join(dir, 'index.html'))) return { dir, built: false, seconds: 0 };
	const building = `${dir}.building-${process.pid}`;
	rmSync(building, { recursive: true, force: true });
	try {
		await viteBuild(repo, building, signal);
	} catch (error) {
		rmSync(building, { recursive: true, force: true });
		throw error;
	}
	rmSync(path.join(building, 'data'), { recursive: true, force: true });
	rmSync(dir, { recursive: true, force: true });
	renameSync(building, dir);
	return { dir, built: true, seconds: (performance.now() - started) / 1000 };
}

/** The site of `dataDir` in `out` (emptied first, as the build would): the shell, and `data/` as the build emits it. */
export function writeSite(shell: Shell, dataDir: string, out: string): void {
	rmSync(out, { recursive: true, force: true });
	cpSync(shell.dir, out, { recursive: true });
	for (const file of bundledDataFiles(dataDir)) {
		const target = path.join(out, file.fileName);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, file.source);
	}
}
