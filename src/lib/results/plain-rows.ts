import type { ResultColumns } from './columns';

export type PlainValue = string | number | boolean | null;
export type PlainRow = Readonly<Record<string, PlainValue>>;

/**
 * Rows as plain objects, for small results only (effect tables, a drill-down page):
 * large results stay columnar. BIGINTs become numbers, dates and lists become text.
 */
export function plainRows(table: ResultColumns): PlainRow[] {
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((name) => table.getChild(name));
	const out: PlainRow[] = [];
	for (let i = 0; i < table.numRows; i++) {
		const row: Record<string, PlainValue> = {};
		names.forEach((name, j) => {
			const value: unknown = columns[j]?.get(i);
			row[name] =
				value === null || value === undefined
					? null
					: typeof value === 'bigint'
						? Number(value)
						: typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'
							? value
							: String(value);
		});
		out.push(row);
	}
	return out;
}
