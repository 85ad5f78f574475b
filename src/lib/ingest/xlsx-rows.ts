/**
 * The first worksheet of an Excel `.xlsx` workbook: unzipped by fflate, its XML read with
 * a few regular expressions (the sheet format is regular; no DOM in a worker or in node).
 * Date cells (numbers with a date format) become ISO text; row numbers are Excel's.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Cell, DecodedRows } from './decoded-rows';
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

function firstSheetPath(files: Record<string, Uint8Array>): string | undefined {
	const workbook = files['xl/workbook.xml'];
	const rels = files['xl/_rels/workbook.xml.rels'];
	if (workbook && rels) {
		const sheet = /<sheet\s[^>]*>/.exec(strFromU8(workbook))?.[0];
		const id = sheet ? attr(sheet, 'r:id') : undefined;
		const rel = [...strFromU8(rels).matchAll(/<Relationship\s[^>]*>/g)].find((m) => attr(m[0], 'Id') === id)?.[0];
		const target = rel ? attr(rel, 'Target') : undefined;
		if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	}
	return Object.keys(files).find((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f));
}

export function decodeXlsx(bytes: Uint8Array): DecodedRows {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') && f.name.endsWith('.xml') || f.name.endsWith('.rels') });
	} catch (error) {
		throw new UnreadableFileError(`not a readable Excel file (${error instanceof Error ? error.message : String(error)})`);
	}
	const sheetPath = firstSheetPath(files);
	const sheet = sheetPath ? files[sheetPath] : undefined;
	if (!sheet) throw new UnreadableFileError('not an Excel workbook (.xlsx): no worksheet found');
	const text = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
	const strings = sharedStrings(text('xl/sharedStrings.xml'));
	const dates = dateStyles(text('xl/styles.xml'));
	const date1904 = /date1904="(1|true)"/.test(text('xl/workbook.xml') ?? '');

	const rows: { r: number; cells: Cell[] }[] = [];
	for (const row of strFromU8(sheet).matchAll(/<row\s([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const cells: Cell[] = [];
		for (const c of (row[2] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const tag = ` ${c[1] ?? ''}`;
			const body = c[2] ?? '';
			const type = attr(tag, 't');
			const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
			let value: Cell = null;
			if (type === 's') value = strings[Number(v)] ?? null;
			else if (type === 'inlineStr') value = itemText(body);
			else if (type === 'b') value = v === '1' ? 'true' : 'false';
			else if (v !== undefined) {
				const raw = unescapeXml(v);
				const style = Number(attr(tag, 's') ?? -1);
				value = type !== 'str' && type !== 'e' && dates.has(style) && raw !== '' ? serialToIso(Number(raw), date1904) : raw;
			}
			const ref = attr(tag, 'r');
			cells[ref ? columnIndex(ref) : cells.length] = value;
		}
		if (cells.some((v) => v !== null && v !== undefined && v !== '')) rows.push({ r: Number(attr(` ${row[1] ?? ''}`, 'r') ?? rows.length + 1), cells });
	}
	const [head, ...data] = rows;
	const header = Array.from(head?.cells ?? [], (v) => v ?? '');
	const width = Math.max(header.length, ...data.map((d) => d.cells.length));
	while (header.length < width) header.push('');
	return {
		header,
		columns: header.map((_, i) => data.map((d) => d.cells[i] ?? null)),
		rows: data.map((d) => d.r),
		problems: data.map(() => null)
	};
}
