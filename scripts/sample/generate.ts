import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { billingRows } from './billing';
import { writeCsv, type Cell } from './csv-writer';
import { GENERATOR_NAME, GENERATOR_VERSION, isUpToDate, MANIFEST_FILE, type Manifest, type ManifestEntry } from './manifest';
import { isDefaultVariant, variantOf, type MixName } from './mixes';
import { clinicRows, trainingRows, varianceRows } from './reference-rows';
import { buildRecoveries } from './recovery';
import { buildThroughput, throughputRows } from './throughput';
import { buildTickets, scaleTickets, ticketRows } from './tickets';
import { writeTruth } from './truth';
import { columnsOf, type TableName } from './vocabulary';
import { buildWorld } from './world';

export const DEFAULT_SEED = 20260302;

export interface GenerateOptions {
	outDir: string;
	seed?: number;
	/** Multiplies visit volume (throughput and billing alike); 1 = realistic size. */
	billingScale?: number;
	/** Repeats every ticket this many times under new ids (whole number; 1 = realistic size). */
	ticketScale?: number;
	/** Number of clinics, spread over the three hospitals and waves; 49 by default. */
	clinics?: number;
	/** Cause mix (scripts/sample/mixes.ts); `default` by default. */
	mix?: MixName;
}

/** Generates the six canonical tables, the truth folder and the manifest into `outDir`. */
export async function generateSample(options: GenerateOptions): Promise<Manifest> {
	const seed = options.seed ?? DEFAULT_SEED;
	const billingScale = options.billingScale ?? 1;
	const ticketScale = options.ticketScale ?? 1;
	if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
	if (!(billingScale > 0)) throw new Error(`billing scale must be positive, got ${billingScale}`);
	const variant = variantOf(options.clinics, options.mix);
	const { outDir } = options;
	await mkdir(outDir, { recursive: true });
	// Without a manifest, a run that dies halfway is never mistaken for complete data.
	await rm(join(outDir, MANIFEST_FILE), { force: true });

	const world = buildWorld(seed, variant);
	const tickets = scaleTickets(buildTickets(world), ticketScale);
	const recoveries = buildRecoveries(world);
	const providerDays = buildThroughput(world, recoveries, billingScale);

	const tables: ManifestEntry[] = [];
	const write = async (table: TableName, rows: Iterable<readonly Cell[]>, gzip = false) => {
		const file = `${table}.csv${gzip ? '.gz' : ''}`;
		const written = await writeCsv(join(outDir, file), columnsOf(table), rows, { gzip });
		tables.push({ table, file, ...written });
	};
	await write('clinics', clinicRows(world));
	await write('training', trainingRows(world));
	await write('workflow_variance', varianceRows(world));
	// A million tickets is over 100 MB of text: scaled tickets are gzipped like billing.
	await write('tickets', ticketRows(tickets, world), ticketScale > 1);
	await write('throughput', throughputRows(providerDays, world), true);
	await write('billing', billingRows(world, providerDays, recoveries), true);
	await writeTruth(join(outDir, 'truth'), world, tickets, recoveries, GENERATOR_VERSION);

	// The variant is recorded only when it is not the default, so the default manifest keeps its bytes.
	const recorded = isDefaultVariant(variant) ? {} : { clinics: variant.clinics, mix: variant.mix.name };
	const scaled = ticketScale === 1 ? {} : { ticketScale };
	const manifest: Manifest = { generator: GENERATOR_NAME, version: GENERATOR_VERSION, seed, billingScale, ...scaled, ...recorded, generatedAt: null, tables };
	await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
	return manifest;
}

/** `--if-missing`: reuse data that is already up to date, else generate it. */
export async function ensureSample(options: GenerateOptions & { ifMissing: boolean }): Promise<{ manifest: Manifest; skipped: boolean }> {
	if (options.ifMissing) {
		const variant = variantOf(options.clinics, options.mix);
		const current = await isUpToDate(options.outDir, options.seed ?? DEFAULT_SEED, options.billingScale ?? 1, variant, options.ticketScale ?? 1);
		if (current !== null) return { manifest: current, skipped: true };
	}
	return { manifest: await generateSample(options), skipped: false };
}
