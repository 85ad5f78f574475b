import { DataType, type Table } from 'apache-arrow';

/**
 * A result as plain data to compare two engines' results: each column's Arrow type (with
 * its widths and units, `Decimal[10e+2]/128`), and the rows, in order (or sorted, for a result
 * whose order no ORDER BY fixes). Floating-point values
 * keep 12 significant digits: DuckDB sums doubles in parallel in whatever order its threads
 * finish, so a mean over thousands of rows may differ in its last bits from run to run.
 */
export function comparable(table: Table, unordered = false): { types: string[]; rows: unknown[][] } {
	const fields = table.schema.fields;
	const types = fields.map((f) => `${f.name}:${String(f.type)}${DataType.isDecimal(f.type) ? `/${f.type.bitWidth}` : ''}`);
	const columns = fields.map((f) => table.getChild(f.name));
	const rows: unknown[][] = [];
	for (let i = 0; i < table.numRows; i++) rows.push(columns.map((c, j) => plain(c?.get(i), fields[j]?.type)));
	if (unordered) rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
	return { types, rows };
}

function plain(value: unknown, type: DataType | undefined): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' && type && DataType.isFloat(type)) return Number.isFinite(value) ? Number(value.toPrecision(12)) : String(value);
	return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? 'null') as unknown;
}

/** Within a relative 1e-9 (DuckDB's parallel sums of doubles differ in their last bits), or both the same non-number. */
const near = (a: unknown, b: unknown): boolean =>
	typeof a === 'number' && typeof b === 'number' ? a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) : JSON.stringify(a) === JSON.stringify(b);

/** A row's sort key, floats cut to 6 digits so that two engines' last bits do not change the order of rows. */
const key = (row: unknown[]): string => JSON.stringify(row.map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)));

/**
 * The rows of `actual` that differ from `expected`'s (as sets of rows, floats within a relative
 * 1e-9), and whether the column types differ: empty when the two results are the same.
 */
export function resultDifferences(actual: Table, expected: Table): string[] {
	const [a, e] = [comparable(actual, true), comparable(expected, true)];
	if (JSON.stringify(a.types) !== JSON.stringify(e.types)) return [`types ${a.types.join(', ')} ≠ ${e.types.join(', ')}`];
	if (a.rows.length !== e.rows.length) return [`${a.rows.length} rows ≠ ${e.rows.length}`];
	const sort = (rows: unknown[][]) => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
	const [as, es] = [sort(a.rows), sort(e.rows)];
	return as.flatMap((row, i) => {
		const other = es[i] ?? [];
		return row.length === other.length && row.every((v, j) => near(v, other[j])) ? [] : [`${JSON.stringify(row)} ≠ ${JSON.stringify(other)}`];
	});
}
