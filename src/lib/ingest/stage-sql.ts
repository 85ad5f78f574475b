/**
 * One file's rows mapped onto its canonical table, in one statement over the raw rows (for
 * a CSV, over DuckDB's reader of the file itself): "no value" tokens, value maps,
 * vocabulary spelling ("Charge Capture" = charge_capture), fill values, then each contract
 * type. Every row comes out, typed or not, with the first reason it cannot be accepted
 * (file, row, column, value, what was expected) or none.
 *
 * It runs over every value of a file, so each step is written to cost little on the
 * values that need nothing: trim() copies a value, so it runs only on values with a space
 * to trim; each derived value is computed once, in a layer of its own.
 */
import { TABLES, type ColumnSpec } from '$lib/contract/tables';
import { ident, join, oneOf, sql, trusted, type Sql } from '$lib/sql/fragment';
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

/** Whether trim() would change the value: most values have no space to trim, and trim() copies every value. */
const spaced = (value: Sql) => sql`(${value} ~~ ' %' OR ${value} ~~ '% ')`;
const trimmed = (value: Sql) => sql`CASE WHEN ${spaced(value)} THEN trim(${value}) ELSE ${value} END`;

/** A value the mapping writes itself (value map, fill), trimmed like the file's values of the column. */
const written = (column: ColumnSpec, value: string) => (FREE_TEXT.has(column.name) ? value : value.trim());

/** The text of a contract column after its value map (or as it was), before vocabulary spelling and fill. */
function mappedText(column: ColumnSpec, mapping: Mapping): Sql {
	const base = ident(FREE_TEXT.has(column.name) ? `__p_${column.name}` : `__ps_${column.name}`);
	const map = mapping.values[column.name];
	if (!map) return base;
	const lowered = ident(`__l_${column.name}`);
	const cases = Object.entries(map.values).map(([from, to]) => sql` WHEN ${lowered} = ${from.trim().toLowerCase()} THEN ${written(column, to)}`);
	const otherwise = map.otherwise === undefined ? base : sql`${written(column, map.otherwise)}`;
	return sql`CASE WHEN ${ident(`__ps_${column.name}`)} IS NULL THEN NULL${join(cases, '')} ELSE ${otherwise} END`;
}

/** The mapped text with vocabulary spelling and fill value. */
function finalText(column: ColumnSpec, mapping: Mapping): Sql {
	let text: Sql = ident(`__m_${column.name}`);
	const vocabulary = vocabularyOf(mapping.table, column.name);
	if (vocabulary) {
		// Most values are spelled as in the vocabulary already: the regular expression runs on the others only.
		const spelled = sql`trim(lower(regexp_replace(${text}, '[^A-Za-z0-9]+', '_', 'g')), '_')`;
		text = sql`CASE WHEN ${oneOf(text, vocabulary)} THEN ${text} WHEN ${oneOf(spelled, vocabulary)} THEN ${spelled} ELSE ${text} END`;
	}
	const fill = mapping.fill[column.name];
	return fill === undefined ? text : sql`coalesce(${text}, ${written(column, fill)})`;
}

/** Rows come out in the source's order (DuckDB keeps it), so no sort is needed. */
export function stagePlan(raw: RawTable, mapping: Mapping, fileIndex: number, stageTable: string): StagePlan {
	const spec = TABLES[mapping.table];
	const tokens = [...new Set(mapping.missing.map((m) => m.trim()))];
	// One token is an equality: an IN list per column is far slower for DuckDB to plan when a
	// file has thousands of columns. `value` is trimmed.
	const isToken = (value: Sql) => (tokens.length === 1 ? sql`${value} = ${tokens[0] ?? ''}` : oneOf(value, tokens));
	// A missing token (after trimming) is NULL; a NULL value stays NULL through ELSE.
	const present = (value: Sql) => sql`CASE WHEN ${isToken(value)} OR (${spaced(value)} AND ${isToken(sql`trim(${value})`)}) THEN NULL ELSE ${value} END`;
	const mapped = spec.columns.filter((c) => mapping.columns[c.name] !== undefined || mapping.fill[c.name] !== undefined);
	const sourceOf = (c: ColumnSpec) => mapping.columns[c.name];
	const rawValue = (c: ColumnSpec): Sql => {
		const source = sourceOf(c);
		return source === undefined ? trusted('CAST(NULL AS VARCHAR)') : rawOf(raw, source);
	};
	const valueSources = spec.columns.filter((c) => mapping.values[c.name] && sourceOf(c) !== undefined).map((c) => `${c.name}_source`);
	const extras = extraNames(raw, mapping, valueSources);
	const filled = spec.columns.filter((c) => mapping.fill[c.name] !== undefined).map((c) => c.name);
	// The untrimmed present text is kept where it is used: free text, and a value map's source column.
	const keepsSpaces = (c: ColumnSpec) => FREE_TEXT.has(c.name) || mapping.values[c.name] !== undefined;

	// Layers, so that each expression is computed once: raw text; trimmed; present (missing
	// tokens as NULL), trimmed or not; lowered for a value map; mapped; spelled and filled; typed.
	const width = raw.header.length;
	const version = mapping.version === undefined ? trusted('CAST(NULL AS DOUBLE)') : sql`TRY_CAST(${rawOf(raw, mapping.version)} AS DOUBLE)`;
	const layer = (each: (c: ColumnSpec) => Sql[]) => mapped.flatMap(each);
	const rawLayer = [
		sql`${raw.row} AS __row`,
		sql`CASE WHEN ${raw.ragged} THEN ${raw.fields} END AS __fields`,
		sql`${raw.problem} AS __problem`,
		sql`${raw.problemValue} AS __problem_value`,
		sql`${raw.problemColumn} AS __problem_column`,
		sql`${version} AS __version`,
		...mapped.map((c) => sql`${rawValue(c)} AS ${ident(`__r_${c.name}`)}`),
		...extras.map((e) => sql`${present(rawOf(raw, e.source))} AS ${ident(e.name)}`)
	];
	const trimmedLayer = layer((c) => [sql`${trimmed(ident(`__r_${c.name}`))} AS ${ident(`__s_${c.name}`)}`]);
	const presentLayer = layer((c) => {
		const s = ident(`__s_${c.name}`);
		return [
			sql`CASE WHEN ${isToken(s)} THEN NULL ELSE ${s} END AS ${ident(`__ps_${c.name}`)}`,
			...(keepsSpaces(c) ? [sql`CASE WHEN ${isToken(s)} THEN NULL ELSE ${ident(`__r_${c.name}`)} END AS ${ident(`__p_${c.name}`)}`] : []),
			...(mapping.values[c.name] ? [sql`lower(${s}) AS ${ident(`__l_${c.name}`)}`] : [])
		];
	});
	const mappedLayer = layer((c) => [sql`${mappedText(c, mapping)} AS ${ident(`__m_${c.name}`)}`]);
	const textLayer = layer((c) => [sql`${finalText(c, mapping)} AS ${ident(`__t_${c.name}`)}`]);
	const typedLayer = layer((c) => [sql`${typedValue(ident(`__t_${c.name}`), c, mapping)} AS ${ident(c.name)}`]);
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
			when: trusted('__fields IS NOT NULL'),
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
			...filled.map((name) => sql`(${ident(`__ps_${name}`)} IS NULL) AS ${ident(`__filled_${name}`)}`),
			...contract,
			...spec.columns.filter((c) => valueSources.includes(`${c.name}_source`)).map((c) => sql`${ident(`__p_${c.name}`)} AS ${ident(`${c.name}_source`)}`),
			...extras.map((e) => ident(e.name))
		],
		', '
	);
	const layers = [trimmedLayer, presentLayer, mappedLayer, textLayer, typedLayer].filter((l) => l.length > 0);
	const ctes = [
		sql`l0 AS (SELECT ${join(rawLayer, ', ')} FROM ${raw.source} WHERE ${raw.where})`,
		...layers.map((l, i) => sql`${trusted(`l${i + 1}`)} AS (SELECT *, ${join(l, ', ')} FROM ${trusted(`l${i}`)})`),
		sql`checked AS (SELECT *, ${firstFailing} AS __reject FROM ${trusted(`l${layers.length}`)})`
	];
	const statement = sql`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
		WITH ${join(ctes, ',\n\t\t')}
		SELECT ${step2} FROM checked`;
	return { statement, extras: [...valueSources, ...extras.map((e) => e.name)], filled };
}
