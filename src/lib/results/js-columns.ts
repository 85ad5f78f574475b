/**
 * Result columns computed in the page (the Overview's figures from its pre-aggregates), read
 * by the same adapters as an Arrow result (`numbers`, `strings`) without being encoded into
 * Arrow buffers and decoded again: a string column stays a JS array, a number column a JS
 * array with null for SQL NULL.
 */
import type { ResultColumn, ResultColumns } from './columns';

type Values = readonly (number | null)[] | readonly (string | null)[];

function column(values: Values): ResultColumn {
	return {
		length: values.length,
		toArray: () => values,
		isValid: (i) => values[i] !== null && values[i] !== undefined,
		get: (i) => values[i] ?? null
	};
}

export function jsColumns(columns: Readonly<Record<string, Values>>): ResultColumns {
	const byName = new Map(Object.entries(columns).map(([name, values]) => [name, column(values)]));
	return { getChild: (name) => byName.get(name) ?? null, schema: { fields: [...byName.keys()].map((name) => ({ name })) } };
}
