import { ATTRIBUTION_SETTINGS } from '$lib/attribution/settings';
import { trusted, type Sql } from '../fragment';

/**
 * SQL macros for the attribution's significance tests, in the core DuckDB build (no
 * statistics extension): the standard normal upper tail by Abramowitz & Stegun 26.2.17
 * (absolute error < 7.5e-8), Byar's approximation to the Poisson test of O against E,
 * the Wilson-Hilferty approximation to the chi-square upper tail, and the
 * Benjamini-Hochberg adjusted p-value (q-value) given a p-value, its rank and the count.
 */
export function createTestMacros(): Sql[] {
	return [
		trusted(`CREATE OR REPLACE MACRO attribution_tail_poly(t) AS
			t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))`),
		trusted(`CREATE OR REPLACE MACRO attribution_normal_upper(z) AS
			CASE WHEN z >= 0 THEN exp(-z * z / 2) / sqrt(2 * pi()) * attribution_tail_poly(1 / (1 + 0.2316419 * z))
				ELSE 1 - exp(-z * z / 2) / sqrt(2 * pi()) * attribution_tail_poly(1 / (1 - 0.2316419 * z)) END`),
		trusted(`CREATE OR REPLACE MACRO attribution_byar_z(o, e) AS
			CASE WHEN e IS NULL OR e <= 0 THEN NULL WHEN o <= 0 THEN -3 * sqrt(e)
				ELSE 3 * sqrt(o) * (1 - 1 / (9 * o) - pow(e / o, 1 / 3)) END`),
		// Byar's z when E itself is estimated with sampling variance v: Var(O - E) = E + v, so z shrinks by sqrt(1 + v / E).
		trusted(`CREATE OR REPLACE MACRO attribution_noisy_z(o, e, v) AS attribution_byar_z(o, e) / sqrt(1 + coalesce(v, 0) / e)`),
		trusted(`CREATE OR REPLACE MACRO attribution_chi2_upper(q, df) AS
			CASE WHEN df IS NULL OR df < 1 THEN NULL
				ELSE attribution_normal_upper((pow(q / df, 1 / 3) - (1 - 2 / (9 * df))) / sqrt(2 / (9 * df))) END`)
	];
}

/**
 * Byar's lower 95% bound of O/E (the exact Poisson bound, approximated). `inflate` widens the
 * normal quantile when E is itself estimated (sqrt(1 + Var E / E)), so that the bound excludes 1
 * exactly when the one-sided test with that variance does.
 */
export function byarLow(o: string, e: string, inflate = '1'): string {
	const z = `${ATTRIBUTION_SETTINGS.z} * ${inflate}`;
	return `CASE WHEN ${o} = 0 THEN 0 ELSE ${o} * pow(greatest(1 - 1 / (9 * ${o}) - ${z} / (3 * sqrt(${o})), 0), 3) / nullif(${e}, 0) END`;
}

/** Byar's upper 95% bound of O/E (`inflate` as for the lower bound). */
export function byarHigh(o: string, e: string, inflate = '1'): string {
	const z = `${ATTRIBUTION_SETTINGS.z} * ${inflate}`;
	return `(${o} + 1) * pow(1 - 1 / (9 * (${o} + 1)) + ${z} / (3 * sqrt(${o} + 1)), 3) / nullif(${e}, 0)`;
}

/**
 * Adds Benjamini-Hochberg q-values of column `p` to the rows of `source`: p * m / rank,
 * made monotone from the largest p down and capped at 1 (tied p-values share a q-value;
 * `key` only orders them). A row is a discovery at FDR q when its q-value is at most q.
 */
export function withBhQ(source: string, p: string, key: string): string {
	return `SELECT * EXCLUDE (bh_raw), least(1, min(bh_raw) OVER (ORDER BY ${p} DESC, ${key} DESC ROWS UNBOUNDED PRECEDING)) AS q_value
		FROM (SELECT *, ${p} * count(*) OVER () / row_number() OVER (ORDER BY ${p}, ${key}) AS bh_raw FROM ${source})`;
}
