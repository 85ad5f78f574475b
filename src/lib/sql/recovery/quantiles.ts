import { ident, join, sql, type Sql } from '../fragment';
import { num } from './scope';

/**
 * Percentiles from a histogram, exactly as DuckDB's `quantile_cont` computes them over the
 * expanded rows: position (n - 1) p in the sorted values, linear interpolation between the
 * values at the positions either side. The source yields the `keys`, a value `x` and a count
 * `n`; NULL values are left out, as `quantile_cont` leaves out NULLs. Output: the keys, `total`
 * (the count of values) and one column per entry of `ps`.
 */
export function histogramQuantiles(source: Sql, keys: readonly string[], ps: Readonly<Record<string, number>>): Sql {
	const keyList = join(keys.map(ident), ', ');
	const partition = keys.length > 0 ? sql`PARTITION BY ${keyList}` : sql``;
	const entries = Object.entries(ps);
	const bounds = join(
		entries.map(([name, p]) => {
			const lo = sql`floor((total - 1) * ${num(p)})`;
			return sql`min(x) FILTER (WHERE cum > ${lo}) AS ${ident(`${name}__lo`)},
				min(x) FILTER (WHERE cum > ${lo} + 1) AS ${ident(`${name}__hi`)},
				(any_value(total) - 1) * ${num(p)} AS ${ident(`${name}__pos`)}`;
		}),
		', '
	);
	const values = join(
		entries.map(([name]) => {
			const part = (suffix: string) => ident(`${name}__${suffix}`);
			const [lo, hi, pos] = [part('lo'), part('hi'), part('pos')];
			return sql`${lo} + (${pos} - floor(${pos})) * (coalesce(${hi}, ${lo}) - ${lo}) AS ${ident(name)}`;
		}),
		', '
	);
	const select = keys.length > 0 ? sql`${keyList}, ` : sql``;
	const groupBy = keys.length > 0 ? sql`GROUP BY ${keyList}` : sql``;
	const byValue = keys.length > 0 ? sql`GROUP BY ${keyList}, x` : sql`GROUP BY x`;
	return sql`SELECT ${select}total, ${values}
		FROM (
			SELECT ${select}any_value(total) AS total, ${bounds}
			FROM (
				SELECT *, sum(n) OVER (${partition} ORDER BY x ROWS UNBOUNDED PRECEDING) AS cum, sum(n) OVER (${partition}) AS total
				FROM (SELECT ${select}x, CAST(sum(n) AS DOUBLE) AS n FROM (${source}) histogram_source WHERE x IS NOT NULL AND n > 0 ${byValue}) histogram
			) cumulative
			${groupBy}
		) bounds`;
}
