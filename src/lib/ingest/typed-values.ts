/**
 * SQL expressions that turn a text value into a contract type, and the words that say
 * what was expected when it does not parse. Dates are parsed with the mapping's format
 * (`strptime`, see date-formats.ts); ISO is accepted in every format because it cannot be misread.
 */
import type { ColumnSpec } from '$lib/contract/tables';
import { join, literal, oneOf, sql, trusted, type Sql } from '$lib/sql/fragment';
import { customFormats, NAMED_FORMATS, strptimeExample, type DateFormat } from './date-formats';
import type { Mapping } from './mapping';

const EXAMPLES: Readonly<Record<Exclude<DateFormat, 'custom'>, { date: string; time: string }>> = {
	iso: { date: '2016-02-29', time: '2016-02-29 13:16' },
	day_first: { date: 'a day-first date like 29/2/2016', time: 'a day-first date like 29/2/2016 13:16' },
	month_first: { date: 'a month-first date like 2/29/2016', time: 'a month-first date like 2/29/2016 1:16 PM' },
	jira: { date: 'a date like 29/Feb/16', time: 'a date like 29/Feb/16 1:16 PM' }
};

/** How a mapping reads dates. */
export type DateRule = Pick<Mapping, 'dateFormat' | 'customDateFormat'>;

function formatsOf(rule: DateRule): readonly string[] {
	if (rule.dateFormat === 'iso') return [];
	if (rule.dateFormat === 'custom') return customFormats(rule.customDateFormat ?? '');
	return NAMED_FORMATS[rule.dateFormat];
}

/**
 * A LIKE pattern that every value a strptime format reads matches: the format's literal
 * characters in order (spaces aside, which strptime reads loosely); null when it has none.
 * A strptime that fails costs about thirty LIKEs, so a value skips the formats it cannot fit.
 */
export function shapeOf(format: string): string | null {
	let shape = '%';
	for (let i = 0; i < format.length; i++) {
		const ch = format[i] ?? '';
		if (ch === '%') i += format[i + 1] === '-' ? 2 : 1;
		else if (ch === '_' || ch === '\\') return null;
		else if (ch.trim() !== '') shape += `${ch}%`;
	}
	return shape === '%' ? null : shape;
}

/** The first format that reads the (trimmed) text; coalesce tries the next only where the last gave NULL. */
function tryFormats(text: Sql, formats: readonly string[]): Sql {
	const attempts = formats.map((format) => {
		const shape = shapeOf(format);
		const parse = sql`try_strptime(${text}, ${literal(format)})`;
		return shape === null ? parse : sql`CASE WHEN ${text} ~~ ${literal(shape)} THEN ${parse} END`;
	});
	return sql`coalesce(${join(attempts, ', ')})`;
}

const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];

/** Value ranges the contract gives (priority 1..5, score 0..100, visits 0 or more: a count is never negative). */
export const RANGES: Readonly<Record<string, readonly [number, number | null]>> = {
	'tickets.priority': [1, 5],
	'training.score': [0, 100],
	'throughput.scheduled_visits': [0, null],
	'throughput.completed_visits': [0, null]
};

const rangeWords = ([min, max]: readonly [number, number | null]) => (max === null ? `, ${min} or more` : ` from ${min} to ${max}`);

export function timestampOf(text: Sql, rule: DateRule): Sql {
	// Casts ignore surrounding spaces.
	const iso = sql`TRY_CAST(${text} AS TIMESTAMP)`;
	const formats = formatsOf(rule);
	return formats.length === 0 ? iso : sql`coalesce(${tryFormats(text, formats)}, ${iso})`;
}

/** The typed value of a text (trimmed, as the mapping leaves every text but free text), NULL when it does not parse. */
export function typedValue(text: Sql, column: ColumnSpec, rule: DateRule): Sql {
	switch (column.type) {
		case 'VARCHAR':
			return text;
		case 'INTEGER':
			// A cast rounds "2.5" to 3: a value with a decimal point is read only when it is whole ("3.0", as spreadsheets write).
			return sql`CASE WHEN ${text} ~~ '%.%' THEN CASE WHEN TRY_CAST(${text} AS DOUBLE) % 1 = 0 THEN TRY_CAST(${text} AS INTEGER) END ELSE TRY_CAST(${text} AS INTEGER) END`;
		case 'DOUBLE':
			return sql`TRY_CAST(${text} AS DOUBLE)`;
		case 'BOOLEAN':
			return sql`CASE WHEN ${oneOf(sql`lower(${text})`, TRUE_WORDS)} THEN TRUE WHEN ${oneOf(sql`lower(${text})`, FALSE_WORDS)} THEN FALSE END`;
		case 'TIMESTAMP':
			return timestampOf(text, rule);
		case 'DATE':
			return sql`CAST(${timestampOf(text, rule)} AS DATE)`;
	}
}

/** What a value of the column must look like, in words for the rejected-rows report. */
export function expectation(table: string, column: ColumnSpec, rule: DateRule): string {
	const range = RANGES[`${table}.${column.name}`];
	switch (column.type) {
		case 'VARCHAR':
			return 'text';
		case 'INTEGER':
			return range ? `a whole number${rangeWords(range)}` : 'a whole number';
		case 'DOUBLE':
			return range ? `a number${rangeWords(range)}` : 'a number';
		case 'BOOLEAN':
			return 'true or false (yes/no, 1/0)';
		case 'TIMESTAMP':
		case 'DATE': {
			const part = column.type === 'DATE' ? 'date' : 'time';
			const what = column.type === 'DATE' ? 'a date' : 'a date and time';
			if (rule.dateFormat === 'custom') {
				const format = rule.customDateFormat ?? '';
				const shown = column.type === 'DATE' ? (customFormats(format).at(-1) ?? format) : format;
				return `${what} like ${strptimeExample(shown)} (${shown}) or ISO ${EXAMPLES.iso[part]}`;
			}
			return rule.dateFormat === 'iso' ? `${what} like ${EXAMPLES.iso[part]}` : EXAMPLES[rule.dateFormat][part];
		}
	}
}

const SWAPPED: Partial<Record<DateFormat, { other: DateFormat; words: string }>> = {
	day_first: { other: 'month_first', words: ' (it reads as month-first: check the Dates setting)' },
	month_first: { other: 'day_first', words: ' (it reads as day-first: check the Dates setting)' }
};

/**
 * Words added to a rejected date's reason (null for other columns) when the value fits the other order of day and
 * month: the file may not be in the chosen format. Such values are rejected, never swapped.
 */
export function swappedOrderHint(text: Sql, column: ColumnSpec, rule: DateRule): Sql | null {
	const swapped = SWAPPED[rule.dateFormat];
	if (!swapped || (column.type !== 'DATE' && column.type !== 'TIMESTAMP')) return null;
	return sql`CASE WHEN ${tryFormats(text, formatsOf({ dateFormat: swapped.other }))} IS NOT NULL THEN ${swapped.words} ELSE '' END`;
}

/** True when a typed value is outside the contract's range for the column. */
export function outOfRange(table: string, column: ColumnSpec, typed: Sql): Sql | null {
	const range = RANGES[`${table}.${column.name}`];
	if (!range) return null;
	const [min, max] = range;
	return max === null ? sql`(${typed} < ${trusted(String(min))})` : sql`(${typed} NOT BETWEEN ${trusted(String(min))} AND ${trusted(String(max))})`;
}
