import { lex } from './sql-lexer';

/** One statement of a script: its text without the `;`, and where it sits in the script. */
export interface Statement {
	readonly from: number;
	readonly to: number;
	readonly text: string;
}

/**
 * The statements of a script, split at semicolons outside strings, quoted names and
 * comments. A stretch holding only comments is no statement.
 */
export function splitStatements(script: string, offset = 0): Statement[] {
	const out: Statement[] = [];
	let from = -1;
	let to = -1;
	let meaningful = false;
	const close = () => {
		if (from >= 0 && meaningful) out.push({ from: from + offset, to: to + offset, text: script.slice(from, to) });
		from = -1;
		meaningful = false;
	};
	for (const token of lex(script)) {
		if (token.kind === 'semicolon') {
			close();
		} else if (token.kind !== 'space') {
			if (from < 0) from = token.from;
			to = token.to;
			if (token.kind !== 'comment') meaningful = true;
		}
	}
	close();
	return out;
}

/**
 * The statement a cursor is in or right after (`SELECT 1;|` runs `SELECT 1`); between two
 * statements, the one before; before the first, the first.
 */
export function statementAt(script: string, cursor: number): Statement | null {
	const statements = splitStatements(script);
	let before: Statement | null = null;
	for (const statement of statements) {
		if (cursor >= statement.from && cursor <= statement.to) return statement;
		if (statement.to <= cursor) before = statement;
	}
	return before ?? statements[0] ?? null;
}
