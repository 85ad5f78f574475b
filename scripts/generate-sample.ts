/**
 * Writes the bundled sample go-live into data/sample (see data/README.md).
 * Usage: npx tsx scripts/generate-sample.ts [--out data/sample] [--seed 20260302] [--if-missing] [--billing-scale 1] [--ticket-scale 1]
 *        [--clinics 49] [--mix default|training-heavy|variance-heavy|defect-heavy|quiet]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, ensureSample } from './sample/generate';
import { DEFAULT_CLINICS, DEFAULT_MIX, variantOf } from './sample/mixes';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function numberOption(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got "${value}"`);
	return n;
}

function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			out: { type: 'string', default: 'data/sample' },
			seed: { type: 'string' },
			'if-missing': { type: 'boolean', default: false },
			'billing-scale': { type: 'string' },
			'ticket-scale': { type: 'string' },
			clinics: { type: 'string' },
			mix: { type: 'string', default: DEFAULT_MIX }
		}
	});
	// Validates both before anything is written.
	const { clinics, mix } = variantOf(numberOption(values.clinics, DEFAULT_CLINICS, 'clinics'), values.mix);
	const started = performance.now();
	const outDir = resolve(repoRoot, values.out);
	const { manifest, skipped } = await ensureSample({
		outDir,
		seed: numberOption(values.seed, DEFAULT_SEED, 'seed'),
		billingScale: numberOption(values['billing-scale'], 1, 'billing-scale'),
		ticketScale: numberOption(values['ticket-scale'], 1, 'ticket-scale'),
		clinics,
		mix: mix.name,
		ifMissing: values['if-missing']
	});
	if (skipped) {
		console.log(
			`sample data in ${outDir} is up to date (seed ${manifest.seed}, billing scale ${manifest.billingScale}, ticket scale ${manifest.ticketScale ?? 1}, ${clinics} clinics, mix ${mix.name})`
		);
		return;
	}
	for (const t of manifest.tables) {
		console.log(`${t.table.padEnd(18)} ${String(t.rows).padStart(10)} rows ${formatBytes(t.bytes).padStart(11)}  ${t.file}`);
	}
	console.log(`generated ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
