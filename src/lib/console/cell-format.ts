import { DataType, IntervalUnit, TimeUnit, type Vector } from 'apache-arrow';
import type { CsvCell } from '$lib/export/csv';

/**
 * How one result column's values read as text (grid, chart labels), as CSV cells and as
 * numbers (chart values). Arrow gives dates and timestamps as epoch milliseconds, decimals
 * as unscaled integers and BIGINTs as bigint: each is turned back into what DuckDB shows.
 */
export interface ColumnFormat {
	/** Numbers and times can be chart values and axes; text only categories. */
	readonly kind: 'number' | 'time' | 'text';
	text(value: unknown): string;
	csv(value: unknown): CsvCell;
	number(value: unknown): number | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function isoTimestamp(ms: number, zoned: boolean): string {
	const iso = new Date(ms).toISOString();
	const fraction = iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23);
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}${zoned ? 'Z' : ''}`;
}

function timeOfDay(value: unknown, unit: TimeUnit): string {
	const perSecond = [1, 1e3, 1e6, 1e9][unit] ?? 1;
	const total = Number(value) / perSecond;
	const seconds = Math.floor(total);
	const fraction = total - seconds;
	const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
	return fraction > 0 ? `${text}${fraction.toFixed(6).slice(1).replace(/0+$/, '')}` : text;
}

/** An unscaled decimal integer ("-1234") with its scale (2) as DuckDB prints it ("-12.34"). */
export function scaleDecimal(digits: string, scale: number): string {
	if (scale <= 0) return digits;
	const negative = digits.startsWith('-');
	const body = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
	return `${negative ? '-' : ''}${body.slice(0, -scale)}.${body.slice(-scale)}`;
}

function bytesText(value: unknown): string {
	if (!(value instanceof Uint8Array)) return String(value);
	let out = '';
	for (const byte of value) out += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	return out;
}

const isNull = (value: unknown) => value === null || value === undefined;

function format(kind: ColumnFormat['kind'], text: (v: unknown) => string, number: (v: unknown) => number | null, csv?: (v: unknown) => CsvCell): ColumnFormat {
	return {
		kind,
		text: (v) => (isNull(v) ? '' : text(v)),
		number: (v) => (isNull(v) ? null : number(v)),
		csv: (v) => (isNull(v) ? null : csv ? csv(v) : text(v))
	};
}

const noNumber = () => null;

export function columnFormat(type: DataType): ColumnFormat {
	if (DataType.isInt(type) || DataType.isFloat(type)) {
		return format(
			'number',
			(v) => String(v),
			(v) => Number(v),
			(v) => (typeof v === 'bigint' ? v : Number(v))
		);
	}
	if (DataType.isDecimal(type)) {
		const text = (v: unknown) => scaleDecimal(String(v), type.scale);
		// Up to 15 significant digits a double holds the decimal exactly; beyond, keep the text.
		return format(
			'number',
			text,
			(v) => Number(text(v)),
			(v) => (type.precision <= 15 ? Number(text(v)) : text(v))
		);
	}
	if (DataType.isDate(type))
		return format(
			'time',
			(v) => isoDate(Number(v)),
			(v) => Number(v)
		);
	if (DataType.isTimestamp(type))
		return format(
			'time',
			(v) => isoTimestamp(Number(v), Boolean(type.timezone)),
			(v) => Number(v)
		);
	if (DataType.isTime(type)) return format('text', (v) => timeOfDay(v, type.unit), noNumber);
	if (DataType.isBool(type))
		return format(
			'text',
			(v) => String(v),
			noNumber,
			(v) => Boolean(v)
		);
	if (DataType.isBinary(type)) return format('text', bytesText, noNumber);
	if (isMonthDayNano(type)) return format('text', (v) => (isInterval(v) ? intervalText(v) : String(v)), noNumber);
	// Other interval units DuckDB does not send; should one come, no wrong value is shown.
	if (DataType.isInterval(type)) return format('text', () => '(interval: CAST it to VARCHAR)', noNumber);
	return format('text', (v) => String(v), noNumber);
}

/** An INTERVAL as DuckDB holds it: months, days and microseconds, each with its own sign. */
export interface IntervalValue {
	readonly months: number;
	readonly days: number;
	readonly micros: bigint;
}

const isInterval = (v: unknown): v is IntervalValue => typeof v === 'object' && v !== null && 'micros' in v && typeof v.micros === 'bigint';
const isMonthDayNano = (type: DataType) => DataType.isInterval(type) && (type.unit as number) === IntervalUnit.MONTH_DAY_NANO;

const unit = (n: number, name: string) => `${n} ${name}${n === 1 || n === -1 ? '' : 's'}`;

/** As DuckDB casts an INTERVAL to text: `1 year 2 months 3 days 01:30:00.5`, `-1 day -00:00:01`, `00:00:00`. */
export function intervalText({ months, days, micros }: IntervalValue): string {
	const parts: string[] = [];
	const years = Math.trunc(months / 12);
	if (years !== 0) parts.push(unit(years, 'year'));
	if (months - years * 12 !== 0) parts.push(unit(months - years * 12, 'month'));
	if (days !== 0) parts.push(unit(days, 'day'));
	if (micros !== 0n || parts.length === 0) {
		const negative = micros < 0n;
		let rest = negative ? -micros : micros;
		const hours = rest / 3_600_000_000n;
		rest -= hours * 3_600_000_000n;
		const minutes = Number(rest / 60_000_000n);
		rest -= BigInt(minutes) * 60_000_000n;
		const seconds = Number(rest / 1_000_000n);
		const fraction = Number(rest % 1_000_000n);
		const time = `${String(hours).padStart(2, '0')}:${pad(minutes)}:${pad(seconds)}${fraction ? `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : ''}`;
		parts.push(`${negative ? '-' : ''}${time}`);
	}
	return parts.join(' ');
}

/**
 * How a result column's cells are read. Arrow JS 17 cannot read the month-day-nano intervals
 * DuckDB sends (it takes them for day-time pairs and shows garbage), so those are read from
 * the column's own buffer: per value, int32 months, int32 days, int64 nanoseconds.
 */
export function cellReader(column: Vector | null): (i: number) => unknown {
	if (!column) return () => null;
	if (!isMonthDayNano(column.type)) return (i) => column.get(i);
	const chunks = column.data;
	return (i) => {
		if (!column.isValid(i)) return null;
		let k = i;
		for (const chunk of chunks) {
			if (k < chunk.length) {
				const words = chunk.values as Int32Array;
				const base = (chunk.offset + k) * 4;
				const nanos = (BigInt(words[base + 3] ?? 0) << 32n) + BigInt((words[base + 2] ?? 0) >>> 0);
				return { months: words[base] ?? 0, days: words[base + 1] ?? 0, micros: nanos / 1000n } satisfies IntervalValue;
			}
			k -= chunk.length;
		}
		return null;
	};
}
