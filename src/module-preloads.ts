/**
 * Completes a prerendered page's list of `<link rel="modulepreload">`: every chunk the listed
 * modules import statically, so that the browser asks for the whole module graph while it reads
 * the HTML rather than a second wave once the first modules have arrived and been parsed.
 *
 * Why it is needed: SvelteKit 2.70 walks a route's imports and its dynamic imports (for their CSS)
 * with one set of seen chunks, so a chunk first reached through a dynamic import (the data set's
 * `import('$lib/recovery')`) is marked seen and left out when the page imports it statically too.
 * On the chart pages that left 3–4 chunks of SQL statements to a second round trip (docs/performance.md).
 */
import type { Manifest } from 'vite';

/** SvelteKit's own preload links, as it writes them: `<link href="./_app/immutable/….js" rel="modulepreload">`. */
const PRELOAD = /<link href="([^"]*?)(_app\/immutable\/[^"]+\.js)" rel="modulepreload">/g;

/** The page's HTML with a modulepreload link for every chunk its preloaded modules import statically, after SvelteKit's own. */
export function completeModulePreloads(html: string, manifest: Manifest): string {
	const links = [...html.matchAll(PRELOAD)];
	const last = links.at(-1);
	if (!last) return html;
	const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
	const listed = new Set(links.map((link) => link[2] ?? ''));
	const seen = new Set<string>();
	const missing: string[] = [];
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		if (!listed.has(file)) missing.push(file);
		for (const key of byFile.get(file)?.imports ?? []) {
			const imported = manifest[key];
			if (imported) visit(imported.file);
		}
	};
	for (const file of listed) visit(file);
	if (missing.length === 0) return html;
	const at = last.index + last[0].length;
	return `${html.slice(0, at)}${missing.map((file) => `\n\t\t<link href="${last[1] ?? ''}${file}" rel="modulepreload">`).join('')}${html.slice(at)}`;
}
