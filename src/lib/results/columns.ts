import type { Table } from 'apache-arrow';

function child(table: Table, name: string) {
	const column = table.getChild(name);
	if (!column) throw new Error(`Result has no column "${name}" (has: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return column;
}

/** Numbers of a column, with SQL NULL kept as null (typed arrays would turn it into 0). */
export function numbers(table: Table, name: string): (number | null)[] {
	const column = child(table, name);
	const values = column.toArray() as ArrayLike<number | bigint>;
	const out = new Array<number | null>(values.length);
	for (let i = 0; i < values.length; i++) out[i] = column.isValid(i) ? Number(values[i]) : null;
	return out;
}

export function strings(table: Table, name: string): (string | null)[] {
	const column = child(table, name);
	const out = new Array<string | null>(column.length);
	for (let i = 0; i < column.length; i++) {
		const value: unknown = column.get(i);
		out[i] = value === null || value === undefined ? null : String(value);
	}
	return out;
}
