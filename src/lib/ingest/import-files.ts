/**
 * An import from files to canonical tables, in two steps so that nothing is replaced
 * unless everything worked: `prepareImport` reads, maps, checks and merges every file
 * into `ingest_next_<table>` beside the current tables and returns the report;
 * `commitImport` swaps them in. A stopped file keeps its whole table as it was.
 */
import { TABLE_NAMES, TABLES, type TableName } from '$lib/contract/tables';
import type { Table } from 'apache-arrow';
import type { Engine } from '$lib/engine';
import { numbers, strings } from '$lib/results/columns';
import { ident, join, oneOf, sql, trusted } from '$lib/sql/fragment';
import { cancellableEngine } from './cancellable-engine';
import { closureCountsSql } from './closure-sql';
import { missingRequired, missingTokens, type Mapping } from './mapping';
import { explainOutOfMemory } from './limits';
import { appendSql, deleteRejectedSql, deleteSupersededSql, dropBookkeepingSql, perFileSql, unionFilled, versioned, type StagedFile } from './merge-sql';
import { HEAD_BYTES } from './read-bytes';
import { readSource, type Source } from './read-source';
import { keepWhenNothingAccepted } from './replace-guard';
import { reconciles, type FileReport, type ImportReport, type TableReport, type UnknownValue } from './report';
import { csvHeaderOf, sniff, type Sniffed } from './sniff';
import { stageCountsSql, stagePlan, type StagePlan } from './stage-sql';
import { warmedFor, warmUp } from './warm-up';
import { vocabularyOf } from './vocabularies';

export interface ImportFile {
	readonly name: string;
	readonly blob: Blob;
	readonly mapping: Mapping;
	readonly sniffed?: Sniffed;
	/** The worksheet to read from a workbook (each sheet is a file of its own); the first when absent. */
	readonly sheet?: string;
}

export interface ImportProgress {
	readonly file: string;
	readonly step: string;
	/** 0..1 over the whole import. */
	readonly fraction: number;
}

export interface ImportOptions {
	readonly signal?: AbortSignal;
	readonly onProgress?: (progress: ImportProgress) => void;
}

export interface PreparedImport {
	readonly report: ImportReport;
	/** Tables ready to swap in: canonical name -> the table holding its new rows. */
	readonly next: ReadonlyMap<TableName, string>;
}

/** Every row that was not accepted, with its reason; replaced by each import. */
export const REJECTED_ROWS_TABLE = 'import_rejected_rows';
const NEXT_REJECTS = 'ingest_next_rejected_rows';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Columns beyond which a file counts as wide. */
const WIDE = 500;

/**
 * DuckDB's search for common subexpressions takes time that grows faster than the number of
 * expressions: half a minute to plan the mapping of a 5,000-column file. The setting is
 * global, so it is off for that one statement only; it changes plans, never results.
 */
async function withoutSubexpressionSearch<T>(engine: Engine, wide: boolean, run: () => Promise<T>): Promise<T> {
	if (!wide) return run();
	await engine.query(`SET disabled_optimizers = 'common_subexpressions'`);
	try {
		return await run();
	} finally {
		await engine.query('RESET disabled_optimizers').catch(() => undefined);
	}
}

/** The number of rows a CREATE TABLE AS, INSERT or DELETE wrote or deleted, from its result. */
function rowCount(result: Table): number {
	const count = result.getChild('Count')?.get(0);
	if (count === undefined || count === null) throw new Error('DuckDB returned no row count (a bug)');
	return Number(count);
}

interface FileOutcome {
	readonly report: FileReport;
	readonly staged: StagedFile | null;
}

async function stageFile(
	engine: Engine,
	file: ImportFile,
	index: number,
	tagFile: boolean,
	warmed: boolean,
	options: ImportOptions,
	progress: (step: string, f: number) => void
): Promise<FileOutcome> {
	const { mapping } = file;
	const base: FileReport = {
		file: file.name,
		table: mapping.table,
		preset: mapping.preset,
		format: '',
		dateFormat: mapping.dateFormat,
		...(mapping.dateFormat === 'custom' && mapping.customDateFormat !== undefined ? { customDateFormat: mapping.customDateFormat } : {}),
		status: 'stopped',
		read: 0,
		accepted: 0,
		rejected: 0,
		merged: 0,
		held: 0,
		filled: {},
		fillValues: { ...mapping.fill },
		closure: {}
	};
	const stop = (why: string, format = base.format): FileOutcome => ({ report: { ...base, format, message: why }, staged: null });
	const stage = `ingest_stage_${index}`;
	try {
		const sniffed = file.sniffed ?? (await sniff(file.blob));
		const missing = missingRequired(mapping);
		if (missing.length > 0) return stop(`missing required column(s) of ${mapping.table}: ${missing.join(', ')}`);
		progress('reading', 0);
		const emptyIsNull = missingTokens(mapping).includes('');
		// Not for a file that fits in its head (nothing to warm up for), nor a wide one (planning its mapping takes seconds),
		// nor for a mapping of a shape the Import page warmed when it opened.
		const warm = !warmed && sniffed.format === 'csv' && file.blob.size > 2 * HEAD_BYTES && csvHeaderOf(sniffed).length <= WIDE;
		const warming = warm ? warmUp(engine, sniffed, mapping, index) : Promise.resolve();
		let source: Source;
		try {
			source = await readSource(engine, file.blob, sniffed, `ingest_raw_${index}`, {
				...options,
				onProgress: (read, total) => progress('reading', total === 0 ? 1 : read / total),
				...(file.sheet === undefined ? {} : { sheet: file.sheet }),
				emptyIsNull
			});
		} finally {
			await warming;
		}
		try {
			options.signal?.throwIfAborted();
			const needed = [...Object.values(mapping.columns), ...(mapping.version ? [mapping.version] : [])];
			const absent = needed.filter((name) => !source.raw.header.includes(name));
			if (absent.length > 0) return stop(`the mapping uses column(s) this file does not have: ${absent.join(', ')}`, source.format);
			progress('checking rows', 1);
			// The statement's result is the number of rows it wrote: every row of the file.
			const staged = async (): Promise<[StagePlan, number]> => {
				const plan = stagePlan(source.raw, mapping, stage, { fileIndex: index, tagFile });
				const written = await withoutSubexpressionSearch(engine, source.raw.header.length > WIDE, () => engine.query(plan.statement));
				return [plan, rowCount(written)];
			};
			let plan: StagePlan;
			let read: number;
			try {
				[plan, read] = await staged();
			} catch (error) {
				// Out of memory, a second reading would only run out again, later.
				if (options.signal?.aborted || explainOutOfMemory(error) !== error) throw error;
				const again = await source.reread();
				if (!again) throw error;
				source = again;
				[plan, read] = await staged();
			}
			const counted = await engine.query(stageCountsSql(stage));
			const kinds = numbers(counted, 'rejected');
			const marked = numbers(counted, 'n');
			const rejected = marked.find((_, i) => kinds[i] === 1) ?? 0;
			if (rejected > 0) await engine.query(sql`INSERT INTO ${ident(NEXT_REJECTS)} ${plan.rejectedRows(file.name)}`);
			const outsideVocabulary = kinds.includes(0);
			return {
				report: { ...base, format: source.format, status: 'read', read, rejected },
				staged: { stage, extras: plan.extras, filled: plan.filled, bookkeeping: plan.bookkeeping, outsideVocabulary }
			};
		} finally {
			// After a cancel a table cannot be dropped here: discarding the import drops it with everything else.
			await source.release().catch(() => undefined);
		}
	} catch (error) {
		if (options.signal?.aborted) throw error;
		return stop(message(explainOutOfMemory(error)));
	}
}

/** Values outside the vocabulary, in the columns that any file mapped or filled (the others are empty). */
async function unknownValues(engine: Engine, table: TableName, next: string, mappings: readonly Mapping[]): Promise<UnknownValue[]> {
	const out: UnknownValue[] = [];
	const given = new Set(mappings.flatMap((m) => [...Object.keys(m.columns), ...Object.keys(m.fill)]));
	for (const column of TABLES[table].columns) {
		const vocabulary = vocabularyOf(table, column.name);
		if (!vocabulary || !given.has(column.name)) continue;
		const found = await engine.query(
			sql`SELECT ${ident(column.name)} AS value, CAST(count(*) AS INTEGER) AS n FROM ${ident(next)}
				WHERE ${ident(column.name)} IS NOT NULL AND NOT ${oneOf(ident(column.name), vocabulary)}
				GROUP BY 1 ORDER BY n DESC, value LIMIT 50`
		);
		const counts = numbers(found, 'n');
		strings(found, 'value').forEach((value, i) => out.push({ column: column.name, value: value ?? '', rows: counts[i] ?? 0 }));
	}
	return out;
}

async function mergeTable(engine: Engine, table: TableName, outcomes: FileOutcome[], indexes: number[], mappings: readonly Mapping[]): Promise<{ report: TableReport; next: string | null }> {
	const files = outcomes.map((o) => o.report);
	const sum = (key: 'read' | 'accepted' | 'rejected' | 'merged' | 'held') => files.reduce((s, f) => s + f[key], 0);
	const stopped = files.filter((f) => f.status === 'stopped');
	if (stopped.length > 0) {
		const names = stopped.map((f) => f.file).join(', ');
		for (const f of files) f.held = f.read - f.rejected;
		const report: TableReport = {
			table,
			status: 'kept',
			message: `not replaced: ${names} could not be loaded; the previous ${table} stay`,
			files: files.map((f) => f.file),
			read: sum('read'),
			accepted: 0,
			rejected: sum('rejected'),
			merged: 0,
			held: sum('held'),
			unknownValues: []
		};
		return { report: checked(report, files), next: null };
	}
	const staged = outcomes.map((o) => o.staged).filter((s): s is StagedFile => s !== null);
	const base = staged[0]?.stage ?? '';
	const next = `ingest_next_${table}`;
	const filledColumns = unionFilled(staged);
	for (const statement of appendSql(staged)) await engine.query(statement);
	if (files.some((f) => f.rejected > 0)) await engine.query(deleteRejectedSql(base));
	const superseded = rowCount(await engine.query(deleteSupersededSql(table, base, versioned(staged))));
	const tagged = outcomes.length > 1;
	// One file without fill values: what survived is what was read, less the rejected and the superseded.
	const perFile = tagged || filledColumns.length > 0 ? await engine.query(perFileSql(base, filledColumns, tagged)) : null;
	for (const [k, o] of outcomes.entries()) {
		const at = perFile === null ? -1 : tagged ? numbers(perFile, '__file').indexOf(indexes[k] ?? -1) : 0;
		const count = (column: string) => (perFile === null || at < 0 ? 0 : (numbers(perFile, column)[at] ?? 0));
		o.report.accepted = perFile === null ? o.report.read - o.report.rejected - superseded : count('n');
		o.report.merged = o.report.read - o.report.rejected - o.report.accepted;
		o.report.filled = Object.fromEntries((o.staged?.filled ?? []).map((column) => [column, count(`__filled_${column}`)]));
	}
	if (staged.some((s) => s.bookkeeping.some((c) => c.name === '__closure'))) await countClosures(engine, base, tagged, outcomes, indexes);
	for (const statement of dropBookkeepingSql(base, staged)) await engine.query(statement);
	await engine.query(sql`DROP TABLE IF EXISTS ${ident(next)}`);
	await engine.query(sql`ALTER TABLE ${ident(base)} RENAME TO ${ident(next)}`);
	const report: TableReport = {
		table,
		status: 'replaced',
		files: files.map((f) => f.file),
		read: sum('read'),
		accepted: sum('accepted'),
		rejected: sum('rejected'),
		merged: sum('merged'),
		held: 0,
		unknownValues: staged.some((f) => f.outsideVocabulary) ? await unknownValues(engine, table, next, mappings) : []
	};
	return { report: checked(report, files), next };
}

function checked(report: TableReport, files: readonly FileReport[]): TableReport {
	if (!reconciles(report) || files.some((f) => !reconciles(f))) throw new Error(`${report.table}: the counts do not add up (a bug): ${JSON.stringify(report)}`);
	return report;
}

/** Drops everything an import left beside the canonical tables. */
export async function discardImport(engine: Engine): Promise<void> {
	// duckdb_tables(), not information_schema, whose first query takes a tenth of a second.
	const left = await engine.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'ingest\\_%' ESCAPE '\\'`);
	for (const name of strings(left, 'table_name')) if (name) await engine.query(sql`DROP TABLE IF EXISTS ${ident(name)}`);
}

export async function prepareImport(mainEngine: Engine, files: readonly ImportFile[], options: ImportOptions = {}): Promise<PreparedImport> {
	// Every table this import writes is created or replaced by name: what an earlier import may
	// have left is dropped at the end (discardImport), not searched for first.
	const setUp = (async () => {
		const cancellable = await cancellableEngine(mainEngine, options.signal ?? new AbortController().signal);
		await cancellable.engine.query(sql`CREATE OR REPLACE TABLE ${ident(NEXT_REJECTS)} (file VARCHAR, "row" INTEGER, "column" VARCHAR, target VARCHAR, value VARCHAR, expected VARCHAR)`);
		return cancellable;
	})();
	// The first file's bytes are read while DuckDB sets the import up: statements wait for the set-up, reading does not.
	const engine: Engine = { ...mainEngine, query: async (statement) => (await setUp).engine.query(statement) };
	try {
		const outcomes: FileOutcome[] = [];
		for (const [i, file] of files.entries()) {
			const progress = (step: string, f: number) => options.onProgress?.({ file: file.name, step, fraction: (i + 0.9 * Math.min(1, f)) / (files.length + 0.5) });
			const tagFile = files.filter((f) => f.mapping.table === file.mapping.table).length > 1;
			outcomes.push(await stageFile(engine, file, i, tagFile, warmedFor(mainEngine, file.mapping), options, progress));
			options.signal?.throwIfAborted();
		}
		const tables: TableReport[] = [];
		const next = new Map<TableName, string>();
		for (const table of new Set(files.map((f) => f.mapping.table))) {
			options.onProgress?.({ file: '', step: `merging ${table}`, fraction: files.length / (files.length + 0.5) });
			const indexes = files.flatMap((f, i) => (f.mapping.table === table ? [i] : []));
			const merged = await mergeTable(
				engine,
				table,
				indexes.map((i) => outcomes[i] as FileOutcome),
				indexes,
				indexes.map((i) => (files[i] as ImportFile).mapping)
			);
			tables.push(merged.report);
			if (merged.next) next.set(table, merged.next);
			options.signal?.throwIfAborted();
		}
		for (const i of files.keys()) await engine.query(sql`DROP TABLE IF EXISTS ${ident(`ingest_stage_${i}`)}`);
		// No caller can replace a table with nothing: such a table is kept here, before anything is offered.
		await keepWhenNothingAccepted(engine, tables, next);
		return { report: { finishedAt: new Date().toISOString(), files: outcomes.map((o) => o.report), tables }, next };
	} catch (error) {
		await setUp.catch(() => undefined);
		await discardImport(mainEngine);
		throw explainOutOfMemory(error);
	} finally {
		await (await setUp.catch(() => null))?.close();
	}
}

/**
 * Swaps the prepared tables in, in one transaction, and keeps the import's rejected rows;
 * the caller then rebuilds the analysis relations over the new columns
 * (`buildAnalysisRelations`, as after any load). With `emptyOthers`, every canonical
 * table the import does not replace is emptied (switching from the bundled sample to
 * imported data must not mix the two); absent ones are created empty either way.
 */
export async function commitImport(engine: Engine, prepared: PreparedImport, emptyOthers: boolean): Promise<void> {
	await engine.query('BEGIN TRANSACTION');
	try {
		for (const [table, next] of prepared.next) {
			await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
			await engine.query(sql`ALTER TABLE ${ident(next)} RENAME TO ${ident(table)}`);
		}
		for (const table of TABLE_NAMES) {
			if (prepared.next.has(table)) continue;
			const columns = join(
				TABLES[table].columns.map((c) => sql`${ident(c.name)} ${trusted(c.type)}`),
				', '
			);
			await engine.query(sql`CREATE ${trusted(emptyOthers ? 'OR REPLACE TABLE' : 'TABLE IF NOT EXISTS')} ${ident(table)} (${columns})`);
		}
		await engine.query(sql`DROP TABLE IF EXISTS ${ident(REJECTED_ROWS_TABLE)}`);
		await engine.query(sql`ALTER TABLE ${ident(NEXT_REJECTS)} RENAME TO ${ident(REJECTED_ROWS_TABLE)}`);
		await engine.query('COMMIT');
	} catch (error) {
		await engine.query('ROLLBACK').catch(() => undefined);
		await discardImport(engine).catch(() => undefined);
		throw error;
	}
}

/** Each file's closure times that did not come from `resolved_at`, by where they came from (the import summary says how many). */
async function countClosures(engine: Engine, base: string, tagged: boolean, outcomes: readonly FileOutcome[], indexes: readonly number[]): Promise<void> {
	const counts = await engine.query(closureCountsSql(base, tagged));
	const [files, sources, ns] = [numbers(counts, '__file'), strings(counts, 'source'), numbers(counts, 'n')];
	for (const [k, o] of outcomes.entries()) {
		const at = tagged ? (indexes[k] ?? -1) : 0;
		o.report.closure = Object.fromEntries(files.flatMap((f, i) => (f === at ? [[sources[i] ?? '', ns[i] ?? 0]] : [])));
	}
}
