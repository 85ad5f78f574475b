import { dataset } from '$lib/data/dataset.svelte';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import { QueryError, type Engine } from '$lib/engine';
import { toCsv } from '$lib/export/csv';
import { downloadText } from '$lib/export/download';
import {
	detectTable,
	discardImport,
	firstImportWording,
	headerSignature,
	inspectFile,
	MappingSchema,
	prepareImport,
	presetById,
	REJECTED_ROWS_TABLE,
	resolvePreset,
	saveMapping,
	savedMapping,
	shrinkingTables,
	withholdTables,
	type ImportProgress,
	type ImportReport,
	type Inspected,
	type Mapping,
	type PreparedImport,
	type Shrinking
} from '$lib/ingest';
import { sql, trusted } from '$lib/sql/fragment';

export interface PendingFile {
	readonly id: number;
	/** What the report calls it: the file's name, and the sheet's for a workbook with several. */
	readonly name: string;
	readonly file: File;
	/** The worksheet this entry reads, for a workbook with several sheets holding data. */
	readonly sheet: string | null;
	readonly inspected: Inspected | null;
	/** Why the file cannot be read at all (empty, binary...). */
	readonly error: string | null;
	readonly mapping: Mapping | null;
}

type Phase = 'idle' | 'loading' | 'confirm' | 'done' | 'cancelled' | 'failed';

const REJECTED_SHOWN = 200;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** State of the import page: files and their mappings in; a report and the rejected rows out. */
export class ImportState {
	files = $state.raw<readonly PendingFile[]>([]);
	phase = $state<Phase>('idle');
	progress = $state.raw<ImportProgress | null>(null);
	report = $state.raw<ImportReport | null>(null);
	/** Files that could not be read at all when the import ran. */
	skipped = $state.raw<readonly { file: string; message: string }[]>([]);
	rejected = $state.raw<readonly PlainRow[]>([]);
	error = $state('');
	/** True when a cancel stopped DuckDB inside a statement, not between two. */
	interrupted = $state(false);
	seconds = $state(0);
	/** Files whose mapping has an edit that is not valid yet (a malformed date format): not loadable. */
	unfinished = $state.raw<ReadonlySet<number>>(new Set());
	/** Tables the import would leave with fewer rows than saved: replaced only once the user confirms. */
	shrinking = $state.raw<readonly Shrinking[]>([]);
	#pending: { prepared: PreparedImport; files: readonly PendingFile[]; started: number } | null = null;
	#abort: AbortController | null = null;
	#nextId = 0;

	async add(list: Iterable<File>): Promise<void> {
		for (const file of list) {
			const id = this.#nextId++;
			this.files = [...this.files, { id, name: file.name, file, sheet: null, inspected: null, error: null, mapping: null }];
			let entries: PendingFile[];
			try {
				const inspected = await inspectFile(file);
				entries =
					inspected.sheets.length > 1
						? // Each sheet of a workbook is a table of its own, with its own mapping.
							inspected.sheets.map((sheet, i) => {
								const one = { ...inspected, header: sheet.header };
								const name = `${file.name} › ${sheet.name}`;
								return { id: i === 0 ? id : this.#nextId++, name, file, sheet: sheet.name, inspected: one, error: null, mapping: this.#guess(`${file.name} ${sheet.name}`, one) };
							})
						: [{ id, name: file.name, file, sheet: null, inspected, error: null, mapping: this.#guess(file.name, inspected) }];
			} catch (error) {
				entries = [{ id, name: file.name, file, sheet: null, inspected: null, error: message(error), mapping: null }];
			}
			this.files = this.files.flatMap((f) => (f.id === id ? entries : [f]));
		}
	}

	#guess(name: string, inspected: Inspected): Mapping | null {
		const saved = typeof localStorage === 'undefined' ? null : savedMapping(localStorage, headerSignature(inspected.header));
		if (saved) return saved;
		const detection = detectTable(inspected.header, name);
		return detection ? resolvePreset(detection.preset, inspected.header) : null;
	}

	remove(id: number): void {
		this.files = this.files.filter((f) => f.id !== id);
		this.markUnfinished(id, false);
	}

	markUnfinished(id: number, unfinished: boolean): void {
		const next = new Set(this.unfinished);
		if (unfinished) next.add(id);
		else next.delete(id);
		this.unfinished = next;
	}

	usePreset(id: number, presetId: string): void {
		const preset = presetById(presetId);
		this.#edit(id, (f) => (preset && f.inspected ? resolvePreset(preset, f.inspected.header) : f.mapping));
	}

	/** Applies a change to a file's mapping; one that does not validate is ignored. */
	update(id: number, change: (mapping: Mapping) => Partial<Mapping>): void {
		this.#edit(id, (f) => {
			if (!f.mapping) return null;
			const parsed = MappingSchema.safeParse({ ...f.mapping, ...change(f.mapping) });
			return parsed.success ? parsed.data : f.mapping;
		});
	}

	#edit(id: number, next: (f: PendingFile) => Mapping | null): void {
		this.files = this.files.map((f) => (f.id === id ? { ...f, mapping: next(f) } : f));
	}

	get loadable(): readonly PendingFile[] {
		return this.files.filter((f) => f.mapping !== null && f.error === null && !this.unfinished.has(f.id));
	}

	async load(): Promise<void> {
		const files = this.loadable;
		if (files.length === 0 || this.phase === 'loading' || this.phase === 'confirm') return;
		const abort = new AbortController();
		this.#abort = abort;
		this.phase = 'loading';
		this.error = '';
		this.interrupted = false;
		this.report = null;
		this.rejected = [];
		this.skipped = this.files.filter((f) => f.error !== null).map((f) => ({ file: f.name, message: f.error ?? '' }));
		this.progress = { file: '', step: 'starting DuckDB', fraction: 0 };
		const started = performance.now();
		let engine: Engine | undefined;
		try {
			engine = await dataset.ready();
			const prepared = await prepareImport(
				engine,
				files.map((f) => ({
					name: f.name,
					blob: f.file,
					mapping: f.mapping as Mapping,
					...(f.inspected ? { sniffed: f.inspected.sniffed } : {}),
					...(f.sheet === null ? {} : { sheet: f.sheet })
				})),
				{ signal: abort.signal, onProgress: (p) => (this.progress = p) }
			);
			abort.signal.throwIfAborted();
			// Only a saved import is guarded: the bundled sample is a demonstration, replaced whole by the first import.
			const shrinking = dataset.source === 'imported' ? await shrinkingTables(engine, prepared) : [];
			if (shrinking.length > 0) {
				this.#pending = { prepared, files, started };
				this.shrinking = shrinking;
				this.phase = 'confirm';
				return;
			}
			await this.#apply(engine, prepared, files, started);
		} catch (error) {
			if (engine) await discardImport(engine).catch(() => undefined);
			if (abort.signal.aborted) {
				this.interrupted = error instanceof QueryError && error.cancelled;
				this.phase = 'cancelled';
			} else {
				this.error = message(error);
				this.phase = 'failed';
			}
		} finally {
			this.#abort = null;
			this.progress = null;
		}
	}

	/** The user's answer to "replace with fewer rows?": replace them, or keep the saved tables. */
	async confirm(replace: boolean): Promise<void> {
		const pending = this.#pending;
		if (!pending || this.phase !== 'confirm') return;
		this.#pending = null;
		this.phase = 'loading';
		const engine = await dataset.ready();
		try {
			const prepared = replace ? pending.prepared : await withholdTables(engine, pending.prepared, this.shrinking);
			await this.#apply(engine, prepared, pending.files, pending.started);
		} catch (error) {
			await discardImport(engine).catch(() => undefined);
			this.error = message(error);
			this.phase = 'failed';
		} finally {
			this.shrinking = [];
			this.progress = null;
		}
	}

	async #apply(engine: Engine, prepared: PreparedImport, files: readonly PendingFile[], started: number): Promise<void> {
		this.progress = { file: '', step: 'saving in this browser', fraction: 0.97 };
		const replacesSample = dataset.source === 'bundled' && prepared.next.size > 0;
		await dataset.applyImport(prepared);
		this.report = firstImportWording(prepared.report, replacesSample);
		this.#remember(files, prepared.report);
		this.rejected = plainRows(await engine.query(sql`SELECT * FROM ${trusted(REJECTED_ROWS_TABLE)} ORDER BY file, "row" LIMIT ${trusted(String(REJECTED_SHOWN))}`));
		this.seconds = (performance.now() - started) / 1000;
		this.phase = 'done';
		// The next import starts from an empty list; files that could not be read stay listed in the report.
		this.files = [];
	}

	/** Mappings of files that were read are offered again for the next export of the same shape. */
	#remember(files: readonly PendingFile[], report: ImportReport): void {
		for (const f of files) {
			const read = report.files.find((r) => r.file === f.name && r.status === 'read');
			if (read && f.inspected && f.mapping) saveMapping(localStorage, headerSignature(f.inspected.header), f.mapping);
		}
	}

	cancel(): void {
		this.#abort?.abort();
	}

	async downloadRejected(): Promise<void> {
		const engine = await dataset.ready();
		const all = plainRows(await engine.query(sql`SELECT * FROM ${trusted(REJECTED_ROWS_TABLE)} ORDER BY file, "row"`));
		const columns = ['file', 'row', 'column', 'target', 'value', 'expected'];
		downloadText(
			'rejected-rows.csv',
			toCsv(
				columns,
				all.map((r) => columns.map((c) => r[c] ?? null))
			),
			'text/csv;charset=utf-8'
		);
	}

	async clearAll(): Promise<void> {
		this.#pending = null;
		this.shrinking = [];
		this.files = [];
		this.report = null;
		this.rejected = [];
		this.skipped = [];
		this.phase = 'idle';
		await dataset.clearAll();
	}
}
