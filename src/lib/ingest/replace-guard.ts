/**
 * What an import may replace. A table is data the user relies on: an import with no
 * accepted row never replaces it, and one with fewer accepted rows than the saved table
 * replaces it only once the user has seen both counts and confirmed (the page asks).
 */
import type { TableName } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import { ident, sql } from '$lib/sql/fragment';
import type { FileReport, ImportReport, TableReport } from './report';

export interface Shrinking {
	readonly table: TableName;
	/** Rows the table has now. */
	readonly saved: number;
	/** Rows the import would replace them with. */
	readonly accepted: number;
}

interface Prepared {
	readonly report: ImportReport;
	readonly next: ReadonlyMap<TableName, string>;
}

const files = (t: TableReport) => t.files.join(', ');

/**
 * Keeps every table whose import accepted no row: its next table is dropped and the
 * summary says so (the rows were rejected or merged, so the counts still reconcile).
 */
export async function keepWhenNothingAccepted(engine: Engine, tables: TableReport[], next: Map<TableName, string>): Promise<void> {
	for (const [i, t] of tables.entries()) {
		const staged = next.get(t.table);
		if (t.status !== 'replaced' || t.accepted > 0 || staged === undefined) continue;
		await engine.query(sql`DROP TABLE IF EXISTS ${ident(staged)}`);
		next.delete(t.table);
		tables[i] = { ...t, status: 'kept', message: `not replaced: no row of ${files(t)} was accepted; the previous ${t.table} stay` };
	}
}

/** The tables this import would leave with fewer rows than they have now. */
export async function shrinkingTables(engine: Engine, prepared: Prepared): Promise<Shrinking[]> {
	const out: Shrinking[] = [];
	for (const t of prepared.report.tables) {
		if (!prepared.next.has(t.table)) continue;
		const counted = await engine.query(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(t.table)}`).catch(() => null);
		const saved = Number(counted?.getChild('n')?.get(0) ?? 0);
		if (t.accepted < saved) out.push({ table: t.table, saved, accepted: t.accepted });
	}
	return out;
}

/**
 * The import without the given tables: their accepted rows are held back (valid, not
 * loaded), their next tables dropped, and the summary says the previous rows stay.
 */
export async function withholdTables(engine: Engine, prepared: Prepared, withheld: readonly Shrinking[]): Promise<Prepared> {
	const names = new Set(withheld.map((s) => s.table));
	const next = new Map(prepared.next);
	for (const table of names) {
		const staged = next.get(table);
		if (staged !== undefined) await engine.query(sql`DROP TABLE IF EXISTS ${ident(staged)}`);
		next.delete(table);
	}
	const hold = <T extends FileReport | TableReport>(r: T): T => ({ ...r, held: r.held + r.accepted, accepted: 0 });
	const tables = prepared.report.tables.map((t) => {
		const s = withheld.find((w) => w.table === t.table);
		return s
			? {
					...hold(t),
					status: 'kept' as const,
					message: `not replaced (you kept them): the import had ${s.accepted.toLocaleString('en-US')} rows, fewer than the ${s.saved.toLocaleString('en-US')} saved; the previous ${t.table} stay`
				}
			: t;
	});
	const fileReports = prepared.report.files.map((f) => (names.has(f.table) && f.status === 'read' ? hold(f) : f));
	return { report: { ...prepared.report, tables, files: fileReports }, next };
}

/**
 * A first import replaces the bundled sample whole (imported data is never mixed with the
 * sample's), so a table it does not replace is empty afterwards, not "the previous" one.
 */
export function firstImportWording(report: ImportReport, replacesSample: boolean): ImportReport {
	if (!replacesSample) return report;
	const tables = report.tables.map((t) =>
		t.status === 'kept'
			? {
					...t,
					message: `${(t.message ?? 'not replaced').replace(/; the previous .*$/, '')}; ${t.table} is now empty: a first import replaces the whole bundled sample and does not mix it with imported data`
				}
			: t
	);
	return { ...report, tables };
}
