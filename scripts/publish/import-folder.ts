/**
 * Imports every export file of a folder into DuckDB exactly as the Import page does: the
 * same sniffing, table and preset detection, mapping, row checks and merging
 * (src/lib/ingest), on the same DuckDB build (the node bundle).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { numbers, strings } from '$lib/results/columns';
import { buildAnalysisRelations } from '$lib/data/analysis-relations';
import type { Engine } from '$lib/engine';
import { commitImport, detectTable, EXPORT_EXTENSIONS, inspectFile, prepareImport, REJECTED_ROWS_TABLE, resolvePreset, type ImportFile, type PreparedImport } from '$lib/ingest';
import { ident, sql } from '$lib/sql/fragment';

/** A folder that cannot be published as it is; the message says why, in the user's terms. */
export class PublishError extends Error {
	override readonly name = 'PublishError';
}

export interface FolderImport {
	readonly prepared: PreparedImport;
	/** Files in the folder that are not exports by their name (README.md...), listed so nothing is left out unsaid. */
	readonly skipped: readonly string[];
}

export interface Reject {
	readonly file: string;
	readonly row: number;
	readonly column: string;
	readonly value: string;
	readonly expected: string;
}

const isExport = (name: string) => EXPORT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/** The folder's files in name order: the Import page merges later files over earlier ones on ties. */
function folderFiles(folder: string): { exports: string[]; skipped: string[] } {
	const names = readdirSync(folder)
		.filter((name) => !name.startsWith('.') && statSync(path.join(folder, name)).isFile())
		.sort();
	return { exports: names.filter(isExport), skipped: names.filter((name) => !isExport(name)) };
}

/** `lap`, when given, is told as each part ends (publish-report --timings). */
export async function importFolder(engine: Engine, folder: string, lap: (step: string) => void = () => undefined): Promise<FolderImport> {
	const { exports, skipped } = folderFiles(folder);
	if (exports.length === 0) throw new PublishError(`${folder} holds no export files (${EXPORT_EXTENSIONS.join(' ')})`);
	const inputs: ImportFile[] = [];
	for (const name of exports) {
		const blob = new File([readFileSync(path.join(folder, name))], name);
		const inspected = await inspectFile(blob).catch((error: unknown) => {
			throw new PublishError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
		});
		const detection = detectTable(inspected.header, name);
		if (!detection) throw new PublishError(`${name}: its columns (${inspected.header.slice(0, 8).join(', ')}) match no Hypercare table or export preset`);
		inputs.push({ name, blob, sniffed: inspected.sniffed, mapping: resolvePreset(detection.preset, inspected.header) });
	}
	lap('import: files read and inspected');
	const prepared = await prepareImport(engine, inputs);
	lap('import: rows read, checked and merged');
	await commitImport(engine, prepared, true);
	lap('import: committed');
	await buildAnalysisRelations(engine);
	lap('import: analysis relations');
	return { prepared, skipped };
}

/** The first rejected rows of the import, in file and row order. */
export async function firstRejects(engine: Engine, limit: number): Promise<Reject[]> {
	const t = await engine.query(sql`SELECT file, "row", "column", value, expected FROM ${ident(REJECTED_ROWS_TABLE)} ORDER BY file, "row" LIMIT ${limit}`);
	const rows = numbers(t, 'row');
	const [columns, values, expected] = ['column', 'value', 'expected'].map((c) => strings(t, c));
	return strings(t, 'file').map((file, i) => ({
		file: file ?? '',
		row: rows[i] ?? 0,
		column: columns?.[i] ?? '',
		value: values?.[i] ?? '',
		expected: expected?.[i] ?? ''
	}));
}
