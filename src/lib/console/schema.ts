import type { Session } from '$lib/engine';
import { functionNames, rowCount, schemaColumns } from '$lib/sql/console';
import { DESCRIPTIONS, groupOf, type ObjectGroup } from './catalog';
import { collect } from '$lib/results/collect';

export interface SchemaColumn {
	readonly name: string;
	readonly type: string;
}

/** A table or view the console can query, as the schema browser and autocomplete show it. */
export interface SchemaObject {
	readonly database: string;
	readonly schema: string;
	readonly name: string;
	readonly kind: 'table' | 'view';
	readonly group: ObjectGroup;
	readonly description: string | null;
	readonly columns: readonly SchemaColumn[];
	/** Counted after the listing (a view's count runs its query); null until then. */
	readonly rows: number | null;
}

export interface DuckFunction {
	readonly name: string;
	readonly type: string;
}

const GROUP_ORDER: readonly ObjectGroup[] = ['canonical', 'view', 'derived', 'yours'];

/** Tables and views visible on the session (its temporary views included), in browsing order. */
export async function loadSchema(session: Session): Promise<SchemaObject[]> {
	const table = await collect(session, schemaColumns().text);
	const objects = new Map<string, SchemaObject & { columns: SchemaColumn[] }>();
	const get = (name: string, i: number) => String(table.getChild(name)?.get(i) ?? '');
	for (let i = 0; i < table.numRows; i++) {
		const [database, schema, name] = [get('database_name', i), get('schema_name', i), get('name', i)];
		const key = `${database}.${schema}.${name}`;
		let object = objects.get(key);
		if (!object) {
			// A temporary object with a documented name is the user's, not the documented one.
			const group = database === 'temp' ? 'yours' : groupOf(name);
			object = {
				database,
				schema,
				name,
				kind: get('kind', i) === 'view' ? 'view' : 'table',
				group,
				description: group === 'yours' ? null : (DESCRIPTIONS[name] ?? null),
				columns: [],
				rows: null
			};
			objects.set(key, object);
		}
		object.columns.push({ name: get('column_name', i), type: get('data_type', i) });
	}
	return [...objects.values()].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.name.localeCompare(b.name));
}

/** The same objects with their row counts, one count at a time. */
export async function withRowCounts(session: Session, objects: readonly SchemaObject[]): Promise<SchemaObject[]> {
	const counted: SchemaObject[] = [];
	for (const object of objects) {
		try {
			const result = await collect(session, rowCount(object.database, object.schema, object.name).text);
			counted.push({ ...object, rows: Number(result.getChild('n')?.get(0) ?? 0) });
		} catch {
			// A view of the user's may no longer bind (its table dropped): it is listed without a count.
			counted.push(object);
		}
	}
	return counted;
}

export async function loadFunctions(session: Session): Promise<DuckFunction[]> {
	const table = await collect(session, functionNames().text);
	const names = table.getChild('name');
	const types = table.getChild('type');
	return Array.from({ length: table.numRows }, (_, i) => ({ name: String(names?.get(i)), type: String(types?.get(i)) }));
}

/** DuckDB's own function and macro names, lower case, operators included: what a console macro may not replace. */
export async function loadBuiltins(session: Session): Promise<Set<string>> {
	const table = await collect(session, 'SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions() WHERE internal');
	const names = table.getChild('name');
	return new Set(Array.from({ length: table.numRows }, (_, i) => String(names?.get(i))));
}
