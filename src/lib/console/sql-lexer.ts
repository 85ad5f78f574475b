/**
 * A small SQL lexer that agrees with DuckDB's (Postgres') scanner on what is a string, a
 * quoted name or a comment: enough to split a script into statements, find the one under
 * the cursor and see which objects a statement writes, without asking DuckDB.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'comment' | 'space' | 'semicolon' | 'open' | 'close' | 'dot' | 'comma' | 'operator';

export interface Token {
	readonly kind: TokenKind;
	readonly from: number;
	readonly to: number;
	/** Words upper-cased; quoted names and strings without their quotes and escapes. */
	readonly value: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
const SPACE = /\s/;

/** End of a quoted run that doubles its quote to escape it ('it''s', "a""b"); `backslash` for E'...'. */
function quotedEnd(text: string, start: number, quote: string, backslash: boolean): { end: number; value: string } {
	let value = '';
	let i = start + 1;
	while (i < text.length) {
		const c = text[i];
		if (backslash && c === '\\' && i + 1 < text.length) {
			value += text[i + 1];
			i += 2;
		} else if (c === quote) {
			if (text[i + 1] === quote) {
				value += quote;
				i += 2;
			} else {
				return { end: i + 1, value };
			}
		} else {
			value += c;
			i++;
		}
	}
	return { end: text.length, value };
}

/** `/* ... *\/`, nested as in Postgres. */
function blockCommentEnd(text: string, start: number): number {
	let depth = 0;
	let i = start;
	while (i < text.length) {
		if (text.startsWith('/*', i)) {
			depth++;
			i += 2;
		} else if (text.startsWith('*/', i)) {
			depth--;
			i += 2;
			if (depth === 0) return i;
		} else {
			i++;
		}
	}
	return text.length;
}

function numberEnd(text: string, start: number): number {
	const match = /^(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?(\.\d[\d_]*)?([eE][+-]?\d+)?)/.exec(text.slice(start));
	const length = match?.[0].length ?? 0;
	return start + Math.max(length, 1);
}

export function lex(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const push = (kind: TokenKind, to: number, value = text.slice(i, to)) => {
		tokens.push({ kind, from: i, to, value });
		i = to;
	};
	while (i < text.length) {
		const c = text[i] ?? '';
		const next = text[i + 1] ?? '';
		if (SPACE.test(c)) {
			let j = i + 1;
			while (j < text.length && SPACE.test(text[j] ?? '')) j++;
			push('space', j);
		} else if (c === '-' && next === '-') {
			const newline = text.indexOf('\n', i);
			push('comment', newline === -1 ? text.length : newline);
		} else if (c === '/' && next === '*') {
			push('comment', blockCommentEnd(text, i));
		} else if (c === "'") {
			const { end, value } = quotedEnd(text, i, "'", false);
			push('string', end, value);
		} else if ((c === 'e' || c === 'E') && next === "'") {
			const { end, value } = quotedEnd(text, i + 1, "'", true);
			push('string', end, value);
		} else if (c === '"') {
			const { end, value } = quotedEnd(text, i, '"', false);
			push('quoted', end, value);
		} else if (c === '$') {
			const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
			if (tag) {
				const close = text.indexOf(tag[0], i + tag[0].length);
				const end = close === -1 ? text.length : close + tag[0].length;
				push('string', end, text.slice(i + tag[0].length, close === -1 ? text.length : close));
			} else {
				let j = i + 1;
				while (j < text.length && WORD_PART.test(text[j] ?? '')) j++;
				push('param', j);
			}
		} else if (DIGIT.test(c) || (c === '.' && DIGIT.test(next))) {
			push('number', numberEnd(text, i));
		} else if (WORD_START.test(c)) {
			let j = i + 1;
			while (j < text.length && WORD_PART.test(text[j] ?? '')) j++;
			push('word', j, text.slice(i, j).toUpperCase());
		} else if (c === ';') {
			push('semicolon', i + 1);
		} else if (c === '(' || c === '[' || c === '{') {
			push('open', i + 1);
		} else if (c === ')' || c === ']' || c === '}') {
			push('close', i + 1);
		} else if (c === '.') {
			push('dot', i + 1);
		} else if (c === ',') {
			push('comma', i + 1);
		} else {
			push('operator', i + 1);
		}
	}
	return tokens;
}

/** Tokens that carry meaning: no whitespace, no comments. */
export function significant(tokens: readonly Token[]): Token[] {
	return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}
