import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSample, generateSample } from '../../../scripts/sample/generate';
import { isUpToDate, type Manifest } from '../../../scripts/sample/manifest';
import { buildTickets } from '../../../scripts/sample/tickets';
import { buildWorld } from '../../../scripts/sample/world';

const run = promisify(execFile);

/** sha256 of every file under `dir`, truth folder included, by relative path. */
async function hashes(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		out[relative(dir, path)] = createHash('sha256')
			.update(await readFile(path))
			.digest('hex');
	}
	return out;
}

let first: string;
let second: string;
let manifest: Manifest;

beforeAll(async () => {
	first = await mkdtemp(join(tmpdir(), 'hypercare-repro-a-'));
	second = await mkdtemp(join(tmpdir(), 'hypercare-repro-b-'));
	manifest = await generateSample({ outDir: first, seed: 7 });
	await generateSample({ outDir: second, seed: 7 });
});
afterAll(async () => {
	for (const dir of [first, second]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sample generation is reproducible', () => {
	it('writes byte-identical files for the same seed', async () => {
		const a = await hashes(first);
		expect(Object.keys(a).sort()).toEqual(
			[
				'billing.csv.gz',
				'clinics.csv',
				'manifest.json',
				'throughput.csv.gz',
				'tickets.csv',
				'training.csv',
				'truth/planted.json',
				'truth/stabilization.csv',
				'truth/ticket_causes.csv',
				'workflow_variance.csv'
			].sort()
		);
		expect(await hashes(second)).toEqual(a);
	});

	it('draws different tickets for a different seed', () => {
		const describe = (seed: number) => {
			const world = buildWorld(seed);
			return buildTickets(world).map((t) => `${t.draft.opened}|${t.draft.reporter.id}|${t.draft.text}`);
		};
		const seven = describe(7);
		const eight = describe(8);
		expect(seven).toHaveLength(manifest.tables.find((t) => t.table === 'tickets')?.rows ?? -1);
		expect(eight).not.toEqual(seven);
	});
});

describe('--if-missing', () => {
	it('skips generation when the manifest and files are up to date', async () => {
		const result = await ensureSample({ outDir: first, seed: 7, ifMissing: true });
		expect(result).toEqual({ manifest, skipped: true });
	});

	it('is not up to date for other parameters or a truncated file', async () => {
		expect(await isUpToDate(first, 8, 1)).toBeNull();
		expect(await isUpToDate(first, 7, 2)).toBeNull();
		expect(await isUpToDate(second, 7, 1)).not.toBeNull();
		await truncate(join(second, 'billing.csv.gz'), 100);
		expect(await isUpToDate(second, 7, 1)).toBeNull();
	});

	it('regenerates the same bytes when a file is missing or damaged', async () => {
		await rm(join(second, 'tickets.csv'));
		const result = await ensureSample({ outDir: second, seed: 7, ifMissing: true });
		expect(result.skipped).toBe(false);
		expect(await hashes(second)).toEqual(await hashes(first));
	});

	it('is what the CLI does, with --out resolved from the repository root rather than the cwd', async () => {
		const root = join(import.meta.dirname, '..', '..', '..');
		const tsx = join(root, 'node_modules', '.bin', 'tsx');
		const args = [join(root, 'scripts', 'generate-sample.ts'), '--out', relative(root, first), '--seed', '7', '--if-missing'];
		// From this cwd the relative --out would point elsewhere (/tmp/tmp/...), so "up to date" proves root resolution.
		const { stdout } = await run(tsx, args, { cwd: join(first, 'truth') });
		expect(stdout).toMatch(/up to date/);
	});
});
