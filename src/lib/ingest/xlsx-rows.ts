/**
 * The worksheets of an Excel `.xlsx` workbook: unzipped by fflate, its XML read with a few
 * regular expressions (the sheet format is regular; no DOM in a worker or in node). Date
 * cells (numbers with a date format) become ISO text; row numbers are Excel's. A formula
 * counts by the result Excel saved with it; one saved without a result, or an error value
 * (#DIV/0!, #N/A...), rejects its row naming the cell. Merged cells hold their value in the
 * top-left cell only, as in the file: the other cells of the range are empty.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Cell, DecodedRows, RowProblem } from './decoded-rows';
import { UnreadableFileError } from './sniff';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
		return ENTITIES[name] ?? whole;
	});
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The text of a string item: plain `<t>` or rich-text runs. */
const itemText = (xml: string) => unescapeXml([...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1] ?? '').join(''));

function sharedStrings(xml: string | undefined): string[] {
	if (!xml) return [];
	return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => itemText(m[1] ?? ''));
}

const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Which cell styles (`s` attribute) show a number as a date. */
function dateStyles(xml: string | undefined): Set<number> {
	const out = new Set<number>();
	if (!xml) return out;
	const custom = new Map<number, string>();
	for (const m of xml.matchAll(/<numFmt\s[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode') ?? '');
	const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
	[...xfs.matchAll(/<xf\s[^>]*>/g)].forEach((m, i) => {
		const id = Number(attr(m[0], 'numFmtId') ?? 0);
		const code = unescapeXml(custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
		if (BUILT_IN_DATES.has(id) || /[dmyhs]/i.test(code)) out.add(i);
	});
	return out;
}

/** An Excel serial day number as ISO text (1900 or 1904 date system). */
function serialToIso(serial: number, date1904: boolean): string {
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
	const iso = new Date(epoch + Math.round(serial * 86_400_000)).toISOString();
	return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function columnIndex(ref: string): number {
	let n = 0;
	for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

interface Workbook {
	readonly files: Record<string, Uint8Array>;
	/** Sheets in the workbook's order, with the path of their XML. */
	readonly sheets: readonly { name: string; path: string }[];
	readonly strings: readonly string[];
	readonly dates: Set<number>;
	readonly date1904: boolean;
}

function sheetList(files: Record<string, Uint8Array>): { name: string; path: string }[] {
	const workbook = files['xl/workbook.xml'];
	const rels = files['xl/_rels/workbook.xml.rels'];
	const relations = rels ? [...strFromU8(rels).matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]) : [];
	const listed = workbook
		? [...strFromU8(workbook).matchAll(/<sheet\s[^>]*>/g)].flatMap((m) => {
				const target = attr(relations.find((r) => attr(r, 'Id') === attr(m[0], 'r:id')) ?? '', 'Target');
				if (!target) return [];
				return [{ name: unescapeXml(attr(m[0], 'name') ?? ''), path: target.startsWith('/') ? target.slice(1) : `xl/${target}` }];
			})
		: [];
	if (listed.length > 0) return listed.filter((s) => files[s.path]);
	return Object.keys(files)
		.filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))
		.map((path) => ({ name: path.replace(/^.*\/|\.xml$/g, ''), path }));
}

function openWorkbook(bytes: Uint8Array): Workbook {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, { filter: (f) => (f.name.startsWith('xl/') && f.name.endsWith('.xml')) || f.name.endsWith('.rels') });
	} catch (error) {
		throw new UnreadableFileError(`not a readable Excel file (${error instanceof Error ? error.message : String(error)})`);
	}
	const sheets = sheetList(files);
	if (sheets.length === 0) throw new UnreadableFileError('not an Excel workbook (.xlsx): no worksheet found');
	const text = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
	return {
		files,
		sheets,
		strings: sharedStrings(text('xl/sharedStrings.xml')),
		dates: dateStyles(text('xl/styles.xml')),
		date1904: /date1904="(1|true)"/.test(text('xl/workbook.xml') ?? '')
	};
}

interface SheetRow {
	readonly r: number;
	readonly cells: Cell[];
	/** The first cell that holds no usable value (formula without result, error value). */
	problem: { ref: string; column: number; value: string; expected: string } | null;
}

function cellValue(book: Workbook, tag: string, body: string): { value: Cell; problem?: { value: string; expected: string } } {
	const type = attr(tag, 't');
	const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
	const formula = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(body)?.[1];
	if (type === 'e') return { value: null, problem: { value: unescapeXml(v ?? ''), expected: `a value, not the Excel error ${unescapeXml(v ?? '')}` } };
	if (formula !== undefined && (v === undefined || v === '') && type !== 'inlineStr') {
		return { value: null, problem: { value: `=${unescapeXml(formula)}`, expected: 'a value: the formula has no saved result (open the workbook in Excel and save it again)' } };
	}
	if (type === 's') return { value: book.strings[Number(v)] ?? null };
	if (type === 'inlineStr') return { value: itemText(body) };
	if (type === 'b') return { value: v === '1' ? 'true' : 'false' };
	if (v === undefined) return { value: null };
	const raw = unescapeXml(v);
	const style = Number(attr(tag, 's') ?? -1);
	return { value: type !== 'str' && book.dates.has(style) && raw !== '' ? serialToIso(Number(raw), book.date1904) : raw };
}

function sheetRows(book: Workbook, xml: string): SheetRow[] {
	const rows: SheetRow[] = [];
	for (const row of xml.matchAll(/<row\s([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const out: SheetRow = { r: Number(attr(` ${row[1] ?? ''}`, 'r') ?? rows.length + 1), cells: [], problem: null };
		for (const c of (row[2] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const tag = ` ${c[1] ?? ''}`;
			const { value, problem } = cellValue(book, tag, c[2] ?? '');
			const ref = attr(tag, 'r');
			const column = ref ? columnIndex(ref) : out.cells.length;
			out.cells[column] = value;
			if (problem && !out.problem) out.problem = { ref: ref ?? '', column, ...problem };
		}
		if (out.problem || out.cells.some((v) => v !== null && v !== undefined && v !== '')) rows.push(out);
	}
	return rows;
}

function decodeSheet(book: Workbook, xml: string): DecodedRows {
	const [head, ...data] = sheetRows(book, xml);
	const header = Array.from(head?.cells ?? [], (v) => v ?? '');
	const width = Math.max(header.length, ...data.map((d) => d.cells.length));
	while (header.length < width) header.push('');
	return {
		header,
		columns: header.map((_, i) => data.map((d) => d.cells[i] ?? null)),
		rows: data.map((d) => d.r),
		problems: data.map((d): RowProblem | null =>
			d.problem ? { column: header[d.problem.column] || `column ${d.problem.column + 1}`, value: d.problem.value, expected: `${d.problem.expected} (cell ${d.problem.ref})` } : null
		)
	};
}

/** The workbook's sheets that hold any cell, in order, with their header row. */
export function xlsxSheets(bytes: Uint8Array): { name: string; header: string[] }[] {
	const book = openWorkbook(bytes);
	return book.sheets.flatMap((sheet) => {
		const decoded = decodeSheet(book, strFromU8(book.files[sheet.path] as Uint8Array));
		return decoded.header.length === 0 ? [] : [{ name: sheet.name, header: decoded.header.slice() }];
	});
}

/** One sheet (by name; the first by default) as decoded rows. */
export function decodeXlsx(bytes: Uint8Array, sheetName?: string): DecodedRows {
	const book = openWorkbook(bytes);
	const sheet = sheetName === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheetName);
	if (!sheet) throw new UnreadableFileError(`the workbook has no sheet named “${sheetName ?? ''}”`);
	return decodeSheet(book, strFromU8(book.files[sheet.path] as Uint8Array));
}
