import { isProtected } from './catalog';
import { lex, significant, type Token } from './sql-lexer';

/**
 * What the console does with a statement before DuckDB sees it: it refuses what reaches outside
 * the browser, with a reason the analyst can read, and asks before it writes to the data the
 * dashboards read. DuckDB itself is locked down as well (engine/session-settings.ts: only the
 * app's own file folders), so a statement that slips past this guard still reaches nothing.
 */
export type Verdict =
	| { readonly action: 'run'; readonly rows: boolean }
	| { readonly action: 'confirm'; readonly rows: boolean; readonly objects: readonly string[]; readonly reason: string }
	| { readonly action: 'refuse'; readonly reason: string };

/** Statements whose result is rows that can be wrapped in `SELECT * FROM (...)` (to sort). */
const ROW_STATEMENTS = new Set(['SELECT', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT', 'SUMMARIZE', 'DESCRIBE', 'SHOW', 'WITH']);
const OUTSIDE = new Set(['ATTACH', 'DETACH', 'INSTALL', 'LOAD', 'FORCE', 'EXPORT', 'IMPORT']);
/** Read-only pragmas; the others change settings. */
const READ_PRAGMAS = new Set([
	'TABLE_INFO',
	'SHOW',
	'SHOW_TABLES',
	'SHOW_TABLES_EXPANDED',
	'DATABASE_LIST',
	'DATABASE_SIZE',
	'STORAGE_INFO',
	'METADATA_INFO',
	'VERSION',
	'PLATFORM',
	'FUNCTIONS',
	'COLLATIONS',
	'USER_AGENT'
]);
const WITH_BODY = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT']);
/** Object kinds of CREATE / DROP / ALTER / COMMENT ON. */
const KINDS = new Set(['TABLE', 'VIEW', 'MACRO', 'FUNCTION', 'SEQUENCE', 'TYPE', 'INDEX', 'SCHEMA', 'SECRET', 'COLUMN', 'DATABASE']);
/** A URL, at the start of a string or of a string quoted inside it (`query('... read_csv(''http://…'')')`). */
const URL = /(^|['"])\s*[a-z][a-z0-9+.-]*:\/\//i;

const run = (rows: boolean): Verdict => ({ action: 'run', rows });
const refuse = (reason: string): Verdict => ({ action: 'refuse', reason });
/** The verdict on an inner statement, for a wrapper whose own result is not its rows. */
const withoutRows = (v: Verdict): Verdict => (v.action === 'refuse' ? v : { ...v, rows: false });

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const nameValue = (t: Token) => (t.kind === 'word' ? t.value.toLowerCase() : t.value);

/** A possibly qualified name starting at `i` (`db.schema.name`): its last part, and the index after it. */
function qualifiedName(tokens: readonly Token[], i: number): { name: string; next: number } | null {
	let j = i;
	if (!isName(tokens[j])) return null;
	let last = tokens[j] as Token;
	j++;
	while (tokens[j]?.kind === 'dot' && isName(tokens[j + 1])) {
		last = tokens[j + 1] as Token;
		j += 2;
	}
	return { name: nameValue(last), next: j };
}

/** Skips the words given, in order, where present (`IF NOT EXISTS`, `OR REPLACE`...). */
function skip(tokens: readonly Token[], i: number, ...words: string[]): number {
	let j = i;
	for (const word of words) if (tokens[j]?.kind === 'word' && tokens[j]?.value === word) j++;
	return j;
}

function wordAt(tokens: readonly Token[], i: number): string | undefined {
	const t = tokens[i];
	return t?.kind === 'word' ? t.value : undefined;
}

/** The objects a writing statement changes, from its first keyword. */
function writeTargets(tokens: readonly Token[], start: number): string[] {
	const first = wordAt(tokens, start);
	let i = start + 1;
	const one = (at: number) => {
		const found = qualifiedName(tokens, at);
		return found ? [found.name] : [];
	};
	switch (first) {
		case 'CREATE': {
			i = skip(tokens, i, 'OR', 'REPLACE');
			i = skip(tokens, i, 'TEMP', 'TEMPORARY', 'PERSISTENT', 'UNIQUE');
			const kind = wordAt(tokens, i);
			if (kind && KINDS.has(kind)) i++;
			i = skip(tokens, i, 'IF', 'NOT', 'EXISTS');
			if (kind === 'INDEX') {
				const on = tokens.findIndex((t, k) => k > i && t.kind === 'word' && t.value === 'ON');
				return on < 0 ? [] : one(on + 1);
			}
			return one(i);
		}
		case 'DROP': {
			const kind = wordAt(tokens, i);
			if (kind && KINDS.has(kind)) i++;
			i = skip(tokens, i, 'IF', 'EXISTS');
			const names: string[] = [];
			for (let found = qualifiedName(tokens, i); found; found = tokens[i]?.kind === 'comma' ? qualifiedName(tokens, ++i) : null) {
				names.push(found.name);
				i = found.next;
			}
			return names;
		}
		case 'ALTER':
		case 'COMMENT': {
			i = skip(tokens, i, 'ON');
			const kind = wordAt(tokens, i);
			if (kind && KINDS.has(kind)) i++;
			return one(skip(tokens, i, 'IF', 'EXISTS'));
		}
		case 'TRUNCATE':
			return one(skip(tokens, i, 'TABLE'));
		case 'INSERT':
			return one(skip(tokens, skip(tokens, i, 'OR', 'REPLACE', 'IGNORE'), 'INTO'));
		case 'MERGE':
			return one(skip(tokens, i, 'INTO'));
		case 'UPDATE':
			return one(i);
		case 'DELETE':
			return one(skip(tokens, i, 'FROM'));
		case 'COPY':
			return one(i);
		default:
			return [];
	}
}

function depthZeroWords(tokens: readonly Token[], from: number): { word: string; index: number }[] {
	const out: { word: string; index: number }[] = [];
	let depth = 0;
	for (let i = from; i < tokens.length; i++) {
		const t = tokens[i] as Token;
		if (t.kind === 'open') depth++;
		else if (t.kind === 'close') depth = Math.max(0, depth - 1);
		else if (depth === 0 && t.kind === 'word') out.push({ word: t.value, index: i });
	}
	return out;
}

/** What the guard knows of the database: the names of DuckDB's own functions and macros (lower case). */
export interface GuardContext {
	readonly builtins?: ReadonlySet<string>;
}

/**
 * A macro or function named like one of DuckDB's would replace it for every connection,
 * the pages' included (a `quantile_cont` macro changed the Overview's median tenfold; a `+`
 * macro changes every sum). One named like a table or view the pages read is refused too.
 */
function shadowing(tokens: readonly Token[], i: number, context: GuardContext): Verdict | null {
	if (wordAt(tokens, i) !== 'CREATE') return null;
	let j = skip(tokens, skip(tokens, i + 1, 'OR', 'REPLACE'), 'TEMP', 'TEMPORARY', 'PERSISTENT');
	const kind = wordAt(tokens, j);
	if (kind !== 'MACRO' && kind !== 'FUNCTION') return null;
	j = skip(tokens, j + 1, 'IF', 'NOT', 'EXISTS');
	const found = qualifiedName(tokens, j);
	if (!found) return null;
	const name = found.name.toLowerCase();
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) return refuse(`A ${kind.toLowerCase()} named “${found.name}” could replace an operator the pages use: name it with letters, digits and _ only.`);
	if (context.builtins === undefined) return refuse(`The list of DuckDB’s functions has not loaded yet, so this ${kind.toLowerCase()} cannot be checked: run it again in a moment.`);
	if (context.builtins.has(name)) {
		return refuse(
			`${found.name} is one of DuckDB’s own functions: a ${kind.toLowerCase()} of that name would replace it for the pages too and change their numbers. Give yours another name (e.g. my_${name}).`
		);
	}
	if (isProtected(name)) return refuse(`${found.name} is a table or view the pages read: give your ${kind.toLowerCase()} another name.`);
	return null;
}

/** `ALTER … RENAME TO name`: the new name, which the pages may read. */
function renamedTo(tokens: readonly Token[], i: number): string[] {
	const words = depthZeroWords(tokens, i + 1);
	const at = words.findIndex((w, k) => w.word === 'RENAME' && words[k + 1]?.word === 'TO');
	const to = at < 0 ? undefined : words[at + 1];
	const found = to ? qualifiedName(tokens, to.index + 1) : null;
	return found ? [found.name] : [];
}

function judgeTokens(tokens: readonly Token[], start: number, context: GuardContext = {}): Verdict {
	let i = start;
	while (tokens[i]?.kind === 'open') i++;
	const first = wordAt(tokens, i);
	if (first === undefined) return run(false);
	if (first === 'WITH') {
		const body = depthZeroWords(tokens, i + 1).find((w) => WITH_BODY.has(w.word));
		if (!body) return run(true);
		return judgeTokens(tokens, body.index, context);
	}
	if (first === 'EXPLAIN') return withoutRows(judgeTokens(tokens, skip(tokens, i + 1, 'ANALYZE'), context));
	if (first === 'PREPARE') {
		const as = depthZeroWords(tokens, i + 1).find((w) => w.word === 'AS');
		return as ? withoutRows(judgeTokens(tokens, as.index + 1, context)) : run(false);
	}
	if (ROW_STATEMENTS.has(first)) return run(true);
	if (OUTSIDE.has(first) || (first === 'UPDATE' && wordAt(tokens, i + 1) === 'EXTENSIONS')) {
		return refuse(`${first} reaches files or the network outside this browser: the console only reads the data loaded here.`);
	}
	if (first === 'SET' || first === 'RESET') {
		if (wordAt(tokens, i + 1) === 'VARIABLE') return run(false);
		return refuse(`${first} changes DuckDB settings, which the dashboards share; settings are fixed in the console (SET VARIABLE is allowed).`);
	}
	if (first === 'PRAGMA') {
		const name = wordAt(tokens, i + 1);
		return name && READ_PRAGMAS.has(name) ? run(false) : refuse('This PRAGMA changes settings; the console allows only pragmas that read (e.g. PRAGMA table_info).');
	}
	if (first === 'COPY' && depthZeroWords(tokens, i + 1).some((w) => w.word === 'TO')) {
		return refuse('COPY … TO writes a file; use the Export buttons under the result (CSV or Parquet) instead.');
	}
	const shadow = shadowing(tokens, i, context);
	if (shadow) return shadow;
	const targets = [...writeTargets(tokens, i), ...(first === 'ALTER' ? renamedTo(tokens, i) : [])];
	const objects = [...new Set(targets.filter(isProtected))];
	if (first === 'DROP' && wordAt(tokens, i + 1) === 'SCHEMA') objects.push('(a whole schema)');
	if (objects.length > 0) {
		return {
			action: 'confirm',
			rows: false,
			objects,
			reason: `This statement changes ${objects.join(', ')}, which the dashboards read. The loaded data is changed until the page is reloaded.`
		};
	}
	return run(false);
}

/** Decides on one statement (split from the script beforehand). */
export function judgeStatement(text: string, context: GuardContext = {}): Verdict {
	const tokens = significant(lex(text));
	const url = tokens.find((t) => (t.kind === 'string' || t.kind === 'quoted') && URL.test(t.value));
	if (url) {
		return refuse(`'${url.value.slice(0, 80)}' is a URL: the console cannot reach the network; it reads only the data loaded in this browser.`);
	}
	return judgeTokens(tokens, 0, context);
}
