/** The Recovery small multiples as drawn (lines and texts), at a desktop's and a phone's width, and as printed SVG. */
import { describe, expect, it } from 'vitest';
import { drawOnCanvas, toSvg } from '$lib/charts/recovery/panel-draw';
import { layoutPanels, xTickIndexes, yTicks, type LineShape } from '$lib/charts/recovery/panel-shapes';
import { clinicPanels, smallMultiplesChart } from '$lib/charts/recovery/small-multiples';
import type { ClinicChoice } from '$lib/scope/choices';
import { box, expectTextsApart, measure, texts } from '../helpers/text-boxes';

const MONDAY = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const CLINICS: ClinicChoice[] = Array.from({ length: 12 }, (_, i) => ({ id: `C${i}`, name: `Clinic with a rather long name number ${i}`, site: 'S', goLive: '2026-03-02' }));
const weeks = Array.from({ length: 20 }, (_, i) => MONDAY('2026-01-05') + 7 * i);
const points = new Map(CLINICS.map((c, i) => [c.id, new Map(weeks.map((k, j) => [k, j === 5 && i === 0 ? null : 0.8 + ((i + j) % 5) / 20]))]));
const model = smallMultiplesChart(clinicPanels(points, CLINICS, new Set(['C3'])), { axis: 'calendar', valueName: '% of baseline', scale: 100, threshold: 0.95 });

describe('small multiples drawn as shapes', () => {
	for (const width of [1358, 366]) {
		it(`keep every text inside the chart and apart at ${width} px`, () => {
			const layout = layoutPanels(model, width, measure);
			expectTextsApart(texts(layout.shapes).map(box), width, layout.height);
			// Panels no narrower than a phone can read: two across at 366 px, four (of 12) on a desktop.
			expect(new Set(layout.plots.map((p) => p.left)).size).toBe(width < 500 ? 2 : 4);
		});
	}

	it('mark each clinic’s go-live at its week, the threshold across, slow clinics in red, and break the line where a week has no value', () => {
		const layout = layoutPanels(model, 1358, measure);
		const plot = layout.plots[0]!;
		const goLiveAt = weeks.indexOf(MONDAY('2026-03-02'));
		expect(model.panels[0]?.goLive).toBe(goLiveAt);
		const dashed = layout.shapes.filter((s): s is LineShape => s.kind === 'line' && s.color === '#b45309');
		expect(dashed).toHaveLength(CLINICS.length);
		expect(dashed[0]?.points[0]).toBeCloseTo(plot.left + (goLiveAt * plot.width) / (weeks.length - 1), 6);
		const threshold = layout.shapes.filter((s): s is LineShape => s.kind === 'line' && s.dash?.[0] === 2);
		expect(threshold).toHaveLength(CLINICS.length);
		const red = texts(layout.shapes).filter((t) => t.color === '#b42318');
		expect(red.map((t) => t.text)).toEqual([expect.stringMatching(/^C3 Clinic/)]);
		// Clinic 0 has no value in week 5: two runs of its line, of 5 and 14 weeks.
		const lines = layout.shapes.filter((s): s is LineShape => s.kind === 'line' && s.width === 1.5);
		expect(lines.slice(0, 2).map((l) => l.points.length / 2)).toEqual([5, 14]);
	});

	it('ticks on round numbers within the shared range, and week labels that fit', () => {
		expect(yTicks([65, 110])).toEqual([65, 80, 100, 110]);
		expect(yTicks([0, 20])).toEqual([0, 10, 20]);
		expect(xTickIndexes(30, 150, 50)).toEqual([0, 29]);
		expect(xTickIndexes(30, 400, 50)).toEqual([0, 6, 12, 17, 23, 29]);
	});

	it('print as SVG with the labels as escaped text', () => {
		const hostile = smallMultiplesChart(clinicPanels(new Map([['X', new Map([[weeks[0]!, 1]])]]), [{ id: 'X', name: '<img src=x onerror=alert(1)>', site: 'S', goLive: '' }], new Set()), {
			axis: 'calendar',
			valueName: 'v'
		});
		const svg = toSvg(layoutPanels(hostile, 990, measure));
		expect(svg).not.toContain('<img');
		expect(svg).toContain('&#60;img');
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
	});

	it('draw on a canvas with one stroke per look of line (not one per line), the values over the grid, and every line and text of the layout', () => {
		const layout = layoutPanels(model, 1358, measure);
		const calls: string[] = [];
		const drawn: string[] = [];
		let path: string[] = [];
		const style: Record<string, unknown> = {};
		const ctx = new Proxy(style, {
			get: (_, name: string) =>
				({
					beginPath: () => (path = []),
					moveTo: (x: number, y: number) => path.push(`M${x},${y}`),
					lineTo: (x: number, y: number) => path.push(`L${x},${y}`),
					stroke: () => (calls.push(`stroke ${String(style.strokeStyle)} ${String(style.lineWidth)}`), drawn.push(...path)),
					setLineDash: () => undefined,
					fillText: (text: string) => drawn.push(`T${text}`)
				})[name] ?? style[name],
			set: (_, name: string, value: unknown) => {
				if (name === 'font') calls.push('font');
				style[name] = value;
				return true;
			}
		}) as unknown as CanvasRenderingContext2D;
		drawOnCanvas(ctx, layout);
		const lines = layout.shapes.filter((s): s is LineShape => s.kind === 'line');
		const looks = new Set(lines.map((l) => `${l.width}|${l.color}|${l.dash?.join(' ') ?? ''}`));
		const strokes = calls.filter((c) => c.startsWith('stroke'));
		expect(lines.length).toBeGreaterThan(60);
		expect(strokes).toHaveLength(looks.size);
		// The values' lines (1.5 px, blue and the slow clinic's red) are stroked after every thin one.
		expect(strokes.slice(-2).map((c) => c.split(' ')[2])).toEqual(['1.5', '1.5']);
		expect(calls.filter((c) => c === 'font').length).toBeLessThan(10);
		const expected = [
			...lines.flatMap((l) => Array.from({ length: l.points.length / 2 }, (_, i) => `${i === 0 ? 'M' : 'L'}${l.points[2 * i]},${l.points[2 * i + 1]}`)),
			...texts(layout.shapes).map((t) => `T${t.text}`)
		];
		expect([...drawn].sort()).toEqual(expected.sort());
	});
});
