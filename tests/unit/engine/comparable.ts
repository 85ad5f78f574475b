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
