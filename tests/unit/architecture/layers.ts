/**
 * The layers of src/lib, bottom (0) to top, as docs/architecture.md draws them. A file may
 * import files of lower layers, and files of its own folder in the same layer; nothing else.
 * Entries are paths under src/lib; the longest matching prefix wins, so a few definition
 * files (settings, sort orders, link schemas' parts) sit below the folder they live in.
 */
export const LAYERS: readonly (readonly [prefix: string, layer: number])[] = [
	// 0 base: no imports from src/lib above it
	['contract/', 0],
	['results/', 0],
	['export/', 0],
	['format.ts', 0],
	['timing.ts', 0],
	['latest-run.ts', 0],
	// 1 the engine, and what every page filters by and is set by (pure definitions)
	['engine/', 1],
	['scope/', 1],
	['attribution/settings.ts', 1],
	['attribution/drill.ts', 1],
	['recovery/settings.ts', 1],
	['recovery/scorecard-sort.ts', 1],
	['console/view.ts', 1],
	['console/cell-format.ts', 1],
	// 2 pure builders and adapters: SQL text, chart options, the link codec
	['sql/', 2],
	['charts/', 2],
	['url-state/', 2],
	// 3 what loads and derives tables
	['ingest/', 3],
	['storage/', 3],
	['kept/', 3],
	['attribution/index.ts', 3],
	['recovery/index.ts', 3],
	// 4 the data set a page sees
	['data/', 4],
	// 5 the page protocol, filter choices and the link lifecycle
	['page/', 5],
	// 6 page models
	['overview/', 6],
	['recovery/', 6],
	['attribution/', 6],
	['console/', 6],
	// 7 shared components (routes are above everything in src/lib)
	['components/', 7]
];

/** Folders that must not reach the engine even through others (checked over the whole import graph). */
export const NEVER_REACH_ENGINE = ['charts/', 'url-state/', 'scope/', 'results/', 'sql/'] as const;

export function layerOf(file: string): { layer: number; prefix: string } | null {
	let best: { layer: number; prefix: string } | null = null;
	for (const [prefix, layer] of LAYERS) {
		if (file.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { layer, prefix };
	}
	return best;
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/') + 1) : file);

/** Why `from` may not import `to` (both paths under src/lib, or `to` under src/routes), or null when it may. */
export function brokenArrow(from: string, to: string): string | null {
	if (to.startsWith('../routes/')) return `${from} imports a route (${to.slice(3)}): routes sit above src/lib`;
	const a = layerOf(from);
	const b = layerOf(to);
	if (!a) return `${from} is in no layer: add its folder to LAYERS in tests/unit/architecture/layers.ts`;
	if (!b) return `${to} is in no layer: add its folder to LAYERS in tests/unit/architecture/layers.ts`;
	if (to.startsWith('engine/') && NEVER_REACH_ENGINE.some((prefix) => from.startsWith(prefix))) return `${from} imports ${to}: ${folderOf(from)} never reaches the engine`;
	if (from.startsWith('engine/') && to.startsWith('sql/')) return `${from} imports ${to}: the engine takes { text, params } and imports nothing from sql/`;
	if (b.layer < a.layer) return null;
	if (b.layer === a.layer && folderOf(from) === folderOf(to)) return null;
	return `${from} (layer ${a.layer}, ${a.prefix}) imports ${to} (layer ${b.layer}, ${b.prefix}): arrows point down only`;
}
