/**
 * CodeMirror for the console: DuckDB's SQL, completion of the loaded tables, views, columns
 * and DuckDB's functions, bracket matching, Ctrl/Cmd+Enter to run, and DuckDB's errors
 * marked where it points. Imported by this route only, so other pages never load CodeMirror.
 */
import { closeCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { PostgreSQL, sql, SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { DuckFunction, SchemaObject } from '$lib/console/schema';
import { statementAt } from '$lib/console/statements';

const DUCKDB_KEYWORDS =
	'anti asof attach columns describe detach exclude export force glob ilike import install lambda load macro pivot pivot_longer pivot_wider positional qualify replace sample semi summarize unpivot use variable';
const DUCKDB_TYPES =
	'hugeint uhugeint ubigint uinteger usmallint utinyint tinyint blob list struct map union enum timestamptz timestamp_s timestamp_ms timestamp_ns varint bitstring uuid interval json';

/** PostgreSQL's dialect (DuckDB's parser is Postgres') with DuckDB's own keywords and types. */
export const DuckDB = SQLDialect.define({
	...PostgreSQL.spec,
	keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
	types: `${PostgreSQL.spec.types ?? ''} ${DUCKDB_TYPES}`
});

function namespace(objects: readonly SchemaObject[]): SQLNamespace {
	const ns: Record<string, SQLNamespace> = {};
	for (const o of objects) {
		ns[o.name] = {
			self: { label: o.name, type: o.kind === 'view' ? 'interface' : 'class', detail: o.kind, info: o.description ?? undefined },
			children: o.columns.map((c) => ({ label: c.name, type: 'property', detail: c.type }))
		};
	}
	return ns;
}

/**
 * Bare column names of the tables the statement names (lang-sql completes `table.column`
 * and aliases itself), and DuckDB's functions.
 */
function columnsAndFunctions(objects: readonly SchemaObject[], functions: readonly DuckFunction[]) {
	const functionOptions: Completion[] = functions.map((f) => ({ label: f.name, type: 'function', detail: f.type, boost: -1 }));
	return (context: CompletionContext): CompletionResult | null => {
		const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
		if (!word && !context.explicit) return null;
		const from = word?.from ?? context.pos;
		if (context.state.sliceDoc(from - 1, from) === '.') return null;
		const statement = (statementAt(context.state.doc.toString(), context.pos)?.text ?? '').toLowerCase();
		const seen = new Set<string>();
		const columns: Completion[] = [];
		for (const o of objects) {
			if (!new RegExp(`\\b${o.name.toLowerCase()}\\b`).test(statement)) continue;
			for (const c of o.columns) {
				if (seen.has(c.name)) continue;
				seen.add(c.name);
				columns.push({ label: c.name, type: 'property', detail: `${o.name} · ${c.type}` });
			}
		}
		return { from, options: [...columns, ...functionOptions], validFor: /^[A-Za-z0-9_]*$/ };
	};
}

function language(objects: readonly SchemaObject[], functions: readonly DuckFunction[]) {
	return [sql({ dialect: DuckDB, schema: namespace(objects), upperCaseKeywords: true }), DuckDB.language.data.of({ autocomplete: columnsAndFunctions(objects, functions) })];
}

export interface EditorCallbacks {
	onchange(text: string): void;
	onselection(selection: { from: number; to: number; head: number }): void;
	onrun(): void;
}

export interface EditorHandle {
	setText(text: string): void;
	setSchema(objects: readonly SchemaObject[], functions: readonly DuckFunction[]): void;
	setError(error: { from: number; to: number; message: string } | null): void;
	insert(text: string): void;
	destroy(): void;
}

export function createEditor(parent: HTMLElement, text: string, callbacks: EditorCallbacks): EditorHandle {
	const schema = new Compartment();
	const view = new EditorView({
		parent,
		state: EditorState.create({
			doc: text,
			extensions: [
				// Above the default keymap, where Mod-Enter inserts a blank line.
				Prec.highest(keymap.of([{ key: 'Mod-Enter', run: (v) => (closeCompletion(v), callbacks.onrun(), true) }])),
				basicSetup,
				lintGutter(),
				schema.of(language([], [])),
				EditorView.lineWrapping,
				EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
				EditorView.updateListener.of((update) => {
					if (update.docChanged) callbacks.onchange(update.state.doc.toString());
					if (update.docChanged || update.selectionSet) {
						const main = update.state.selection.main;
						callbacks.onselection({ from: main.from, to: main.to, head: main.head });
					}
				}),
				EditorView.theme({
					'&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
					'.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }
				})
			]
		})
	});

	return {
		setText(next) {
			if (next === view.state.doc.toString()) return;
			view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next }, selection: { anchor: next.length } });
		},
		setSchema(objects, functions) {
			view.dispatch({ effects: schema.reconfigure(language(objects, functions)) });
		},
		setError(error) {
			const length = view.state.doc.length;
			const diagnostics = error ? [{ from: Math.min(error.from, length), to: Math.min(Math.max(error.to, error.from), length), severity: 'error' as const, message: error.message }] : [];
			view.dispatch(setDiagnostics(view.state, diagnostics));
		},
		insert(insert) {
			const { from, to } = view.state.selection.main;
			view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length } });
			view.focus();
		},
		destroy() {
			view.destroy();
		}
	};
}
