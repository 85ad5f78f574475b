/**
 * Every page of the built site names its whole static module graph in its HTML: each module a
 * preloaded script imports statically is preloaded too, so the browser asks for all of it while it
 * reads the HTML, never in a second round trip once the first scripts have been parsed (issue 19:
 * the first view's waterfall). Read from build/ (npm run build) as a static host serves it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SITE = process.env.PRELOAD_SITE ?? 'build';
const pages = readdirSync(SITE).filter((file) => file.endsWith('.html'));

/** The site paths a page preloads (relative to the site's root). */
const preloads = (html: string) => new Set([...html.matchAll(/<link href="(?:\.\.?\/)*(_app\/[^"]+\.js)" rel="modulepreload">/g)].map((m) => m[1] ?? ''));

/** The modules a built script imports statically (`import"./x.js"`, `from"./x.js"`; a dynamic `import(…)` is not one). */
function staticImports(file: string): string[] {
	const js = readFileSync(path.join(SITE, file), 'utf8');
	return [...js.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.\.?\/[^"'`]+\.js)["'`]/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1] ?? ''));
}

describe('the built pages’ module preloads', () => {
	it('cover the chart pages, the import and the console', () => {
		expect(pages).toEqual(expect.arrayContaining(['index.html', 'actions.html', 'attribution.html', 'recovery.html', 'import.html', 'console.html']));
	});

	it.each(pages)('%s preloads every module its preloaded modules import statically', (page) => {
		const listed = preloads(readFileSync(path.join(SITE, page), 'utf8'));
		expect(listed.size).toBeGreaterThan(5);
		const missing = new Set<string>();
		for (const file of listed) for (const imported of staticImports(file)) if (!listed.has(imported)) missing.add(`${imported} (imported by ${file})`);
		expect([...missing]).toEqual([]);
	});
});
