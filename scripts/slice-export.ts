/**
 * `npm run slice-export -- --in <file> --out <file> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 *   [--date-column <name>] [--date-format <strptime>] [--clinics C01,C02] [--clinic-column <name>]`
 *
 * Cuts an export too big for a browser tab (docs/importing.md, "Limits") down to a period and/or some
 * clinics with native DuckDB, before it is imported. Every value is copied as the text it
 * was, so the Import page still checks every row; only whole rows are left out, and the
 * counts say how many and why: read = written + outside the period + other clinics.
 * A date that does not parse stops the cut (naming the row), rather than dropping the row; a
 * row without a date is kept (the import rejects it with its reason).
 * Exit code 0: written; 1: the file cannot be cut as asked; 2: wrong arguments.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

class SliceError extends Error {}

const n = (value: number | bigint) => Number(value).toLocaleString('en-US');
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function usage(problem: string): never {
	console.error(
		`${problem}\nUsage: npm run slice-export -- --in <file> --out <file> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--date-column <name>] [--date-format <strptime>] [--clinics C01,C02] [--clinic-column <name>]`
	);
	process.exit(2);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The columns to cut on: named, or the first contract column the header has. */
function pick(header: readonly string[], named: string | undefined, defaults: readonly string[], what: string): string {
	if (named !== undefined) {
		if (!header.includes(named)) throw new SliceError(`the file has no column ${named} (${what}); its columns: ${header.join(', ')}`);
		return named;
	}
	const found = defaults.find((c) => header.includes(c));
	if (!found) throw new SliceError(`no ${what} column found (looked for ${defaults.join(', ')}); name it with the option`);
	return found;
}

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
	const rows = await conn.runAndReadAll(sql);
	return Number(rows.getRows()[0]?.[0] ?? 0);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			in: { type: 'string' },
			out: { type: 'string' },
			from: { type: 'string' },
			to: { type: 'string' },
			'date-column': { type: 'string' },
			'date-format': { type: 'string' },
			clinics: { type: 'string' },
			'clinic-column': { type: 'string' }
		}
	});
	if (!values.in || !values.out) usage('Both --in and --out are needed.');
	for (const day of [values.from, values.to]) if (day !== undefined && !ISO_DAY.test(day)) usage(`${day}: dates are given as YYYY-MM-DD.`);
	const clinics = (values.clinics ?? '')
		.split(',')
		.map((c) => c.trim())
		.filter(Boolean);
	if (!values.from && !values.to && clinics.length === 0) usage('Say what to keep: --from and/or --to, and/or --clinics.');
	// npm runs scripts from the package folder; relative paths mean the folder the command was typed in.
	const cwd = process.env.INIT_CWD ?? process.cwd();
	const input = path.resolve(cwd, values.in);
	const output = path.resolve(cwd, values.out);
	if (!existsSync(input)) usage(`--in ${input}: no such file.`);
	if (input === output) usage('--out must not be the input file.');

	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	try {
		// One thread, so that rows keep the file's order and a row number names the right line.
		await conn.run('SET threads = 1');
		// Every value as text: nothing is re-typed or re-formatted on the way through.
		await conn.run(`CREATE VIEW export AS SELECT * FROM read_csv(${quote(input)}, all_varchar = true, header = true)`);
		const header = (await conn.runAndReadAll('SELECT column_name FROM (DESCRIBE export)')).getRows().map((r) => String(r[0]));
		const read = await count(conn, 'SELECT count(*) FROM export');
		const where: string[] = [];
		let outsidePeriod = 0;
		if (values.from || values.to) {
			const column = pick(header, values['date-column'], ['date_of_service', 'opened_at', 'date', 'completed_on', 'reported_on'], 'date');
			const format = values['date-format'];
			const day = format ? `CAST(try_strptime(trim(${ident(column)}), ${quote(format)}) AS DATE)` : `CAST(try_cast(trim(${ident(column)}) AS TIMESTAMP) AS DATE)`;
			const unreadable = await conn.runAndReadAll(
				`SELECT row_number, value FROM (SELECT row_number() OVER () + 1 AS row_number, ${ident(column)} AS value, ${day} AS day FROM export)
				 WHERE day IS NULL AND nullif(trim(value), '') IS NOT NULL ORDER BY row_number LIMIT 3`
			);
			const bad = unreadable.getRows();
			if (bad.length > 0) {
				const shown = bad.map((r) => `row ${n(r[0] as bigint)}: "${String(r[1])}"`).join(', ');
				throw new SliceError(`${column} holds values that are not ${format ? `dates in ${format}` : 'ISO dates'} (${shown}); give --date-format, so that no row is left out unread`);
			}
			// A row without a date is kept: the import then rejects it with its reason, rather than it vanishing here.
			const period = `(${day} IS NULL OR (${[values.from ? `${day} >= DATE ${quote(values.from)}` : 'TRUE', values.to ? `${day} <= DATE ${quote(values.to)}` : 'TRUE'].join(' AND ')}))`;
			outsidePeriod = await count(conn, `SELECT count(*) FROM export WHERE NOT ${period}`);
			where.push(period);
		}
		let otherClinics = 0;
		if (clinics.length > 0) {
			const column = pick(header, values['clinic-column'], ['clinic_id', 'location'], 'clinic');
			const chosen = `trim(${ident(column)}) IN (${clinics.map(quote).join(', ')})`;
			otherClinics = await count(conn, `SELECT count(*) FROM export WHERE ${where.length > 0 ? where.join(' AND ') : 'TRUE'} AND NOT coalesce(${chosen}, FALSE)`);
			where.push(`coalesce(${chosen}, FALSE)`);
		}
		const gzip = output.endsWith('.gz') ? ', COMPRESSION gzip' : '';
		await conn.run(`COPY (SELECT * FROM export WHERE ${where.join(' AND ')}) TO ${quote(output)} (HEADER, DELIMITER ','${gzip})`);
		const written = read - outsidePeriod - otherClinics;
		console.log(`${path.basename(input)}: read ${n(read)} = written ${n(written)} + outside the period ${n(outsidePeriod)} + other clinics ${n(otherClinics)}\n→ ${output}`);
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof SliceError ? `Not cut: ${error.message}` : error);
	process.exit(1);
});
