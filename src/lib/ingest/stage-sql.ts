/**
 * One file's rows mapped onto its canonical table, in one statement over the raw rows (for
 * a CSV, over DuckDB's reader of the file itself): "no value" tokens, value maps,
 * vocabulary spelling ("Charge Capture" = charge_capture), fill values, then each contract
 * type. Every row comes out, typed or not, with the first reason it cannot be accepted
 * (file, row, column, value, what was expected) or none.
 *
 * It runs over every value of a file, so each step is written to cost little on the
 * values that need nothing: trim() copies a value, so it runs only on values with a space
 * to trim; each derived value is computed once, in a layer of its own; numbers and ISO
 * dates are cast from the file's text as it is (see `direct`).
 */
import { TABLES, type ColumnSpec } from '$lib/contract/tables';
import { ident, join, oneOf, sql, trusted, type Sql } from '$lib/sql/fragment';
import { missingTokens, type Mapping } from './mapping';
import { ORDER_RULES } from './order-rules';
import { rawColumn, type RawTable } from './raw-table';
import { closurePlan } from './closure-sql';
import { expectation, outOfRange, swappedOrderHint, typedValue } from './typed-values';
import { vocabularyOf } from './vocabularies';

/** Free text keeps its spaces; identifiers and codes are trimmed. */
const FREE_TEXT = new Set(['short_description', 'description']);

/** A column the stage adds for the import's own use, dropped once the table is merged. */
export interface BookkeepingColumn {
	readonly name: string;
	readonly type: string;
}

export interface StagePlan {
	readonly statement: Sql;
	/**
	 * The stage's rejected rows in file order, as the rejected-rows table's columns (file, row,
	 * column, target, value, expected): what a row failed is kept as the number of its first
	 * failing check (`__reject` > 0; 0 for an accepted row with a value outside its column's
	 * vocabulary, NULL for the others) and the value, and put into words only for these rows.
	 */
	rejectedRows(file: string): Sql;
	/** Extra columns kept after the contract's, in order: value-map sources, then unmapped file columns. */
	readonly extras: readonly string[];
	/** Contract columns that have a fill value (their `__filled_<name>` flag is in the stage). */
	readonly filled: readonly string[];
	/** The stage's own columns, filled flags included. */
	readonly bookkeeping: readonly BookkeepingColumn[];
	/** Whether the stage has `__closure`: where each closure time not read from `resolved_at` came from (closure-sql.ts). */
	readonly closure: boolean;
}

export interface StageOptions {
	/** The file's place among its table's files, kept as `__file` when the table has several. */
	readonly fileIndex: number;
	readonly tagFile: boolean;
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

/** Whether the value is one of the tokens; null when there are none. One token is an equality: an IN list per column is far slower for DuckDB to plan when a file has thousands of columns. */
function tokenTest(value: Sql, tokens: readonly string[]): Sql | null {
	if (tokens.length === 0) return null;
	return tokens.length === 1 ? sql`${value} = ${tokens[0] ?? ''}` : oneOf(value, tokens);
}

/** Types a cast reads from text with spaces around it; dates only in ISO (strptime formats are exact). */
const CAST_TYPES = new Set(['INTEGER', 'DOUBLE', 'TIMESTAMP', 'DATE']);

/** Whether a cast could read the token as a number or a date (`inf`, `epoch`, `0x1`...). */
const mayParse = (token: string) => /\d|inf|nan|epoch/i.test(token);

/** A value the mapping writes itself (value map, fill), trimmed like the file's values of the column. */
const written = (column: ColumnSpec, value: string) => (FREE_TEXT.has(column.name) ? value : value.trim());

/** The text of a contract column after its value map (or as it was), before vocabulary spelling and fill. */
function mappedText(column: ColumnSpec, mapping: Mapping): Sql {
	const base = ident(FREE_TEXT.has(column.name) ? `__p_${column.name}` : `__ps_${column.name}`);
	const map = mapping.values[column.name];
	if (!map) return base;
	const lowered = ident(`__l_${column.name}`);
	// A value mapped to nothing is missing (Jira's priority `None`): NULL, as if the file had no value.
	const target = (to: string) => (written(column, to) === '' ? trusted('NULL') : sql`${written(column, to)}`);
	const cases = Object.entries(map.values).map(([from, to]) => sql` WHEN ${lowered} = ${from.trim().toLowerCase()} THEN ${target(to)}`);
	const otherwise = map.otherwise === undefined ? base : sql`${written(column, map.otherwise)}`;
	return sql`CASE WHEN ${ident(`__ps_${column.name}`)} IS NULL THEN NULL${join(cases, '')} ELSE ${otherwise} END`;
}

/** The mapped text with vocabulary spelling and fill value; `known`, true where the file's value is a vocabulary value as it is. */
function finalText(column: ColumnSpec, mapping: Mapping, known: Sql | null): Sql {
	let text: Sql = ident(`__m_${column.name}`);
	const vocabulary = vocabularyOf(mapping.table, column.name);
	if (vocabulary) {
		// Most values are spelled as in the vocabulary already: the regular expression runs on the others only.
		const spelled = sql`trim(lower(regexp_replace(${text}, '[^A-Za-z0-9]+', '_', 'g')), '_')`;
		const spelledRight = known ? sql`${known} OR ${oneOf(text, vocabulary)}` : oneOf(text, vocabulary);
		text = sql`CASE WHEN ${spelledRight} THEN ${text} WHEN ${oneOf(spelled, vocabulary)} THEN ${spelled} ELSE ${text} END`;
	}
	const fill = mapping.fill[column.name];
	return fill === undefined ? text : sql`coalesce(${text}, ${written(column, fill)})`;
}

/**
 * A stage's marked rows by kind: `rejected` 1 for rejected rows, 0 for accepted rows with a
 * value outside their column's vocabulary. Most rows are neither, and the scan's
 * NULL test passes them by before any counting.
 */
export const stageCountsSql = (stageTable: string): Sql =>
	sql`SELECT CAST(__reject > 0 AS INTEGER) AS rejected, CAST(count(*) AS INTEGER) AS n FROM ${ident(stageTable)} WHERE __reject IS NOT NULL GROUP BY ALL`;

/** Rows come out in the source's order (DuckDB keeps it), so no sort is needed. */
export function stagePlan(raw: RawTable, mapping: Mapping, stageTable: string, options: StageOptions): StagePlan {
	const spec = TABLES[mapping.table];
	const tokens = missingTokens(mapping);
	// When the reader gave NULL for every empty value, '' needs no test of its own: a value
	// trimmed to nothing is made NULL where it is trimmed.
	const tested = raw.emptyIsNull ? tokens.filter((t) => t !== '') : tokens;
	const trimmed = (value: Sql) => sql`CASE WHEN ${spaced(value)} THEN ${raw.emptyIsNull ? sql`nullif(trim(${value}), '')` : sql`trim(${value})`} ELSE ${value} END`;
	// A missing token (after trimming) is NULL; a NULL value stays NULL through ELSE.
	// Its shape matters for a file's thousands of extra columns too: DuckDB plans some far slower than others.
	const present = (value: Sql) => {
		const blank = tokenTest(sql`trim(${value})`, tokens);
		if (!blank) return value;
		const token = tokenTest(value, tested);
		// With '' the only token left, a value that trims to nothing starts with a space.
		const missing = token ? sql`${token} OR (${spaced(value)} AND ${blank})` : sql`${value} ~~ ' %' AND ${blank}`;
		return sql`CASE WHEN ${missing} THEN NULL ELSE ${value} END`;
	};
	const mapped = spec.columns.filter((c) => mapping.columns[c.name] !== undefined || mapping.fill[c.name] !== undefined);
	const sourceOf = (c: ColumnSpec) => mapping.columns[c.name];
	/**
	 * A number or ISO date taken from the file as it is is cast straight from its text: the
	 * cast ignores surrounding spaces, so nothing is trimmed or compared on the values that
	 * parse, and a missing token is told from a bad value on the others only. Not when a
	 * token could parse, or a value map or fill value needs the text.
	 */
	const direct = (c: ColumnSpec) =>
		CAST_TYPES.has(c.type) &&
		(mapping.dateFormat === 'iso' || (c.type !== 'TIMESTAMP' && c.type !== 'DATE')) &&
		sourceOf(c) !== undefined &&
		mapping.values[c.name] === undefined &&
		mapping.fill[c.name] === undefined &&
		!tokens.some(mayParse);
	const textual = mapped.filter((c) => !direct(c));
	/**
	 * A vocabulary column read from the file is first compared with the vocabulary as it is:
	 * most values are spelled right and then need no trimming or respelling. Not with a value
	 * map (the file's values are not the column's), or a token that is a vocabulary value.
	 */
	const vocabularyOfColumn = (c: ColumnSpec) => vocabularyOf(mapping.table, c.name);
	const knownFirst = (c: ColumnSpec) =>
		sourceOf(c) !== undefined && mapping.values[c.name] === undefined && (vocabularyOfColumn(c) ?? []).length > 0 && !tokens.some((t) => vocabularyOfColumn(c)?.includes(t));
	const known = (c: ColumnSpec) => (knownFirst(c) ? ident(`__v_${c.name}`) : null);
	const rawValue = (c: ColumnSpec): Sql => {
		const source = sourceOf(c);
		return source === undefined ? trusted('CAST(NULL AS VARCHAR)') : rawOf(raw, source);
	};
	const valueSources = spec.columns.filter((c) => mapping.values[c.name] && sourceOf(c) !== undefined).map((c) => `${c.name}_source`);
	const extras = extraNames(raw, mapping, valueSources);
	const filled = spec.columns.filter((c) => mapping.fill[c.name] !== undefined).map((c) => c.name);
	// The untrimmed present text is kept where it is used: free text, and a value map's source column.
	const keepsSpaces = (c: ColumnSpec) => FREE_TEXT.has(c.name) || mapping.values[c.name] !== undefined;
	// Free text with nothing mapped onto it is never trimmed: only told whether it is missing.
	const untrimmed = (c: ColumnSpec) => FREE_TEXT.has(c.name) && mapping.values[c.name] === undefined && mapping.fill[c.name] === undefined;

	// Layers, so that each expression is computed once: raw text; trimmed; present (missing
	// tokens as NULL), trimmed or not; lowered for a value map; mapped; spelled and filled; typed.
	const width = raw.header.length;
	const layer = (each: (c: ColumnSpec) => Sql[]) => textual.flatMap(each);
	const problems = raw.problems;
	const rowColumn = typeof raw.row !== 'number';
	const closure = closurePlan(
		mapping,
		raw.header,
		(source) => rawOf(raw, source),
		present,
		(name) => mapped.some((c) => c.name === name)
	);
	const rawLayer = [
		...(closure?.raw ?? []),
		...(typeof raw.row === 'number' ? [] : [sql`${raw.row} AS __row`]),
		...(raw.ragged ? [sql`CASE WHEN ${raw.ragged.when} THEN ${raw.ragged.fields} END AS __fields`] : []),
		...(problems ? [sql`${problems.expected} AS __problem`, sql`${problems.value} AS __problem_value`, sql`${problems.column} AS __problem_column`] : []),
		...(mapping.version === undefined ? [] : [sql`TRY_CAST(${rawOf(raw, mapping.version)} AS DOUBLE) AS __version`]),
		...mapped.map((c) => sql`${rawValue(c)} AS ${ident(`__r_${c.name}`)}`),
		...mapped.filter(knownFirst).map((c) => sql`coalesce(${oneOf(rawValue(c), vocabularyOfColumn(c) ?? [])}, FALSE) AS ${ident(`__v_${c.name}`)}`),
		...extras.map((e) => sql`${present(rawOf(raw, e.source))} AS ${ident(e.name)}`)
	];
	const trimmedLayer = layer((c) => {
		if (untrimmed(c)) return [];
		const r = ident(`__r_${c.name}`);
		const v = known(c);
		return [sql`${v ? sql`CASE WHEN ${v} THEN ${r} ELSE ${trimmed(r)} END` : trimmed(r)} AS ${ident(`__s_${c.name}`)}`];
	});
	const presentLayer = layer((c) => {
		if (untrimmed(c)) return [sql`${present(ident(`__r_${c.name}`))} AS ${ident(`__p_${c.name}`)}`];
		const s = ident(`__s_${c.name}`);
		const token = tokenTest(s, tested);
		// A value trimmed to nothing is NULL in `s` only when the reader gave NULL for empty ones.
		const gone = raw.emptyIsNull ? (token ? sql`${s} IS NULL OR ${token}` : sql`${s} IS NULL`) : token;
		return [
			sql`${token ? sql`CASE WHEN ${token} THEN NULL ELSE ${s} END` : s} AS ${ident(`__ps_${c.name}`)}`,
			...(keepsSpaces(c) ? [sql`${gone ? sql`CASE WHEN ${gone} THEN NULL ELSE ${ident(`__r_${c.name}`)} END` : ident(`__r_${c.name}`)} AS ${ident(`__p_${c.name}`)}`] : []),
			...(mapping.values[c.name] ? [sql`lower(${s}) AS ${ident(`__l_${c.name}`)}`] : [])
		];
	});
	const mappedLayer = layer((c) => [sql`${mappedText(c, mapping)} AS ${ident(`__m_${c.name}`)}`]);
	const textLayer = layer((c) => [sql`${finalText(c, mapping, known(c))} AS ${ident(`__t_${c.name}`)}`]);
	const typedLayer = mapped.map((c) => sql`${typedValue(ident(direct(c) ? `__r_${c.name}` : `__t_${c.name}`), c, mapping)} AS ${ident(c.name)}`);
	// Step 2: the first reason in contract order. The stage keeps its number and the value;
	// column, target and what was expected are put into words from the stage's own columns
	// (`__reject_value`, the problem columns), for the rejected rows only.
	// A cell at fault (e.g. an Excel formula without a result) names its contract column when mapped.
	// `gate`: a cheaper condition that holds whenever `when` does, so that most rows are passed after a few NULL tests.
	const checks: { when: Sql; gate: Sql; value: Sql; column: Sql; target: Sql; expected: Sql }[] = [];
	const value = trusted('__reject_value');
	if (problems) {
		const sources = mapped.flatMap((c) => (sourceOf(c) === undefined ? [] : [sql` WHEN ${sourceOf(c) ?? ''} THEN ${c.name}`]));
		const column = trusted(`coalesce(__problem_column, '(row)')`);
		checks.push({
			when: trusted('__problem IS NOT NULL'),
			gate: trusted('__problem IS NOT NULL'),
			value: trusted('__problem_value'),
			column,
			target: sources.length === 0 ? column : sql`CASE __problem_column${join(sources, '')} ELSE ${column} END`,
			expected: trusted('__problem')
		});
	}
	if (raw.ragged) {
		checks.push({
			when: trusted('__fields IS NOT NULL'),
			gate: trusted('__fields IS NOT NULL'),
			value: sql`CAST(__fields AS VARCHAR) || ' fields'`,
			column: trusted(`'(row)'`),
			target: trusted(`'(row)'`),
			expected: sql`${`${width} fields, as in the header`}`
		});
	}
	for (const c of mapped) {
		const label = sql`${sourceOf(c) ?? '(fill value)'}`;
		const target = sql`${c.name}`;
		const r = ident(`__r_${c.name}`);
		const typed = ident(c.name);
		// A direct column's value is missing when it is NULL, or does not parse and is a token once trimmed.
		const blank = direct(c) ? tokenTest(sql`trim(${r})`, tokens) : null;
		const t = direct(c) ? r : ident(`__t_${c.name}`);
		const missing = blank ? sql`(${t} IS NULL OR (${typed} IS NULL AND ${blank}))` : sql`${t} IS NULL`;
		// A NULL read for an empty value is shown as the empty value it was.
		const given = raw.emptyIsNull ? sql`coalesce(${r}, '')` : r;
		// A missing value is NULL text, and NULL typed too.
		const gate = c.type === 'VARCHAR' ? sql`${t} IS NULL` : sql`${typed} IS NULL`;
		if (c.required) checks.push({ when: missing, gate, value: given, column: label, target, expected: sql`${'a value (required)'}` });
		// Text is text: only other types can fail to parse. A NUL byte is no character of any
		// text (a stray byte of a broken export); in a number or date it fails to parse below.
		if (c.type === 'VARCHAR') {
			if (sourceOf(c) !== undefined) {
				const nul = sql`contains(${r}, chr(0))`;
				checks.push({ when: nul, gate: nul, value: sql`replace(${r}, chr(0), '␀')`, column: label, target, expected: sql`${'text without a NUL character (byte 0)'}` });
			}
			continue;
		}
		const range = outOfRange(mapping.table, c, typed);
		const unparsed = blank ? sql`(${typed} IS NULL AND NOT ${blank})` : sql`${typed} IS NULL`;
		const bad = range ? sql`(${unparsed} OR ${range})` : unparsed;
		// The value of this check is the text that did not parse (trimmed, as the mapping reads it).
		const hint = swappedOrderHint(value, c, mapping);
		const expected = hint ? sql`${expectation(mapping.table, c, mapping)} || ${hint}` : sql`${expectation(mapping.table, c, mapping)}`;
		checks.push({ when: sql`${t} IS NOT NULL AND ${bad}`, gate: range ? sql`${gate} OR ${range}` : gate, value: direct(c) ? sql`trim(${r})` : t, column: label, target, expected });
	}
	// Dates out of order, once each has parsed (a value that did not parse was rejected above).
	for (const rule of ORDER_RULES[mapping.table] ?? []) {
		const later = mapped.find((c) => c.name === rule.later);
		if (!later || !mapped.some((c) => c.name === rule.earlier)) continue;
		const before = sql`${ident(rule.later)} < ${ident(rule.earlier)}`;
		const r = ident(`__r_${later.name}`);
		checks.push({
			when: before,
			gate: before,
			value: direct(later) ? sql`trim(${r})` : ident(`__t_${later.name}`),
			column: sql`${sourceOf(later) ?? '(fill value)'}`,
			target: sql`${later.name}`,
			expected: sql`${`on or after ${rule.earlier} (`} || CAST(${ident(rule.earlier)} AS VARCHAR) || ')'`
		});
	}
	// The conditions are tested once per row, for the number of the first that holds; the
	// value is then looked up for the (few) rejected rows only.
	const byCheck = (part: (k: (typeof checks)[number]) => Sql) =>
		sql`CASE __reject${join(
			checks.map((k, i) => sql` WHEN ${trusted(String(i + 1))} THEN ${part(k)}`),
			''
		)} END`;
	// An accepted row with a value outside its column's vocabulary is 0 (kept, and flagged):
	// the values are then listed only for a table that has any.
	const outside = mapped.flatMap((c) => {
		const vocabulary = vocabularyOfColumn(c);
		if (!vocabulary) return [];
		const t = ident(`__t_${c.name}`);
		const v = known(c);
		return [v ? sql`(NOT ${v} AND ${t} IS NOT NULL AND NOT ${oneOf(t, vocabulary)})` : sql`(${t} IS NOT NULL AND NOT ${oneOf(t, vocabulary)})`];
	});
	const flagged = outside.length === 0 ? [] : [{ gate: join(outside, ' OR '), when: join(outside, ' OR '), code: 0 }];
	const gates = [...new Map([...checks, ...flagged].map((k) => [JSON.stringify([k.gate.text, k.gate.params]), k.gate])).values()];
	const firstFailing = sql`CASE WHEN ${join(gates, ' OR ')} THEN CASE${join(
		[...checks.map((k, i) => ({ ...k, code: i + 1 })), ...flagged].map((k) => sql` WHEN ${k.when} THEN ${trusted(String(k.code))}`),
		''
	)} END END`;

	const bookkeeping: BookkeepingColumn[] = [
		...(rowColumn ? [{ name: '__row', type: 'INTEGER' }] : []),
		{ name: '__reject', type: 'INTEGER' },
		{ name: '__reject_value', type: 'VARCHAR' },
		...(problems
			? [
					{ name: '__problem', type: 'VARCHAR' },
					{ name: '__problem_column', type: 'VARCHAR' }
				]
			: []),
		...(mapping.version === undefined ? [] : [{ name: '__version', type: 'DOUBLE' }]),
		...(options.tagFile ? [{ name: '__file', type: 'INTEGER' }] : []),
		...(closure ? [{ name: '__closure', type: 'VARCHAR' }] : []),
		...filled.map((name) => ({ name: `__filled_${name}`, type: 'BOOLEAN' }))
	];
	const contract = spec.columns.map((c) =>
		closure && c.name === 'resolved_at' ? sql`${closure.resolvedAt} AS resolved_at` : mapped.includes(c) ? sql`${ident(c.name)}` : sql`CAST(NULL AS ${trusted(c.type)}) AS ${ident(c.name)}`
	);
	const step2 = join(
		[
			...(rowColumn ? [trusted('__row')] : []),
			trusted('__reject'),
			sql`CASE WHEN __reject > 0 THEN ${byCheck((k) => k.value)} END AS __reject_value`,
			...(problems ? [trusted('__problem'), trusted('__problem_column')] : []),
			...(mapping.version === undefined ? [] : [trusted('__version')]),
			...(options.tagFile ? [sql`CAST(${options.fileIndex} AS INTEGER) AS __file`] : []),
			...(closure ? [trusted('__closure')] : []),
			...filled.map((name) => sql`(${ident(`__ps_${name}`)} IS NULL) AS ${ident(`__filled_${name}`)}`),
			...contract,
			...spec.columns.filter((c) => valueSources.includes(`${c.name}_source`)).map((c) => sql`${ident(`__p_${c.name}`)} AS ${ident(`${c.name}_source`)}`),
			...extras.map((e) => ident(e.name))
		],
		', '
	);
	const layers = [trimmedLayer, presentLayer, mappedLayer, textLayer, typedLayer, ...(closure?.layers ?? [])].filter((l) => l.length > 0);
	const ctes = [
		sql`l0 AS (SELECT ${join(rawLayer, ', ')} FROM ${raw.source} WHERE ${raw.where})`,
		...layers.map((l, i) => sql`${trusted(`l${i + 1}`)} AS (SELECT *, ${join(l, ', ')} FROM ${trusted(`l${i}`)})`),
		sql`checked AS (SELECT *, ${firstFailing} AS __reject FROM ${trusted(`l${layers.length}`)})`
	];
	const statement = sql`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
		WITH ${join(ctes, ',\n\t\t')}
		SELECT ${step2} FROM checked`;
	// Read right after the stage is written, before any row is added or deleted: rowid is then the row's place in the source.
	const shifts = raw.blankShifts ?? [];
	const skipped = shifts.length === 0 ? '' : ` + len(list_filter([${shifts.map((n) => String(Math.trunc(n))).join(', ')}], b -> b <= rowid))`;
	const row = typeof raw.row === 'number' ? trusted(`CAST(rowid + ${raw.row}${skipped} AS INTEGER)`) : trusted('__row');
	const rejectedRows = (file: string) =>
		sql`SELECT ${file} AS file, ${row} AS "row", ${byCheck((k) => k.column)} AS "column", ${byCheck((k) => k.target)} AS target,
			__reject_value AS value, ${byCheck((k) => k.expected)} AS expected
			FROM ${ident(stageTable)} WHERE __reject > 0 ORDER BY "row"`;
	return { statement, rejectedRows, extras: [...valueSources, ...extras.map((e) => e.name)], filled, bookkeeping, closure: closure !== null };
}
