export type CsvCell = string | number | bigint | boolean | null | undefined;

/**
 * A number written as text (a chart's go-live week "-16" is a category label): a spreadsheet
 * reads it as that number and runs nothing, so it is not neutralised.
 */
export const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are
 * prefixed with an apostrophe: exports carry untrusted text (ticket descriptions, names).
 * Numbers stay numbers, so a negative figure is not touched.
 */
function neutralise(value: string): string {
	return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function field(cell: CsvCell): string {
	if (cell === null || cell === undefined) return '';
	const text = typeof cell === 'string' ? neutralise(cell) : String(cell);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export function csvRecord(cells: readonly CsvCell[]): string {
	return cells.map(field).join(',') + '\r\n';
}

/** RFC 4180 CSV with a header row and CRLF line ends, as spreadsheets expect. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return [columns, ...rows].map(csvRecord).join('');
}
