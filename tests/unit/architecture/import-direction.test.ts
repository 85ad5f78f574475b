import { describe, expect, it } from 'vitest';
import { libImports, reachPath, specifiers } from './import-graph';
import { brokenArrow, NEVER_REACH_ENGINE } from './layers';

describe('imports in src/lib point one way, down the layers of docs/architecture.md', () => {
	const graph = libImports();

	it('reads the whole of src/lib', () => {
		expect(graph.size).toBeGreaterThan(120);
		expect(graph.get('charts/recovery/billing-charts.ts')).toContain('results/columns.ts');
	});

	it('no import breaks an arrow', () => {
		const broken = [...graph].flatMap(([from, targets]) => targets.map((to) => brokenArrow(from, to)).filter((why): why is string => why !== null));
		expect(broken).toEqual([]);
	});

	it('charts, url-state, scope, results and sql never reach the engine, even through other files', () => {
		const reaching = [...graph.keys()]
			.filter((file) => NEVER_REACH_ENGINE.some((prefix) => file.startsWith(prefix)))
			.map((file) => reachPath(graph, file, 'engine/'))
			.filter((trail): trail is string[] => trail !== null)
			.map((trail) => trail.join(' → '));
		expect(reaching).toEqual([]);
	});
});

describe('the check itself', () => {
	it('finds static, type, dynamic and re-export imports', () => {
		const source = `import a from '$lib/a';\nimport type { B } from './b';\nimport './c.css';\nconst d = await import('$lib/d');\nexport { e } from '../e';\nexport type { F } from './f';`;
		expect(specifiers(source).sort()).toEqual(['$lib/a', '$lib/d', './b', './c.css', '../e', './f'].sort());
	});

	it('flags the arrows the architecture forbids', () => {
		expect(brokenArrow('charts/recovery/billing-charts.ts', 'engine/index.ts')).toMatch(/never reaches the engine/);
		expect(brokenArrow('url-state/view-link.svelte.ts', 'engine/types.ts')).toMatch(/never reaches the engine/);
		expect(brokenArrow('engine/browser.ts', 'sql/fragment.ts')).toMatch(/imports nothing from sql/);
		expect(brokenArrow('url-state/view-link.svelte.ts', 'data/identity.ts')).toMatch(/arrows point down only/);
		expect(brokenArrow('scope/choices.ts', 'sql/overview.ts')).toMatch(/arrows point down only/);
		expect(brokenArrow('sql/overview.ts', 'overview/overview-model.ts')).toMatch(/arrows point down only/);
		expect(brokenArrow('charts/model.ts', 'sql/fragment.ts')).toMatch(/arrows point down only/);
		expect(brokenArrow('data/dataset.svelte.ts', '../routes/overview.svelte.ts')).toMatch(/imports a route/);
		expect(brokenArrow('attribution/settings.ts', 'attribution/index.ts')).toMatch(/arrows point down only/);
		expect(brokenArrow('sql/overview.ts', 'scope/filters.ts')).toBeNull();
		expect(brokenArrow('sql/overview.ts', 'sql/fragment.ts')).toBeNull();
	});

	it('finds a way to the engine through another file', () => {
		const graph = new Map([
			['charts/recovery/billing-charts.ts', ['overview/choices.ts']],
			['overview/choices.ts', ['engine/index.ts']]
		]);
		expect(reachPath(graph, 'charts/recovery/billing-charts.ts', 'engine/')).toEqual(['charts/recovery/billing-charts.ts', 'overview/choices.ts', 'engine/index.ts']);
	});
});
