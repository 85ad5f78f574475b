/**
 * Charts readable on a phone and a desktop: at every width from 390 to 1440 px no two texts a
 * chart draws (axis labels and names, legend items, go-live and threshold labels, bar values)
 * overlap and none is cut by the canvas's edge (the heatmaps' own layout tests: heatmap-shapes and
 * clinic-cause-matrix unit tests, attribution e2e on a phone). Texts are read back from what each chart drew:
 * the canvas renderer's laid-out texts (src/lib/charts/xy/), measured with the page's canvas font, or
 * an ECharts instance's display list (which leaves out the labels ECharts hid as overlapping).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settled } from '../../scripts/harness/pages';
import { PHONE, sharedPage } from './support/shared-page';

const shared = sharedPage('chart-text');
// Actions draws no chart (its forecast is a table).
const ROUTES = [
	{ route: '/', name: 'overview' },
	{ route: '/attribution', name: 'root-causes' },
	{ route: '/recovery', name: 'recovery' }
] as const;
// Widest first: the page is loaded once and the window narrowed, so each chart is also laid out again on resize.
const WIDTHS = [1440, 1024, 768, 390] as const;

interface Box {
	readonly text: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}
interface ChartTexts {
	readonly id: string;
	readonly width: number;
	readonly height: number;
	readonly texts: Box[];
}

/** Every chart's drawn texts, in canvas pixels. */
async function chartTexts(): Promise<ChartTexts[]> {
	return shared.page.locator('figure[data-chart] .canvas').evaluateAll((canvases) => {
		type Rect = { x: number; y: number; width: number; height: number; clone(): Rect; applyTransform(m: unknown): void };
		type El = { type: string; style?: { text?: string; opacity?: number }; transform?: unknown; invisible?: boolean; getBoundingRect(): Rect };
		type Instance = { getWidth(): number; getHeight(): number; getZr(): { storage: { getDisplayList(update: boolean): El[] } } };
		type Text = { kind: string; text: string; x: number; y: number; size: number; align: 'left' | 'right' | 'center'; bold?: boolean };
		type Xy = { xy?: { layout(): { width: number; height: number; shapes: Text[] } | null } };
		const ctx = document.createElement('canvas').getContext('2d');
		return canvases.flatMap((canvas) => {
			const id = canvas.closest('figure')?.getAttribute('data-chart') ?? '';
			const layout = (canvas as unknown as Xy).xy?.layout();
			if (layout && ctx) {
				const texts = layout.shapes
					.filter((s) => s.kind === 'text' && s.text.trim() !== '')
					.map((s) => {
						ctx.font = `${s.bold ? 'bold ' : ''}${s.size}px sans-serif`;
						const width = ctx.measureText(s.text).width;
						const x = s.align === 'left' ? s.x : s.align === 'right' ? s.x - width : s.x - width / 2;
						return { text: s.text, x, y: s.y - s.size / 2, width, height: s.size };
					});
				return [{ id, width: layout.width, height: layout.height, texts }];
			}
			const chart = (canvas as unknown as { echarts?: Instance }).echarts;
			if (!chart) return [];
			const texts = chart
				.getZr()
				.storage.getDisplayList(true)
				.filter((el) => el.type === 'tspan' && !el.invisible && (el.style?.opacity ?? 1) > 0 && (el.style?.text ?? '').trim() !== '')
				.map((el) => {
					const r = el.getBoundingRect().clone();
					if (el.transform) r.applyTransform(el.transform);
					return { text: el.style?.text ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
				});
			return [{ id, width: chart.getWidth(), height: chart.getHeight(), texts }];
		});
	});
}

/** Pairs of texts whose boxes overlap by more than a pixel each way. */
function overlaps(texts: readonly Box[]): string[] {
	const out: string[] = [];
	texts.forEach((a, i) =>
		texts.slice(i + 1).forEach((b) => {
			const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
			const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
			if (dx > 1 && dy > 1) out.push(`"${a.text}" × "${b.text}"`);
		})
	);
	return out;
}

/** Texts running out of the canvas (cut off) by more than a pixel. */
const outside = (c: ChartTexts) => c.texts.filter((t) => t.x < -1 || t.y < -1 || t.x + t.width > c.width + 1 || t.y + t.height > c.height + 1).map((t) => `"${t.text}"`);

/** Waits for the charts to be drawn again after the window changed size. */
async function redrawn(): Promise<void> {
	await shared.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
	await settled(shared.page);
}

describe('chart texts never overlap', () => {
	for (const { route, name } of ROUTES) {
		it(`${name} (${route}): at ${WIDTHS.join(', ')} px`, async () => {
			await shared.show(route, { width: WIDTHS[0], height: 900 });
			const problems: string[] = [];
			for (const width of WIDTHS) {
				await shared.page.setViewportSize(width === PHONE.width ? PHONE : { width, height: 900 });
				await redrawn();
				if (width === PHONE.width) await shared.page.screenshot({ path: path.join(shared.artifacts, `${name}-${width}.png`), fullPage: true });
				const charts = await chartTexts();
				expect(charts.length, `${name} draws charts`).toBeGreaterThan(0);
				for (const chart of charts) {
					expect(chart.texts.length, `${chart.id} draws texts`).toBeGreaterThan(0);
					for (const pair of overlaps(chart.texts)) problems.push(`${width} px ${chart.id}: ${pair}`);
					for (const text of outside(chart)) problems.push(`${width} px ${chart.id}: ${text} cut at the edge`);
				}
			}
			expect(problems).toEqual([]);
		});
	}
});
