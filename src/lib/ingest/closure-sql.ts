/**
 * A ticket its export says is closed is never counted open. `resolved_at` is the closure
 * time; when the file leaves it empty, the mapping's closure rule supplies it: the first
 * fallback time column with a value (ServiceNow `closed_at`), else, for a ticket whose
 * status (or another column, such as ServiceNow `active` = false or Jira `Status Category`
 * = Done) says closed, the time that status was set (Jira `Status Category Changed`) or its
 * `updated_at`. Each row keeps, in `__closure`, where its closure time came from (NULL when
 * from `resolved_at` itself or when it is open), so the import summary can count them.
 */
import { ident, join, oneOf, sql, trusted, type Sql } from '$lib/sql/fragment';
import type { Mapping } from './mapping';
import { timestampOf } from './typed-values';

/** The label of a closed ticket that has no time to take: it stays open, and the summary says so. */
export const CLOSED_WITHOUT_TIME = 'closed status, no time of closure (counted open)';

export interface ClosurePlan {
	/** Raw-layer columns: the closure columns' text, as read. */
	readonly raw: readonly Sql[];
	/** Two layers over the typed values: the parsed times and the closed test, then the closure time and its label. */
	readonly layers: readonly (readonly Sql[])[];
	/** The contract's `resolved_at` as the stage writes it. */
	readonly resolvedAt: Sql;
}

/**
 * The closure plan of a tickets mapping, or null when it has nothing to add (no status
 * mapped, no fallback columns). `rawOf` gives a file column's raw value; `present` makes a
 * "no value" token NULL; `mapped` says whether a contract column has a source or fill.
 */
export function closurePlan(
	mapping: Mapping,
	header: readonly string[],
	rawOf: (source: string) => Sql,
	present: (value: Sql) => Sql,
	mapped: (column: string) => boolean
): ClosurePlan | null {
	if (mapping.table !== 'tickets') return null;
	const { closure } = mapping;
	const inFile = (names: readonly string[]) => names.filter((n) => header.includes(n));
	const times = inFile(closure.times);
	const flagTimes = inFile(closure.flagTimes);
	const flags = closure.flags.filter((f) => header.includes(f.column));
	const statusValues = [...new Set(closure.statusValues.map((v) => v.trim().toLowerCase()))];
	const byStatus = mapped('status') && statusValues.length > 0;
	if (times.length === 0 && flags.length === 0 && !byStatus) return null;

	const text = (value: Sql) => sql`trim(${present(value)})`;
	const raw = [
		...times.map((c, i) => sql`${text(rawOf(c))} AS ${ident(`__c_time_${i}`)}`),
		...flagTimes.map((c, i) => sql`${text(rawOf(c))} AS ${ident(`__c_ftime_${i}`)}`),
		...flags.map((f, i) => sql`lower(${text(rawOf(f.column))}) AS ${ident(`__c_flag_${i}`)}`)
	];
	const closedTests = [
		...(byStatus
			? [
					sql`lower(__t_status) IN (${join(
						statusValues.map((v) => sql`${v}`),
						', '
					)})`
				]
			: []),
		...flags.map((f, i) => oneOf(ident(`__c_flag_${i}`), [...new Set(f.values.map((v) => v.trim().toLowerCase()))]))
	];
	const parsed = [
		...times.map((_, i) => sql`${timestampOf(ident(`__c_time_${i}`), mapping)} AS ${ident(`__ct_${i}`)}`),
		...flagTimes.map((_, i) => sql`${timestampOf(ident(`__c_ftime_${i}`), mapping)} AS ${ident(`__cft_${i}`)}`),
		sql`coalesce(${closedTests.length === 0 ? trusted('FALSE') : join(closedTests, ' OR ')}, FALSE) AS __c_closed`
	];
	const resolved = mapped('resolved_at') ? trusted('resolved_at') : trusted('CAST(NULL AS TIMESTAMP)');
	const updated = mapped('updated_at') ? trusted('updated_at') : trusted('CAST(NULL AS TIMESTAMP)');
	const updatedLabel = mapping.columns.updated_at ?? 'updated_at';
	const flagTime = [...flagTimes.map((_, i) => ident(`__cft_${i}`)), updated];
	const label = sql`CASE WHEN ${resolved} IS NOT NULL THEN NULL${join(
		times.map((c, i) => sql` WHEN ${ident(`__ct_${i}`)} IS NOT NULL THEN ${c}`),
		''
	)} WHEN __c_closed THEN CASE${join(
		[...flagTimes, updatedLabel].map((c, i) => sql` WHEN ${flagTime[i] ?? updated} IS NOT NULL THEN ${`closed status, time from ${c}`}`),
		''
	)} ELSE ${CLOSED_WITHOUT_TIME} END END AS __closure`;
	const value = sql`coalesce(${join([resolved, ...times.map((_, i) => ident(`__ct_${i}`)), sql`CASE WHEN __c_closed THEN coalesce(${join(flagTime, ', ')}) END`], ', ')}) AS __closed_at`;
	return { raw, layers: [parsed, [label, value]], resolvedAt: trusted('__closed_at') };
}

/** Per file (`__file` when the files were tagged) and source, the surviving rows whose closure time did not come from `resolved_at`. */
export function closureCountsSql(base: string, tagged: boolean): Sql {
	const file = trusted(tagged ? '__file' : 'CAST(0 AS INTEGER)');
	return sql`SELECT ${file} AS __file, __closure AS source, CAST(count(*) AS INTEGER) AS n FROM ${ident(base)} WHERE __closure IS NOT NULL GROUP BY ALL ORDER BY ALL`;
}
