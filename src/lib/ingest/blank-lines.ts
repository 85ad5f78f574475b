/**
 * DuckDB's CSV reader skips blank lines, so its row count runs behind the spreadsheet's after
 * each one: a rejected row would be reported one row above where the user finds it. This finds
 * the blank lines (outside quoted values, which may hold line breaks) so the row numbers can
 * be put right for the rejected rows.
 */

const LF = 0x0a;
const CR = 0x0d;

/** Whether any line is empty (or only a CR); found at native speed, newline to newline. */
function hasBlankLine(bytes: Uint8Array): boolean {
	if (bytes[0] === LF || (bytes[0] === CR && bytes[1] === LF)) return true;
	for (let i = bytes.indexOf(LF); i >= 0 && i < bytes.length - 1; i = bytes.indexOf(LF, i + 1)) {
		if (bytes[i + 1] === LF || (bytes[i + 1] === CR && bytes[i + 2] === LF)) return true;
	}
	return false;
}

/**
 * For each blank line, how many data records the reader gives before it: a record whose
 * 0-based number (the stage's rowid) is at least that is one spreadsheet row further down.
 * Blank lines before the header count for every record. Empty for most files.
 */
export function blankLineShifts(bytes: Uint8Array, delimiter: string, quote = 0x22): number[] {
	if (!hasBlankLine(bytes)) return [];
	const delim = delimiter.charCodeAt(0);
	const shifts: number[] = [];
	// Quotes as the reader (and csv-scan.ts) takes them: opening at a field's start, `""` inside.
	let quoted = false;
	let atFieldStart = true;
	let empty = true;
	let header = true;
	let records = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (quoted) {
			if (b === quote) {
				if (bytes[i + 1] === quote) i++;
				else quoted = false;
			}
			continue;
		}
		if (b === LF) {
			if (empty) shifts.push(records);
			else if (header) header = false;
			else records++;
			empty = true;
			atFieldStart = true;
		} else if (b !== CR) {
			if (b === quote && atFieldStart) quoted = true;
			atFieldStart = b === delim;
			empty = false;
		}
	}
	return shifts;
}
