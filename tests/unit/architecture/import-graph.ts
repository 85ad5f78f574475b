import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const LIB = path.resolve('src/lib');

/** Every module specifier a file names: static and dynamic imports, and re-exports. */
export function specifiers(source: string): string[] {
	const found: string[] = [];
	const patterns = [
		/\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*['"]([^'"]+)['"]/g,
		/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
		/\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g
	];
	for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
	return found;
}

function resolveFile(base: string): string | null {
	for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** A specifier as a path relative to src/lib (`../routes/...` for routes), or null for packages and `$app`. */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
	let target: string;
	if (spec.startsWith('$lib/') || spec === '$lib') target = path.join(LIB, spec.slice(4));
	else if (spec.startsWith('.')) target = path.resolve(path.dirname(path.join(LIB, fromFile)), spec);
	else return null;
	// `?url` and other Vite suffixes name the same file.
	target = target.replace(/\?.*$/, '');
	const file = resolveFile(target) ?? target;
	return path.relative(LIB, file).split(path.sep).join('/');
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : /\.(ts|svelte)$/.test(name) ? [full] : [];
	});
}

/** The import graph of src/lib: each file (relative to src/lib) and the src files it imports. */
export function libImports(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const full of walk(LIB)) {
		const file = path.relative(LIB, full).split(path.sep).join('/');
		const source = readFileSync(full, 'utf8');
		const targets = specifiers(source)
			.map((spec) => resolveSpecifier(file, spec))
			.filter((t): t is string => t !== null);
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** The path by which `from` reaches a file under `prefix`, or null when it does not. */
export function reachPath(graph: Map<string, string[]>, from: string, prefix: string): string[] | null {
	const seen = new Set<string>([from]);
	const queue: string[][] = [[from]];
	while (queue.length > 0) {
		const trail = queue.shift() ?? [];
		const last = trail[trail.length - 1] ?? '';
		for (const next of graph.get(last) ?? []) {
			if (next.startsWith(prefix)) return [...trail, next];
			if (!seen.has(next)) {
				seen.add(next);
				queue.push([...trail, next]);
			}
		}
	}
	return null;
}
