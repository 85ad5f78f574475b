/** A column as reading it needs (an Arrow vector is one). */
export interface ResultColumn {
	readonly length: number;
	toArray(): ArrayLike<unknown>;
	isValid(index: number): boolean;
	get(index: number): unknown;
}

/** A result's columns: an Arrow table, or columns computed in the page (`jsColumns`, results/js-columns.ts). */
export interface ResultColumns {
	getChild(name: string): ResultColumn | null;
	readonly schema: { readonly fields: readonly { readonly name: string }[] };
	readonly numRows: number;
}

function child(table: ResultColumns, name: string) {
	const column = table.getChild(name);
	if (!column) throw new Error(`Result has no column "${name}" (has: ${table.schema.fields.map((f) => f.name).join(', ')})`);
	return column;
}

/** Numbers of a column, with SQL NULL kept as null (typed arrays would turn it into 0). */
export function numbers(table: ResultColumns, name: string): (number | null)[] {
	const column = child(table, name);
	const values = column.toArray() as ArrayLike<number | bigint | null>;
	const out = new Array<number | null>(values.length);
	for (let i = 0; i < values.length; i++) out[i] = column.isValid(i) ? Number(values[i]) : null;
	return out;
}

export function strings(table: ResultColumns, name: string): (string | null)[] {
	const column = child(table, name);
	const out = new Array<string | null>(column.length);
	for (let i = 0; i < column.length; i++) {
		const value: unknown = column.get(i);
		out[i] = value === null || value === undefined ? null : String(value);
	}
	return out;
}
