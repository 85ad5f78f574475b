/**
 * The page protocol (after Mosaic's MosaicClient: query → queryResult): a page declares,
 * for its input (the scope, rules, a drill-down...), the statements it needs, named; and
 * turns their results into the models it shows. Nothing in a client runs SQL itself: the
 * runner (runner.ts) or `asker` sends a client's statements together, to the engine the
 * data set gives the page (which answers from kept results before live SQL, src/lib/kept).
 */
import type { Table } from 'apache-arrow';
import type { Engine, Statement } from '$lib/engine';
import { statementKey } from '$lib/kept/kept-tables';

export { statementKey };

/**
 * A statement a page asks. `once`: its result does not depend on the page's input (a
 * pre-aggregate the page computes its figures from in JS, say); asked once per data,
 * then answered from the page, so a filter change does not reach DuckDB for it.
 */
export type PageStatement = Statement & { readonly once?: true };

/** Marks a statement as asked once per data (see `PageStatement`). */
export const once = (statement: Statement): PageStatement => ({ ...statement, once: true });

/** A client's statements for one input; null where this input needs none. */
export type Queries = Readonly<Record<string, PageStatement | null>>;

/** The result of each named statement: a table, or null where the statement was null. */
export type Results<Q extends Queries> = { readonly [K in keyof Q]: Q[K] extends Statement ? Table : Table | null };

export interface PageClient<In, Q extends Queries, Model> {
	queries(input: In): Q;
	model(results: Results<Q>, input: In): Model;
}

/** Declares a client, inferring its statements' names from `queries`. */
export const pageClient = <In, Q extends Queries, Model>(client: PageClient<In, Q, Model>): PageClient<In, Q, Model> => client;

/** Asks one client for one input: its statements, then its model. */
export type Ask = <In, Q extends Queries, Model>(client: PageClient<In, Q, Model>, input: In) => Promise<Model>;

/**
 * An `Ask` over an engine. A client's statements are sent together: DuckDB's worker runs
 * them one after another either way, but without a round trip through the page (and its
 * idle gap) between each.
 */
export function asker(engine: Engine): Ask {
	// Results of `once` statements, for as long as this asker (one engine, one data) lives.
	const asked = new Map<string, Promise<Table>>();
	const ask = (statement: PageStatement): Promise<Table> => {
		if (!statement.once) return engine.query(statement);
		const key = statementKey(statement);
		let result = asked.get(key);
		if (!result) {
			result = engine.query(statement);
			// A failure is not kept: the next ask tries again.
			result.catch(() => asked.delete(key));
			asked.set(key, result);
		}
		return result;
	};
	return async (client, input) => {
		const queries = client.queries(input);
		const names = Object.keys(queries);
		const tables = await Promise.all(
			names.map((name) => {
				const statement = queries[name];
				return statement ? ask(statement) : null;
			})
		);
		const results = Object.fromEntries(names.map((name, i) => [name, tables[i] ?? null]));
		return client.model(results as Results<typeof queries>, input);
	};
}
