/**
 * Result columns computed in the page (the Overview's, Root causes' and Recovery's figures
 * from their `once` pre-aggregates), read by the same adapters as an Arrow result (`numbers`,
 * `strings`, `plainRows`) without being encoded into Arrow buffers and decoded again: a
 * string column stays a JS array, a number column a JS or typed array. null, and NaN (a
 * typed array's only way to say it), stand for SQL NULL. Nothing here builds Arrow vectors:
 * Arrow's builders compile code at run time, which the site's CSP refuses.
 */
import type { ResultColumn, ResultColumns } from './columns';

export type JsValues = readonly (string | null)[] | ArrayLike<number | null>;

const isNull = (value: unknown) => value === null || value === undefined || Number.isNaN(value);

function column(values: JsValues): ResultColumn {
	return {
		length: values.length,
		toArray: () => values,
		isValid: (i) => !isNull(values[i]),
		get: (i) => (isNull(values[i]) ? null : values[i])
	};
}

/** Columns of one result by name, in the order the SQL statement it stands for returns them (all of one length). */
export function jsColumns(columns: Readonly<Record<string, JsValues>>): ResultColumns {
	const byName = new Map(Object.entries(columns).map(([name, values]) => [name, column(values)]));
	const numRows = byName.size === 0 ? 0 : ([...byName.values()][0] as ResultColumn).length;
	return { getChild: (name) => byName.get(name) ?? null, schema: { fields: [...byName.keys()].map((name) => ({ name })) }, numRows };
}
