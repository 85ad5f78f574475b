/**
 * WebAssembly compiles each of DuckDB's functions on its first call, and runs it as quick,
 * unoptimised code until the function has run enough for the optimised build. An import's
 * first mapping and de-duplication in a page therefore ran a third slower than the next.
 * Two warm-ups move that cost off the import's path. Each maps and de-duplicates some
 * rows with the statements an import uses, into a table of its own that it then drops;
 * nothing is kept or reported, and any error stops it quietly (the import proper meets that
 * error itself).
 *
 * - `warmImportPath`, when the Import page opens, while the user picks files: two generated
 *   ticket exports of twenty thousand rows (Hypercare's own columns, and a ServiceNow log),
 *   then a de-duplication of a million generated keys.
 * - `warmUp`, while a large file's bytes are read (a fifth of a second for 100 MB, when
 *   DuckDB's worker has nothing to do): the head of that file with its own mapping, when
 *   the page's warm-up did not run a mapping of its shape (another preset or date format).
 */
import type { Engine } from '$lib/engine';
import { ident, sql, trusted } from '$lib/sql/fragment';
import { csvSource } from './csv-source';
import { detectTable } from './detect';
import { missingTokens, resolvePreset, type Mapping } from './mapping';
import { deleteSupersededSql } from './merge-sql';
import { uniqueNames } from './raw-table';
import { csvHeaderOf, type Sniffed } from './sniff';
import { stagePlan } from './stage-sql';
import { toUtf8 } from './text';

const LF = 0x0a;

/** Maps `lines` (UTF-8 CSV, its header line first) into `ingest_warm_<name>` and de-duplicates it, then drops it. */
async function warmMapping(engine: Engine, name: string, lines: Uint8Array, header: readonly string[], delimiter: string, mapping: Mapping): Promise<boolean> {
	const table = `ingest_warm_${name}`;
	try {
		const source = await csvSource(engine, `ingest/warm_${name}.csv`, lines, uniqueNames(header), delimiter, { emptyIsNull: missingTokens(mapping).includes('') });
		try {
			const plan = stagePlan(source.raw, mapping, table, { fileIndex: 0, tagFile: false });
			await engine.query(plan.statement);
			await engine.query(deleteSupersededSql(mapping.table, table, mapping.version !== undefined));
			return true;
		} finally {
			await source.release();
			await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
		}
	} catch {
		// Only a warm-up: the import reads and maps its files itself, and reports what goes wrong there.
		return false;
	}
}

/** Maps and de-duplicates the head of a CSV (up to its last whole line) as the import will map the file. */
export async function warmUp(engine: Engine, sniffed: Sniffed, mapping: Mapping, index: number): Promise<boolean> {
	// A copy: registering hands the buffer over to DuckDB's worker, and the sample is read again later.
	const head = toUtf8(sniffed.head, sniffed.encoding ?? 'utf-8');
	return warmMapping(engine, String(index), head.slice(0, head.lastIndexOf(LF) + 1), csvHeaderOf(sniffed), sniffed.delimiter ?? ',', mapping);
}

const SAMPLE_ROWS = 20_000;
/** Every tenth row is a later version of an earlier ticket, so the de-duplication has work. */
const REPEAT_EVERY = 10;
const pad = (n: number) => String(n).padStart(2, '0');

/** A ticket export of `SAMPLE_ROWS` rows: its header and each row, from the ticket's number and whether the row is a later version. */
function sample(header: string, row: (ticket: number, later: boolean) => string): { header: string[]; lines: Uint8Array } {
	const rows = [header];
	for (let i = 0; i < SAMPLE_ROWS; i++) {
		const later = i % REPEAT_EVERY === REPEAT_EVERY - 1;
		rows.push(row(later ? i - REPEAT_EVERY + 1 : i, later));
	}
	return { header: header.split(','), lines: new TextEncoder().encode(`${rows.join('\n')}\n`) };
}

const CATEGORIES = ['how_to', 'break_fix', 'access', 'build_request', 'interface'];

/** Hypercare's own ticket columns, ISO dates; some values blank. */
const canonicalSample = () =>
	sample('ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description', (t, later) => {
		const day = pad((t % 28) + 1);
		const resolved = later ? `2026-02-${day} 16:30:00` : '';
		return `T${t},2026-01-${day} 09:${pad(t % 60)}:00,${resolved},2026-02-${day} ${later ? 17 : 10}:00:00,C${t % 40},U${t % 700},${CATEGORIES[t % 5]},${t % 3 === 0 ? '' : 'scheduling'},${(t % 5) + 1},${later ? 'resolved' : 'new'},Desk ${t % 7},Ticket ${t} about ${CATEGORIES[t % 5]}`;
	});

const SERVICENOW_PRIORITIES = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low', '5 - Planning'];

/** A ServiceNow incident log: day-first dates, `?` for missing, one row per change with `sys_mod_count`. */
const serviceNowSample = () =>
	sample('number,incident_state,sys_mod_count,caller_id,opened_at,sys_updated_on,location,category,priority,assignment_group,resolved_at,short_description', (t, later) => {
		const day = pad((t % 28) + 1);
		return `INC${String(t).padStart(7, '0')},${later ? 'Resolved' : 'New'},${later ? 3 : 0},Caller ${t % 900},${day}/3/2016 09:${pad(t % 60)},${day}/3/2016 ${later ? 17 : 10}:00,${t % 9 === 0 ? '?' : `Location ${t % 40}`},Category ${t % 30},${SERVICENOW_PRIORITIES[t % 5]},Group ${t % 12},${later ? `${day}/3/2016 16:30` : '?'},Printer ${t} is jammed`;
	});

/** As many keys as a big export has: a de-duplication of that many takes paths a small one does not. */
const WARM_KEYS = 1_000_000;

/**
 * The first de-duplication of a million keys in a page took a quarter longer than the next
 * (its hash tables grow DuckDB's heap and take the aggregate's partitioned path), and the
 * generated exports are far too small to get there: a million generated keys, one in ten
 * repeated, are de-duplicated as a ticket table is.
 */
async function warmDeduplication(engine: Engine): Promise<void> {
	const table = 'ingest_warm_keys';
	try {
		await engine.query(
			sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT 'T' || (i % ${trusted(String(WARM_KEYS * 0.9))}) AS ticket_id, TIMESTAMP '2026-01-01' + to_seconds(i) AS updated_at FROM range(${trusted(String(WARM_KEYS))}) AS t(i)`
		);
		await engine.query(deleteSupersededSql('tickets', table, false));
	} catch {
		// Only a warm-up.
	} finally {
		await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
	}
}

/** The generated exports `warmImportPath` maps: each a name and a whole CSV file. */
export const warmSamples = (): { name: string; header: readonly string[]; csv: Uint8Array }[] =>
	[['canonical', canonicalSample()] as const, ['servicenow', serviceNowSample()] as const].map(([name, { header, lines }]) => ({ name, header, csv: lines }));

/** Per engine, the shapes of mapping (`shapeOf`) its warm-up on open has run. */
const warmed = new WeakMap<Engine, Set<string>>();
/** What decides which of DuckDB's functions a mapping statement calls, beside the columns. */
const shapeOf = (m: Mapping) => JSON.stringify([m.table, m.preset, m.dateFormat, m.customDateFormat ?? null]);

/** Whether the warm-up on open ran a mapping of this shape: the file's own warm-up would then only take time from its reading. */
export const warmedFor = (engine: Engine, mapping: Mapping): boolean => warmed.get(engine)?.has(shapeOf(mapping)) ?? false;

/**
 * Warms the import's path on generated ticket exports, as an import would read them (each
 * mapping as detected from its header), once per engine. For when the Import page opens: an
 * import started meanwhile waits for its statements (about a second in all, in Chromium on
 * two cores), then runs at full speed.
 */
export async function warmImportPath(engine: Engine): Promise<void> {
	if (warmed.has(engine)) return;
	const shapes = new Set<string>();
	warmed.set(engine, shapes);
	for (const { name, header, csv } of warmSamples()) {
		const detection = detectTable(header);
		if (!detection) continue;
		const mapping = resolvePreset(detection.preset, header);
		if (await warmMapping(engine, name, csv, header, ',', mapping)) shapes.add(shapeOf(mapping));
	}
	await warmDeduplication(engine);
}
