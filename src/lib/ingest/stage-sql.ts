/**
 * One file's rows mapped onto its canonical table, in one statement over the raw table:
 * "no value" tokens, value maps, vocabulary spelling ("Charge Capture" = charge_capture),
 * fill values, then each contract type. Every row comes out, typed or not, with the first
 * reason it cannot be accepted (file, row, column, value, what was expected) or none.
 */
import { TABLES, type ColumnSpec } from '$lib/contract/tables';
import { ident, join, list, sql, trusted, type Sql } from '$lib/sql/fragment';
import type { Mapping } from './mapping';
import { rawColumn, type RawTable } from './raw-table';
import { expectation, outOfRange, swappedOrderHint, typedValue } from './typed-values';
import { vocabularyOf } from './vocabularies';

/** Free text keeps its spaces; identifiers and codes are trimmed. */
const FREE_TEXT = new Set(['short_description', 'description']);

export interface StagePlan {
	readonly statement: Sql;
	/** Extra columns kept after the contract's, in order: value-map sources, then unmapped file columns. */
	readonly extras: readonly string[];
	/** Contract columns that have a fill value (their `__filled_<name>` flag is in the stage). */
	readonly filled: readonly string[];
}

const rawOf = (raw: RawTable, source: string): Sql => ident(rawColumn(raw.header.indexOf(source)));

function extraNames(raw: RawTable, mapping: Mapping, valueSources: readonly string[]): { source: string; name: string }[] {
	const used = new Set(Object.values(mapping.columns));
	const taken = new Set([...TABLES[mapping.table].columns.map((c) => c.name), ...valueSources].map((n) => n.toLowerCase()));
	return raw.header
		.filter((source) => !used.has(source))
		.map((source) => {
			const base = source.startsWith('__') ? `x${source}` : source;
			let name = base;
			for (let n = 1; taken.has(name.toLowerCase()); n++) name = n === 1 ? `${base}_source` : `${base}_source_${n}`;
			taken.add(name.toLowerCase());
			return { source, name };
		});
}

/** The text of a contract column after value map, vocabulary spelling and fill. */
function textOf(column: ColumnSpec, mapping: Mapping, present: Sql): Sql {
	let text = FREE_TEXT.has(column.name) || column.type !== 'VARCHAR' ? present : sql`trim(${present})`;
	const map = mapping.values[column.name];
	if (map) {
		const cases = Object.entries(map.values).map(([from, to]) => sql` WHEN lower(trim(${present})) = ${from.trim().toLowerCase()} THEN ${to}`);
		const otherwise = map.otherwise === undefined ? text : sql`${map.otherwise}`;
		text = sql`CASE WHEN ${present} IS NULL THEN NULL${join(cases, '')} ELSE ${otherwise} END`;
	}
	const vocabulary = vocabularyOf(mapping.table, column.name);
	if (vocabulary) {
		// Most values are spelled as in the vocabulary already: the regular expression runs on the others only.
		const spelled = sql`trim(lower(regexp_replace(trim(${text}), '[^A-Za-z0-9]+', '_', 'g')), '_')`;
		text = sql`CASE WHEN ${text} IN ${list(vocabulary)} THEN ${text} WHEN ${spelled} IN ${list(vocabulary)} THEN ${spelled} ELSE ${text} END`;
	}
	const fill = mapping.fill[column.name];
	return fill === undefined ? text : sql`coalesce(${text}, ${fill})`;
}

/** Rows come out in the raw table's order (DuckDB keeps insertion order), so no sort is needed. */
export function stagePlan(raw: RawTable, mapping: Mapping, fileIndex: number, stageTable: string): StagePlan {
	const spec = TABLES[mapping.table];
	const tokens = [...new Set(mapping.missing.map((m) => m.trim()))];
	// One token is an equality (a NULL value stays NULL through ELSE): an IN list per column is
	// far slower for DuckDB to plan when a file has thousands of columns.
	const isMissing = (value: Sql) => (tokens.length === 1 ? sql`trim(${value}) = ${tokens[0] ?? ''}` : sql`trim(${value}) IN ${list(tokens)}`);
	const present = (value: Sql) => sql`CASE WHEN ${isMissing(value)} THEN NULL ELSE ${value} END`;
	const mapped = spec.columns.filter((c) => mapping.columns[c.name] !== undefined || mapping.fill[c.name] !== undefined);
	const sourceOf = (c: ColumnSpec) => mapping.columns[c.name];
	const rawValue = (c: ColumnSpec): Sql => {
		const source = sourceOf(c);
		return source === undefined ? trusted('CAST(NULL AS VARCHAR)') : rawOf(raw, source);
	};
	const valueSources = spec.columns.filter((c) => mapping.values[c.name] && sourceOf(c) !== undefined).map((c) => `${c.name}_source`);
	const extras = extraNames(raw, mapping, valueSources);
	const filled = spec.columns.filter((c) => mapping.fill[c.name] !== undefined).map((c) => c.name);

	// Layered so that each expression is computed once: raw text, present text (missing
	// tokens as NULL), mapped text, typed value.
	const width = raw.header.length;
	const version = mapping.version === undefined ? trusted('CAST(NULL AS DOUBLE)') : sql`TRY_CAST(trim(${rawOf(raw, mapping.version)}) AS DOUBLE)`;
	const layer = (each: (c: ColumnSpec) => Sql) => join(mapped.map(each), ', ');
	const rawLayer = join(
		[
			sql`${raw.row} AS __row`,
			sql`${raw.fields} AS __fields`,
			sql`${raw.problem} AS __problem`,
			sql`${raw.problemValue} AS __problem_value`,
			sql`${raw.problemColumn} AS __problem_column`,
			sql`${version} AS __version`,
			...mapped.map((c) => sql`${rawValue(c)} AS ${ident(`__r_${c.name}`)}`),
			...extras.map((e) => sql`${present(rawOf(raw, e.source))} AS ${ident(e.name)}`)
		],
		', '
	);
	const presentLayer = layer((c) => sql`${present(ident(`__r_${c.name}`))} AS ${ident(`__p_${c.name}`)}`);
	const textLayer = layer((c) => sql`${textOf(c, mapping, ident(`__p_${c.name}`))} AS ${ident(`__t_${c.name}`)}`);
	const typedLayer = layer((c) => sql`${typedValue(ident(`__t_${c.name}`), c, mapping)} AS ${ident(c.name)}`);

	// Step 2: the first reason in contract order, as column / target / value / expected.
	// A cell at fault (e.g. an Excel formula without a result) names its contract column when mapped.
	const sources = mapped.flatMap((c) => (sourceOf(c) === undefined ? [] : [sql` WHEN ${sourceOf(c) ?? ''} THEN ${c.name}`]));
	const problemTarget = sources.length === 0 ? trusted(`coalesce(__problem_column, '(row)')`) : sql`CASE __problem_column${join(sources, '')} ELSE coalesce(__problem_column, '(row)') END`;
	const checks: { when: Sql; column: Sql; target: Sql; value: Sql; expected: Sql }[] = [
		{
			when: trusted('__problem IS NOT NULL'),
			column: trusted(`coalesce(__problem_column, '(row)')`),
			target: problemTarget,
			value: trusted('__problem_value'),
			expected: trusted('__problem')
		},
		{
			when: sql`__fields <> ${trusted(String(width))}`,
			column: trusted(`'(row)'`),
			target: trusted(`'(row)'`),
			value: sql`CAST(__fields AS VARCHAR) || ' fields'`,
			expected: sql`${`${width} fields, as in the header`}`
		}
	];
	for (const c of mapped) {
		const label = sql`${sourceOf(c) ?? '(fill value)'}`;
		const target = sql`${c.name}`;
		const t = ident(`__t_${c.name}`);
		const typed = ident(c.name);
		const raw = ident(`__r_${c.name}`);
		if (c.required) checks.push({ when: sql`${t} IS NULL`, column: label, target, value: raw, expected: sql`${'a value (required)'}` });
		// Text is text: only other types can fail to parse.
		if (c.type === 'VARCHAR') continue;
		const range = outOfRange(mapping.table, c, typed);
		const bad = range ? sql`(${typed} IS NULL OR ${range})` : sql`${typed} IS NULL`;
		const hint = swappedOrderHint(t, c, mapping);
		const expected = hint ? sql`${expectation(mapping.table, c, mapping)} || ${hint}` : sql`${expectation(mapping.table, c, mapping)}`;
		checks.push({ when: sql`${t} IS NOT NULL AND ${bad}`, column: label, target, value: t, expected });
	}
	// The conditions are tested once per row, for the number of the first that holds; the
	// reason's parts are then looked up for the (few) rejected rows only.
	const firstFailing = sql`CASE${join(
		checks.map((k, i) => sql` WHEN ${k.when} THEN ${trusted(String(i + 1))}`),
		''
	)} END`;
	const pick = (part: 'column' | 'target' | 'value' | 'expected') =>
		sql`CASE WHEN __reject IS NOT NULL THEN CASE __reject${join(
			checks.map((k, i) => sql` WHEN ${trusted(String(i + 1))} THEN ${k[part]}`),
			''
		)} END END`;

	const contract = spec.columns.map((c) =>
		mapped.includes(c) ? sql`${ident(c.name)}` : sql`CAST(NULL AS ${trusted(c.type)}) AS ${ident(c.name)}`
	);
	const step2 = join(
		[
			sql`CAST(${fileIndex} AS INTEGER) AS __file`,
			trusted('__row'),
			sql`${pick('column')} AS __reject_column`,
			sql`${pick('target')} AS __reject_target`,
			sql`${pick('value')} AS __reject_value`,
			sql`${pick('expected')} AS __reject_expected`,
			trusted('__version'),
			...filled.map((name) => sql`(${ident(`__p_${name}`)} IS NULL) AS ${ident(`__filled_${name}`)}`),
			...contract,
			...spec.columns.filter((c) => valueSources.includes(`${c.name}_source`)).map((c) => sql`${ident(`__p_${c.name}`)} AS ${ident(`${c.name}_source`)}`),
			...extras.map((e) => ident(e.name))
		],
		', '
	);
	const more = (prev: string, columns: Sql) => (mapped.length === 0 ? sql`SELECT * FROM ${trusted(prev)}` : sql`SELECT *, ${columns} FROM ${trusted(prev)}`);
	const statement = sql`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
		WITH l1 AS (SELECT ${rawLayer} FROM ${ident(raw.table)} WHERE ${raw.where}),
		l2 AS (${more('l1', presentLayer)}),
		l3 AS (${more('l2', textLayer)}),
		l4 AS (${more('l3', typedLayer)}),
		l5 AS (SELECT *, ${firstFailing} AS __reject FROM l4)
		SELECT ${step2} FROM l5`;
	return { statement, extras: [...valueSources, ...extras.map((e) => e.name)], filled };
}
