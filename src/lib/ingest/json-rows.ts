/**
 * JSON without DuckDB's json extension (not available offline in duckdb-wasm): an array
 * of objects, an object holding one such array, one object, or newline-delimited JSON
 * where a line that does not parse is a row rejected with its line number.
 */
import { fromRecords, type DecodedRows, type RowProblem } from './decoded-rows';
import { UnreadableFileError } from './sniff';

function recordsOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value && typeof value === 'object') {
		const arrays = Object.values(value).filter(Array.isArray);
		if (arrays.length === 1 && arrays[0]) return arrays[0];
	}
	return [value];
}

export function decodeJson(text: string): DecodedRows {
	let whole: unknown;
	let parsed = true;
	try {
		whole = JSON.parse(text);
	} catch {
		parsed = false;
	}
	const problems: (RowProblem | null)[] = [];
	const rows: number[] = [];
	const records: unknown[] = [];
	const push = (record: unknown, row: number, problem: RowProblem | null) => {
		records.push(record);
		rows.push(row);
		problems.push(problem);
	};
	const asRecord = (record: unknown, row: number) =>
		push(record, row, record && typeof record === 'object' && !Array.isArray(record) ? null : { value: JSON.stringify(record), expected: 'a JSON object' });
	if (parsed) {
		recordsOf(whole).forEach((record, i) => asRecord(record, i + 1));
	} else {
		const lines = text.split(/\r?\n/);
		if (!lines.some((l) => /^\s*\{/.test(l))) throw new UnreadableFileError('not valid JSON (neither one document nor one object per line)');
		lines.forEach((line, i) => {
			if (line.trim() === '') return;
			let record: unknown;
			try {
				record = JSON.parse(line);
			} catch {
				push(null, i + 1, { value: line.slice(0, 200), expected: 'a line of valid JSON' });
				return;
			}
			asRecord(record, i + 1);
		});
	}
	return fromRecords(records, rows, problems);
}
