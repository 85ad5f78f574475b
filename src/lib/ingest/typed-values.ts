/**
 * SQL expressions that turn a text value into a contract type, and the words that say
 * what was expected when it does not parse. Dates are parsed with the mapping's format
 * (`strptime`); ISO is accepted in every format because it cannot be misread.
 */
import type { ColumnSpec } from '$lib/contract/tables';
import { join, literal, sql, trusted, type Sql } from '$lib/sql/fragment';
import type { DateFormat } from './mapping';

const STRPTIME: Readonly<Record<Exclude<DateFormat, 'iso'>, readonly string[]>> = {
	day_first: ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y', '%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y'],
	month_first: ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y'],
	jira: ['%d/%b/%y %I:%M %p', '%d/%b/%y %H:%M', '%d/%b/%y', '%d/%b/%Y %I:%M %p', '%d/%b/%Y %H:%M', '%d/%b/%Y']
};

const EXAMPLES: Readonly<Record<DateFormat, { date: string; time: string }>> = {
	iso: { date: '2016-02-29', time: '2016-02-29 13:16' },
	day_first: { date: 'a day-first date like 29/2/2016', time: 'a day-first date like 29/2/2016 13:16' },
	month_first: { date: 'a month-first date like 2/29/2016', time: 'a month-first date like 2/29/2016 1:16 PM' },
	jira: { date: 'a date like 29/Feb/16', time: 'a date like 29/Feb/16 1:16 PM' }
};

const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];

/** Value ranges the contract gives (priority 1..5, score 0..100). */
export const RANGES: Readonly<Record<string, readonly [number, number]>> = {
	'tickets.priority': [1, 5],
	'training.score': [0, 100]
};

const words = (list: readonly string[]) => trusted(list.map((w) => `'${w}'`).join(', '));

export function timestampOf(text: Sql, format: DateFormat): Sql {
	const iso = sql`TRY_CAST(trim(${text}) AS TIMESTAMP)`;
	if (format === 'iso') return iso;
	const formats = join(STRPTIME[format].map(literal), ', ');
	return sql`coalesce(try_strptime(trim(${text}), [${formats}]), ${iso})`;
}

/** The typed value of a text, NULL when it does not parse. */
export function typedValue(text: Sql, column: ColumnSpec, format: DateFormat): Sql {
	switch (column.type) {
		case 'VARCHAR':
			return text;
		case 'INTEGER':
			return sql`TRY_CAST(trim(${text}) AS INTEGER)`;
		case 'DOUBLE':
			return sql`TRY_CAST(trim(${text}) AS DOUBLE)`;
		case 'BOOLEAN':
			return sql`CASE WHEN lower(trim(${text})) IN (${words(TRUE_WORDS)}) THEN TRUE WHEN lower(trim(${text})) IN (${words(FALSE_WORDS)}) THEN FALSE END`;
		case 'TIMESTAMP':
			return timestampOf(text, format);
		case 'DATE':
			return sql`CAST(${timestampOf(text, format)} AS DATE)`;
	}
}

/** What a value of the column must look like, in words for the rejected-rows report. */
export function expectation(table: string, column: ColumnSpec, format: DateFormat): string {
	const range = RANGES[`${table}.${column.name}`];
	switch (column.type) {
		case 'VARCHAR':
			return 'text';
		case 'INTEGER':
			return range ? `a whole number from ${range[0]} to ${range[1]}` : 'a whole number';
		case 'DOUBLE':
			return range ? `a number from ${range[0]} to ${range[1]}` : 'a number';
		case 'BOOLEAN':
			return 'true or false (yes/no, 1/0)';
		case 'TIMESTAMP':
			return format === 'iso' ? `a date and time like ${EXAMPLES.iso.time}` : EXAMPLES[format].time;
		case 'DATE':
			return format === 'iso' ? `a date like ${EXAMPLES.iso.date}` : EXAMPLES[format].date;
	}
}

/** True when a typed value is outside the contract's range for the column. */
export function outOfRange(table: string, column: ColumnSpec, typed: Sql): Sql | null {
	const range = RANGES[`${table}.${column.name}`];
	return range ? sql`(${typed} NOT BETWEEN ${trusted(String(range[0]))} AND ${trusted(String(range[1]))})` : null;
}
