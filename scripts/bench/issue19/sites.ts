/**
 * The sites the issue-19 table measures, per data volume: the bundled site (the data built in, as
 * `npm run build` does) and a published report (`npm run publish-report` of the same exports,
 * timed), plus the export files the Import page is given. `sample` is the bundled sample and
 * `build/` (built by `npm run bench` first); `full` and `quick` are scale-data.ts's volumes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSite } from '../../harness/build-site';
import type { Manifest } from '../../sample/manifest';
import { ensureScaleData, type ScaleName } from '../scale-data';

export type Volume = 'sample' | ScaleName;

const CACHE = path.resolve('node_modules/.cache/hypercare-bench');

export interface VolumeSites {
	readonly volume: Volume;
	readonly tickets: number;
	readonly billing: number;
	/** The folder of exports (the generator's files and manifest). */
	readonly dataDir: string;
	/** The export files, as a user would pick them on the Import page. */
	readonly files: readonly string[];
	readonly bundledSite: string;
	/** null when publishing failed (the reason is in publishError). */
	readonly publishedSite: string | null;
	readonly publishSeconds: number | null;
	readonly publishError: string;
}

const rowsOf = (manifest: Manifest, table: string) => manifest.tables.find((t) => t.table === table)?.rows ?? 0;

/**
 * The export files alone in a folder of their own, as a user hands them to publish-report: the
 * generator's folder also holds its manifest and truth, which are no exports.
 */
function exportsFolder(volume: Volume, files: readonly string[]): string {
	const dir = path.join(CACHE, `exports-${volume}`);
	mkdirSync(dir, { recursive: true });
	for (const file of files) {
		const copy = path.join(dir, path.basename(file));
		if (!existsSync(copy) || statSync(copy).size !== statSync(file).size || statSync(copy).mtimeMs < statSync(file).mtimeMs) copyFileSync(file, copy);
	}
	return dir;
}

/** `npm run publish-report` as a user runs it, timed from the command to the site written. */
function publish(dataDir: string, out: string): { seconds: number | null; error: string } {
	const started = performance.now();
	try {
		execFileSync('npm', ['run', 'publish-report', '--', '--data', dataDir, '--out', out], { stdio: 'pipe', env: { ...process.env, INIT_CWD: process.cwd() } });
		return { seconds: (performance.now() - started) / 1000, error: '' };
	} catch (error) {
		const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
		return { seconds: null, error: (stderr.trim().split('\n').at(-1) ?? (error as Error).message).slice(0, 200) };
	}
}

/** `bundled`: build the scale data's own site (the sample's is build/); `publish`: publish a report of it, timed. */
export async function prepareVolume(volume: Volume, build: { publish: boolean; bundled: boolean }): Promise<VolumeSites> {
	let dataDir: string;
	let manifest: Manifest;
	let bundledSite: string;
	if (volume === 'sample') {
		dataDir = path.resolve('data/sample');
		manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
		bundledSite = path.resolve('build');
	} else {
		({ dir: dataDir, manifest } = await ensureScaleData(volume));
		bundledSite = path.join(CACHE, `site-${volume}`);
		// BENCH_REUSE_SITE=1 keeps a site built by an earlier run of the same data (the build takes minutes at full scale).
		const reuse = process.env.BENCH_REUSE_SITE === '1' && existsSync(path.join(bundledSite, 'index.html'));
		if (build.bundled && !reuse) {
			// As `npm run build` does: the kept results of this data, then the site around it.
			execFileSync('npx', ['tsx', 'scripts/kept-results.ts'], { env: { ...process.env, HYPERCARE_DATA_DIR: dataDir }, stdio: 'pipe' });
			buildSite(dataDir, bundledSite);
		}
	}
	const files = manifest.tables.map((t) => path.join(dataDir, t.file));
	const published = build.publish ? publish(exportsFolder(volume, files), path.join(CACHE, `published-${volume}`)) : { seconds: null, error: 'not run (BENCH_PUBLISH=0)' };
	return {
		volume,
		tickets: rowsOf(manifest, 'tickets'),
		billing: rowsOf(manifest, 'billing'),
		dataDir,
		files,
		bundledSite,
		publishedSite: published.seconds === null ? null : path.join(CACHE, `published-${volume}`),
		publishSeconds: published.seconds,
		publishError: published.error
	};
}
