import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAnalysisRelations } from '$lib/data/analysis-relations';
import type { Engine } from '$lib/engine';
import { commitImport, detectTable, inspectFile, MappingSchema, prepareImport, presetById, resolvePreset, type Inspected, type Mapping, type PreparedImport } from '$lib/ingest';

export interface TestFile {
	readonly name: string;
	readonly bytes: Uint8Array<ArrayBuffer> | string;
	/** A preset id; detected from the header when absent. */
	readonly preset?: string;
	readonly patch?: Partial<Mapping>;
	/** The worksheet of a workbook. */
	readonly sheet?: string;
}

export const fixture = (relative: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(path.resolve('tests/fixtures', relative)));

export async function mappingFor(file: TestFile): Promise<{ blob: File; mapping: Mapping; inspected: Inspected | null }> {
	const blob = new File([file.bytes], file.name);
	// A file that cannot even be inspected still goes to the import, which reports why.
	const inspected = await inspectFile(blob).catch(() => null);
	const header = (file.sheet === undefined ? inspected?.header : inspected?.sheets.find((s) => s.name === file.sheet)?.header) ?? [];
	const preset = file.preset ? presetById(file.preset) : detectTable(header, file.name)?.preset;
	if (!preset) throw new Error(`${file.name}: no table detected`);
	const mapping = MappingSchema.parse({ ...resolvePreset(preset, header), ...file.patch });
	return { blob, mapping, inspected };
}

/** Prepares and commits an import of the files, as the page does. */
export async function importFiles(engine: Engine, files: readonly TestFile[], emptyOthers = false): Promise<PreparedImport> {
	const inputs = await Promise.all(
		files.map(async (f) => {
			const { blob, mapping, inspected } = await mappingFor(f);
			return { name: f.name, blob, mapping, ...(inspected ? { sniffed: inspected.sniffed } : {}), ...(f.sheet === undefined ? {} : { sheet: f.sheet }) };
		})
	);
	const prepared = await prepareImport(engine, inputs);
	await commitImport(engine, prepared, emptyOthers);
	await buildAnalysisRelations(engine);
	return prepared;
}
