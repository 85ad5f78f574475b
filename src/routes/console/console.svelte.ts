import type { RecordBatch } from 'apache-arrow';
import { ChartMappingError, resultChart, suggestMapping } from '$lib/charts/console/result-chart';
import type { ChartModel } from '$lib/charts/model';
import { tableOf } from '$lib/results/collect';
import { errorPosition, errorSummary } from '$lib/console/error-position';
import { csvParts, parquetBytes } from '$lib/console/result-export';
import { batchBytes, MAX_RESULT_BYTES, ResultTooLargeError } from '$lib/console/result-size';
import { loadBuiltins, loadFunctions, loadSchema, withRowCounts, type DuckFunction, type SchemaObject } from '$lib/console/schema';
import { lex } from '$lib/console/sql-lexer';
import { judgeStatement } from '$lib/console/statement-guard';
import { splitStatements, statementAt, type Statement } from '$lib/console/statements';
import { HISTORY_LIMIT, loadHistory, loadSaved, saveHistory, saveSaved, type HistoryEntry, type KeyValueStore, type SavedQuery } from '$lib/console/storage';
import type { ChartMapping, ConsoleView } from '$lib/console/view';
import { QueryError, type Engine, type Session } from '$lib/engine';
import { downloadBlob } from '$lib/export/download';
import { sortedRows } from '$lib/sql/console';
import type { ConsoleResult, ConsoleError, PendingConfirm, SortOrder } from './result';

/** While rows stream in, the grid and chart are refreshed at most this often. */
const REFRESH_MS = 250;
const SUGGEST_CHART_ROWS = 1000;

/**
 * State of the SQL console: the text and chart mapping a person chose (its `view`, which a
 * link carries), the statement running on the console's own connection, its
 * result, history and saved queries. Nothing runs unless the person asks.
 */
export class ConsoleState {
	sql = $state('');
	selection = $state.raw({ from: 0, to: 0, head: 0 });
	chart = $state.raw<ChartMapping | null>(null);
	phase = $state<'starting' | 'ready'>('starting');
	running = $state(false);
	result = $state.raw<ConsoleResult | null>(null);
	/** The result shown is not from the statement last run (it failed): kept for reference, marked stale. */
	stale = $state(false);
	error = $state.raw<ConsoleError | null>(null);
	notice = $state<string | null>(null);
	confirm = $state.raw<PendingConfirm | null>(null);
	exporting = $state(false);
	schema = $state.raw<readonly SchemaObject[]>([]);
	functions = $state.raw<readonly DuckFunction[]>([]);
	history = $state.raw<readonly HistoryEntry[]>([]);
	saved = $state.raw<readonly SavedQuery[]>([]);
	storageProblems = $state.raw<readonly string[]>([]);

	readonly chartView: { model: ChartModel | null; problem: string | null } = $derived.by(() => {
		const result = this.result;
		if (!result || !this.chart || result.table.numRows === 0) return { model: null, problem: null };
		try {
			return { model: resultChart(result.table, this.chart), problem: null };
		} catch (error) {
			if (error instanceof ChartMappingError) return { model: null, problem: error.message };
			throw error;
		}
	});

	#session: Session | undefined;
	/** DuckDB's own function names, loaded before the first statement runs (statement-guard.ts). */
	#builtins: ReadonlySet<string> | undefined;
	#store: KeyValueStore | undefined;
	/** Statements on the session, one at a time: a new one would end a result still streaming. */
	#queue: Promise<unknown> = Promise.resolve();
	#runs = 0;

	get view(): ConsoleView {
		return { sql: this.sql, chart: this.chart };
	}

	/** Shows a view (from a saved query, an example or a link) without running it. */
	restore(view: ConsoleView): void {
		this.sql = view.sql;
		this.chart = view.chart;
		this.selection = { from: 0, to: 0, head: view.sql.length };
	}

	async start(engine: Engine, store: KeyValueStore | undefined): Promise<void> {
		this.#store = store;
		const problems: string[] = [];
		if (store) {
			const history = loadHistory(store);
			const saved = loadSaved(store);
			this.history = history.entries;
			this.saved = saved.entries;
			for (const problem of [history.problem, saved.problem]) if (problem) problems.push(problem);
		} else {
			problems.push('Browser storage is not available here: history and saved queries last only until the page is closed.');
		}
		this.storageProblems = problems;
		this.#session ??= await engine.openSession();
		this.#builtins ??= await this.#exclusive((s) => loadBuiltins(s));
		this.phase = 'ready';
		await this.refreshSchema();
	}

	#exclusive<T>(work: (session: Session) => Promise<T>): Promise<T> {
		const session = this.#session;
		if (!session) return Promise.reject(new Error('The console has not started.'));
		const next = this.#queue.then(() => work(session));
		this.#queue = next.catch(() => undefined);
		return next;
	}

	async refreshSchema(): Promise<void> {
		try {
			const listed = await this.#exclusive((s) => loadSchema(s));
			this.schema = listed;
			if (this.functions.length === 0) this.functions = await this.#exclusive((s) => loadFunctions(s));
			this.schema = await this.#exclusive((s) => withRowCounts(s, listed));
		} catch (error) {
			this.notice = `The schema could not be read: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Runs the selection, or else the statement under the cursor (Ctrl/Cmd+Enter). */
	async run(): Promise<void> {
		if (this.running || this.phase !== 'ready') return;
		const { from, to, head } = this.selection;
		const statements = from !== to ? splitStatements(this.sql.slice(from, to), from) : [statementAt(this.sql, head)].filter((s) => s !== null);
		if (statements.length === 0) {
			this.notice = 'Nothing to run: type a statement first.';
			return;
		}
		await this.#runAll(statements, false);
	}

	/** The person confirmed the statement that changes loaded data: run it and what follows. */
	async confirmRun(): Promise<void> {
		const pending = this.confirm;
		if (pending && !this.running) await this.#runAll(pending.statements, true);
	}

	dismissConfirm(): void {
		if (this.confirm) this.#remember(this.confirm.statements[0]?.text ?? '', 'refused', null, null);
		this.confirm = null;
	}

	async #runAll(statements: readonly Statement[], firstConfirmed: boolean): Promise<void> {
		this.error = null;
		this.notice = null;
		this.confirm = null;
		let changed = false;
		for (const [i, statement] of statements.entries()) {
			const verdict = judgeStatement(statement.text, this.#builtins ? { builtins: this.#builtins } : {});
			if (verdict.action === 'refuse') {
				this.error = { message: verdict.reason, position: this.#span(statement.from, statement.to) };
				this.stale = this.result !== null;
				this.#remember(statement.text, 'refused', null, null);
				break;
			}
			if (verdict.action === 'confirm' && !(firstConfirmed && i === 0)) {
				this.confirm = { reason: verdict.reason, objects: verdict.objects, statements: statements.slice(i) };
				break;
			}
			if (!(await this.#execute(statement, verdict.rows, null))) break;
			changed ||= !verdict.rows;
		}
		if (changed) await this.refreshSchema();
	}

	async #execute(statement: Statement, sortable: boolean, sort: SortOrder | null): Promise<boolean> {
		this.running = true;
		this.#runs++;
		const started = performance.now();
		const record = sort === null;
		let firstRowsMs: number | null = null;
		try {
			const rows = await this.#exclusive(async (session) => {
				const stream = await session.stream(sort ? sortedRows(statement.text, sort.column, sort.direction) : statement.text);
				const batches: RecordBatch[] = [];
				let shown = 0;
				const publish = (complete: boolean) => {
					const table = tableOf(stream.schema, batches);
					this.stale = false;
					this.result = { table, statement, sortable, sort, firstRowsMs, elapsedMs: complete ? performance.now() - started : null, complete };
					// A chart is offered for results that look like aggregates; a long listing waits for the person to map one.
					if (complete && !this.#chartFits()) this.chart = table.numRows <= SUGGEST_CHART_ROWS ? suggestMapping(table) : null;
					shown = performance.now();
				};
				let bytes = 0;
				let received = 0;
				for await (const batch of stream) {
					bytes += batchBytes(batch);
					received += batch.numRows;
					if (bytes > MAX_RESULT_BYTES) {
						// Nothing of it is kept: the rows shown so far go too, so their memory can be reclaimed.
						batches.length = 0;
						this.result = null;
						await session.cancel().catch(() => undefined);
						throw new ResultTooLargeError(bytes, received);
					}
					batches.push(batch);
					if (firstRowsMs === null && batch.numRows > 0) {
						firstRowsMs = performance.now() - started;
						publish(false);
					} else if (performance.now() - shown > REFRESH_MS) {
						publish(false);
					}
				}
				publish(true);
				return this.result?.table.numRows ?? 0;
			});
			if (!sortable && rows === 0) this.notice = 'Done.';
			if (record) this.#remember(statement.text, 'rows', rows, performance.now() - started);
			return true;
		} catch (error) {
			const ms = performance.now() - started;
			if (error instanceof ResultTooLargeError) {
				this.result = null;
				this.error = { message: error.message, position: null };
				if (record) this.#remember(statement.text, 'error', null, ms);
			} else if (error instanceof QueryError && error.cancelled) {
				this.notice = `Cancelled after ${(ms / 1000).toFixed(1)} s.`;
				if (this.result && !this.result.complete) this.result = { ...this.result, elapsedMs: ms, complete: true };
				if (record) this.#remember(statement.text, 'cancelled', null, ms);
			} else {
				const message = error instanceof Error ? error.message : String(error);
				const at = sort ? null : errorPosition(message, statement.text, error instanceof QueryError ? error.position : null);
				this.error = { message: errorSummary(message), position: at ? this.#tokenSpan(statement, at.offset) : null };
				this.stale = this.result !== null;
				if (record) this.#remember(statement.text, 'error', null, ms);
			}
			return false;
		} finally {
			this.running = false;
		}
	}

	cancel(): void {
		if (!this.running) return;
		void this.#session?.cancel();
		const run = this.#runs;
		// DuckDB stops between steps of a query; one long step (a cross join against a big
		// table) runs to its end first. Say how to stop it now rather than leave the person waiting.
		setTimeout(() => {
			if (this.running && this.#runs === run) {
				this.notice = 'Still stopping: DuckDB is inside one long step of this query. Reload the page to stop it at once (the data is loaded again).';
			}
		}, 5000);
	}

	/** Sorts the finished result in DuckDB: ascending, descending, then back to the query's order. */
	async sortBy(column: number): Promise<void> {
		const result = this.result;
		if (!result?.complete || !result.sortable || this.running) return;
		const current = result.sort?.column === column ? result.sort.direction : null;
		const next: SortOrder | null = current === null ? { column, direction: 'asc' } : current === 'asc' ? { column, direction: 'desc' } : null;
		this.error = null;
		await this.#execute(result.statement, true, next);
	}

	/** The token DuckDB points at (a whole word, not one letter), as document positions. */
	#tokenSpan(statement: Statement, offset: number): ConsoleError['position'] {
		const token = lex(statement.text).find((t) => t.kind !== 'space' && t.from <= offset && offset < t.to);
		if (offset >= statement.text.length) return this.#span(Math.max(statement.from, statement.to - 1), statement.to);
		return this.#span(statement.from + (token?.from ?? offset), statement.from + (token?.to ?? offset + 1));
	}

	#span(from: number, to: number): ConsoleError['position'] {
		const before = this.sql.slice(0, from).split('\n');
		return { from, to, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
	}

	#chartFits(): boolean {
		const names = new Set(this.result?.table.schema.fields.map((f) => f.name));
		const m = this.chart;
		return m !== null && names.has(m.x) && names.has(m.y) && (m.series === null || names.has(m.series));
	}

	#remember(sql: string, outcome: HistoryEntry['outcome'], rows: number | null, ms: number | null): void {
		const entry: HistoryEntry = { sql, ranAt: new Date().toISOString(), outcome, rows, ms: ms === null ? null : Math.round(ms) };
		this.history = [entry, ...this.history].slice(0, HISTORY_LIMIT);
		this.#persist(this.#store && saveHistory(this.#store, this.history));
	}

	save(name: string): void {
		const entry: SavedQuery = { name: name.trim(), sql: this.sql, chart: this.chart, savedAt: new Date().toISOString() };
		if (!entry.name) return;
		this.saved = [entry, ...this.saved.filter((s) => s.name !== entry.name)];
		this.#persist(this.#store && saveSaved(this.#store, this.saved));
	}

	forget(name: string): void {
		this.saved = this.saved.filter((s) => s.name !== name);
		this.#persist(this.#store && saveSaved(this.#store, this.saved));
	}

	#persist(problem: string | null | undefined): void {
		if (problem && !this.storageProblems.includes(problem)) this.storageProblems = [...this.storageProblems, problem];
	}

	exportCsv(): void {
		const table = this.result?.table;
		if (table) downloadBlob('query-result.csv', new Blob(['\uFEFF', ...csvParts(table)], { type: 'text/csv;charset=utf-8' }));
	}

	async exportParquet(): Promise<void> {
		const table = this.result?.table;
		if (!table || this.exporting) return;
		this.exporting = true;
		try {
			downloadBlob('query-result.parquet', new Blob([await parquetBytes(table)], { type: 'application/vnd.apache.parquet' }));
		} catch (error) {
			this.notice = `The Parquet file could not be written: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.exporting = false;
		}
	}
}
