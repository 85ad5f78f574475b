import { explainConsoleOutOfMemory } from './result-size';

/**
 * Where in a statement DuckDB says an error is. Its messages end with the offending line
 * and a caret under the spot (`LINE 3: JOIN nosuch USING (x)` / `          ^`); a long line is
 * shown as a window between `...`, and the caret counts display width (a tab is 0 wide).
 */
export interface ErrorPosition {
	/** 1-based line and column within the statement. */
	readonly line: number;
	readonly column: number;
	/** 0-based offset within the statement's text. */
	readonly offset: number;
}

function charWidth(code: number): number {
	if (code < 32 || (code >= 0x7f && code < 0xa0)) return 0;
	if (code >= 0x300 && code <= 0x36f) return 0;
	const wide =
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1f64f) ||
		(code >= 0x1f900 && code <= 0x1f9ff) ||
		(code >= 0x20000 && code <= 0x3fffd);
	return wide ? 2 : 1;
}

/** The string index at which `width` columns of display have been used up. */
function indexAtWidth(text: string, width: number): number {
	let used = 0;
	let i = 0;
	while (i < text.length && used < width) {
		const code = text.codePointAt(i) ?? 0;
		used += charWidth(code);
		i += code > 0xffff ? 2 : 1;
	}
	// Zero-width characters before the spot (a tab before the word) belong to the gap, not the spot.
	while (i < text.length && charWidth(text.codePointAt(i) ?? 0) === 0 && used === width && /\s/.test(text[i] ?? '')) i++;
	return i;
}

function position(statement: string, offset: number): ErrorPosition {
	const clamped = Math.max(0, Math.min(offset, statement.length));
	const before = statement.slice(0, clamped).split('\n');
	return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, offset: clamped };
}

/** A UTF-8 byte offset (how DuckDB counts) as an index into the JS string. */
function indexOfByte(text: string, byte: number): number {
	let bytes = 0;
	let i = 0;
	while (i < text.length && bytes < byte) {
		const code = text.codePointAt(i) ?? 0;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
		i += code > 0xffff ? 2 : 1;
	}
	return i;
}

/**
 * The position DuckDB reports for an error in `statement`, or null when it reports none:
 * its byte offset when the error carries one (the browser's worker sends it), else the
 * `LINE n:` context of its message (the node bundle's form).
 */
export function errorPosition(message: string, statement: string, byteOffset: number | null = null): ErrorPosition | null {
	if (byteOffset !== null) return position(statement, indexOfByte(statement, byteOffset));
	const context = /LINE (\d+): (.*)\n( *)\^/.exec(message);
	if (context) {
		const lineNumber = Number(context[1]);
		const shown = context[2] ?? '';
		const caret = (context[3] ?? '').length - `LINE ${lineNumber}: `.length;
		const lines = statement.split('\n');
		const source = lines[lineNumber - 1];
		if (source !== undefined && caret >= 0) {
			const cut = shown.startsWith('...');
			let window = cut ? shown.slice(3) : shown;
			if (!source.includes(window) && window.endsWith('...')) window = window.slice(0, -3);
			const start = Math.max(0, source.indexOf(window));
			const column = start + indexAtWidth(window, caret - (cut ? 3 : 0));
			const lineStart = lines.slice(0, lineNumber - 1).reduce((sum, l) => sum + l.length + 1, 0);
			return position(statement, lineStart + Math.min(column, source.length));
		}
	}
	if (/at end of input/.test(message)) return position(statement, statement.trimEnd().length);
	const near = /at or near "([^"]*)"/.exec(message);
	if (near?.[1]) {
		const at = statement.indexOf(near[1]);
		if (at >= 0) return position(statement, at);
	}
	return null;
}

/** DuckDB's message without the echoed statement lines (the editor marks the spot instead). */
export function errorSummary(message: string): string {
	return explainConsoleOutOfMemory(message.split(/\n\s*\nLINE \d+:/)[0]?.trim() ?? message);
}
