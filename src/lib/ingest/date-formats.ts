/**
 * How a mapping reads dates: one of the named formats or the user's own strptime format
 * (DuckDB's `strptime` codes). ISO is accepted whatever the choice, because it cannot be
 * misread; nothing else is guessed, so a day-first value is never read month-first.
 */
import { z } from 'zod';

export const DATE_FORMATS = ['iso', 'day_first', 'month_first', 'jira', 'custom'] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormatSchema>;

export const DATE_FORMAT_LABELS: Readonly<Record<DateFormat, string>> = {
	iso: 'ISO: 2016-02-29 13:16',
	day_first: 'Day first: 29/2/2016 13:16',
	month_first: 'Month first: 2/29/2016 1:16 PM',
	jira: 'Jira: 29/Feb/16 1:16 PM',
	custom: 'Custom (strptime format)…'
};

/** The strptime formats each named format tries, in order. */
export const NAMED_FORMATS: Readonly<Record<Exclude<DateFormat, 'iso' | 'custom'>, readonly string[]>> = {
	day_first: ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y', '%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y'],
	month_first: ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y'],
	jira: ['%d/%b/%y %I:%M %p', '%d/%b/%y %H:%M', '%d/%b/%y', '%d/%b/%Y %I:%M %p', '%d/%b/%Y %H:%M', '%d/%b/%Y']
};

/** The codes DuckDB's strptime knows (https://duckdb.org/docs/sql/functions/dateformat), with the value 2016-02-29 13:16:00 shows. */
const CODES: Readonly<Record<string, string>> = {
	a: 'Mon',
	A: 'Monday',
	w: '1',
	u: '1',
	d: '29',
	'-d': '29',
	b: 'Feb',
	h: 'Feb',
	B: 'February',
	m: '02',
	'-m': '2',
	y: '16',
	'-y': '16',
	Y: '2016',
	G: '2016',
	H: '13',
	'-H': '13',
	I: '01',
	'-I': '1',
	p: 'PM',
	M: '16',
	'-M': '16',
	S: '00',
	'-S': '0',
	f: '000000',
	g: '000',
	n: '000000000',
	z: '+00:00',
	Z: 'UTC',
	j: '060',
	'-j': '60',
	U: '08',
	W: '09',
	V: '09',
	'%': '%'
};
const DAY = ['d', '-d', 'j', '-j'];
const MONTH = ['m', '-m', 'b', 'h', 'B'];
const YEAR = ['y', '-y', 'Y', 'G'];
const TIME = ['H', '-H', 'I', '-I', 'p', 'M', '-M', 'S', '-S', 'f', 'g', 'n', 'z', 'Z'];

/** The codes of a format in order, or the first piece that is not a code. */
function codesOf(format: string): { codes: string[] } | { bad: string } {
	const codes: string[] = [];
	for (let i = 0; i < format.length; i++) {
		if (format[i] !== '%') continue;
		const code = format[i + 1] === '-' ? format.slice(i + 1, i + 3) : (format[i + 1] ?? '');
		if (!(code in CODES)) return { bad: `%${code}` };
		codes.push(code);
		i += code.length;
	}
	return { codes };
}

/** Why a strptime format cannot read dates, in words; null when it can. */
export function strptimeProblem(format: string): string | null {
	if (format.trim() === '') return 'the custom date format is empty: write one like %d.%m.%Y %H:%M';
	if (format.length > 100) return 'the custom date format is longer than 100 characters';
	const parsed = codesOf(format);
	if ('bad' in parsed) {
		return parsed.bad === '%'
			? `the custom date format “${format}” ends with a lone %: write %% for a percent sign`
			: `the custom date format “${format}” has ${parsed.bad}, which is not a strptime code (use %d, %m, %Y, %H, %M, %S, %p, %b…)`;
	}
	const { codes } = parsed;
	const lacks = [
		[DAY, 'day (%d)'],
		[MONTH, 'month (%m or %b)'],
		[YEAR, 'year (%Y or %y)']
	].flatMap(([group, words]) => ((group as string[]).some((c) => codes.includes(c)) ? [] : [words as string]));
	if (lacks.length > 0) return `the custom date format “${format}” has no ${lacks.join(', no ')}`;
	if ((codes.includes('I') || codes.includes('-I')) && !codes.includes('p'))
		return `the custom date format “${format}” has a 12-hour hour (%I) without AM/PM (%p): use %H for a 24-hour clock`;
	return null;
}

/** A format's text with the codes filled in for 29 February 2016, 13:16: what a matching value looks like. */
export function strptimeExample(format: string): string {
	return format.replace(/%(-?.)/g, (whole, code: string) => CODES[code] ?? whole);
}

/**
 * A custom format and its date-only start (`%d.%m.%Y %H:%M` also reads `29.02.2016`), so
 * that a date column is read by the same format as the timestamps beside it.
 */
export function customFormats(format: string): string[] {
	const parsed = codesOf(format);
	if ('bad' in parsed) return [format];
	const firstTime = format.search(new RegExp(`%(?:${TIME.map((c) => c.replace('-', '\\-')).join('|')})`));
	const datePart = firstTime > 0 ? format.slice(0, firstTime).replace(/[\sT,]+$/, '') : '';
	return datePart && strptimeProblem(datePart) === null ? [format, datePart] : [format];
}
