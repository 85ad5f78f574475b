/**
 * The prerender hook's completion of SvelteKit's modulepreload links: every chunk the preloaded
 * modules import statically is added once, with the page's own relative prefix, after SvelteKit's
 * links; a chunk only imported dynamically is not (it loads when the code asks for it).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from 'vite';
import { completeModulePreloads } from '../../../src/module-preloads';

const chunk = (file: string, imports: string[] = [], dynamicImports: string[] = []) => ({ file: `_app/immutable/${file}`, imports, dynamicImports });
/** The shape that made SvelteKit leave chunks out: the page imports `sql` statically, and so does `recovery`, which the data set imports dynamically. */
const MANIFEST: Manifest = {
	'nodes/2.js': chunk('nodes/2.js', ['_shared.js', '_page-model.js']),
	'_shared.js': chunk('chunks/shared.js', [], ['_recovery.js']),
	'_recovery.js': chunk('chunks/recovery.js', ['_sql.js']),
	'_page-model.js': chunk('chunks/page-model.js', ['_sql.js', '_shared.js']),
	'_sql.js': chunk('chunks/sql.js', ['_scope.js']),
	'_scope.js': chunk('chunks/scope.js')
};
const link = (prefix: string, file: string) => `<link href="${prefix}_app/immutable/${file}" rel="modulepreload">`;
const page = (prefix: string, files: string[]) => `<head>${files.map((f) => link(prefix, f)).join('')}<title>x</title></head>`;

describe('completeModulePreloads', () => {
	it('adds the static imports SvelteKit left out, with the page’s prefix, after its own links', () => {
		const html = page('../', ['nodes/2.js', 'chunks/shared.js', 'chunks/page-model.js']);
		const out = completeModulePreloads(html, MANIFEST);
		expect(out).toBe(
			`<head>${[link('../', 'nodes/2.js'), link('../', 'chunks/shared.js'), link('../', 'chunks/page-model.js')].join('')}\n\t\t${link('../', 'chunks/sql.js')}\n\t\t${link('../', 'chunks/scope.js')}<title>x</title></head>`
		);
		// Never the chunk that is only imported dynamically.
		expect(out).not.toContain('recovery.js');
	});

	it('leaves a complete list, and a page without preloads, as they are', () => {
		const complete = page('./', ['nodes/2.js', 'chunks/shared.js', 'chunks/page-model.js', 'chunks/sql.js', 'chunks/scope.js']);
		expect(completeModulePreloads(complete, MANIFEST)).toBe(complete);
		expect(completeModulePreloads('<head></head>', MANIFEST)).toBe('<head></head>');
	});
});
