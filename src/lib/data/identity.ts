import { TABLE_NAMES, TABLES } from '$lib/contract/tables';
import type { Engine } from '$lib/engine';
import type { DataIdentity } from '$lib/url-state/schema';
import { ident, join, sql, type Sql } from '$lib/sql/fragment';
import { numbers, strings } from '$lib/charts/columns';

/**
 * Per canonical table: its row count and an order-independent digest of its keys
 * (XOR of the keys' hashes), so two loads of the same data agree and any change of rows
 * shows.
 */
export function identityQuery(): Sql {
	const perTable = TABLE_NAMES.map((name) => {
		const keys = join(TABLES[name].key.map(ident), ', ');
		return sql`SELECT ${name} AS t, CAST(count(*) AS INTEGER) AS n, CAST(coalesce(bit_xor(hash(${keys})), 0) AS VARCHAR) AS h FROM ${ident(name)}`;
	});
	return sql`WITH per_table AS (${join(perTable, ' UNION ALL ')})
		SELECT t, n, (SELECT md5(string_agg(t || ':' || n || ':' || h, ',' ORDER BY t)) FROM per_table) AS digest
		FROM per_table ORDER BY t`;
}

export async function dataIdentity(engine: Engine): Promise<DataIdentity> {
	const result = await engine.query(identityQuery());
	const tables = strings(result, 't');
	const counts = numbers(result, 'n');
	const [digest] = strings(result, 'digest');
	return {
		digest: (digest ?? '').slice(0, 16),
		rows: Object.fromEntries(tables.map((t, i) => [t ?? '', counts[i] ?? 0]))
	};
}

/** In words, how the data a link was made on differs from the data loaded here; null when the same. */
export function identityDifference(linked: DataIdentity, here: DataIdentity): string | null {
	if (linked.digest === here.digest) return null;
	// Own properties only: a link's table named `constructor` must not read Object's constructor.
	const count = (rows: Readonly<Record<string, number>>, t: string) => (Object.hasOwn(rows, t) ? (rows[t] ?? 0) : 0);
	const changed = [...new Set([...Object.keys(linked.rows), ...Object.keys(here.rows)])]
		.filter((t) => count(linked.rows, t) !== count(here.rows, t))
		.map((t) => `${t}: ${count(linked.rows, t).toLocaleString('en-US')} rows there, ${count(here.rows, t).toLocaleString('en-US')} here`);
	const detail = changed.length > 0 ? ` (${changed.join('; ')})` : ' (same row counts, different rows)';
	return `This link was made on different data than is loaded here${detail}. The numbers shown are those of the data loaded here.`;
}
