/**
 * While a large file's bytes are read (a fifth of a second for 100 MB), DuckDB's worker has
 * nothing to do. It then maps and de-duplicates the head of the same file with the same
 * statements: WebAssembly compiles each function on its first call, so the functions those
 * statements need are compiled on the few hundred rows of the sniffed sample instead of on
 * the path of the whole file (a tenth of a second or more in a fresh page). Nothing it does
 * is kept or reported, and it stops quietly on any error: the import proper then meets that
 * error itself.
 */
import type { Engine } from '$lib/engine';
import { ident, sql } from '$lib/sql/fragment';
import { csvSource } from './csv-source';
import type { Mapping } from './mapping';
import { deleteSupersededSql } from './merge-sql';
import { uniqueNames } from './raw-table';
import { csvHeaderOf, type Sniffed } from './sniff';
import { stagePlan } from './stage-sql';
import { toUtf8 } from './text';

const LF = 0x0a;

/** Maps and de-duplicates the head of a CSV (up to its last whole line) as the import will map the file. */
export async function warmUp(engine: Engine, sniffed: Sniffed, mapping: Mapping, index: number, emptyIsNull: boolean): Promise<void> {
	const path = `ingest/warm_${index}.csv`;
	const table = `ingest_warm_${index}`;
	try {
		const head = toUtf8(sniffed.head, sniffed.encoding ?? 'utf-8');
		// A copy: registering hands the buffer over to DuckDB's worker, and the sample is read again later.
		const lines = head.slice(0, head.lastIndexOf(LF) + 1);
		const source = await csvSource(engine, path, lines, uniqueNames(csvHeaderOf(sniffed)), sniffed.delimiter ?? ',', { emptyIsNull });
		try {
			const plan = stagePlan(source.raw, mapping, table, { fileIndex: index, tagFile: false });
			await engine.query(plan.statement);
			await engine.query(deleteSupersededSql(mapping.table, table, mapping.version !== undefined));
		} finally {
			await source.release();
			await engine.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
		}
	} catch {
		// The import reads and maps the whole file next, and reports what goes wrong there.
	}
}
