/** Labels from data drawn by ECharts itself (server-side SVG): long names cut, bidi controls gone, the full name in the tooltip. */
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapContinuousComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { displayText, stripBidi, withSafeLabels } from '$lib/charts/safe-labels';

// The heatmap's colour scale is piecewise (quartiles and tails), so both visualMap kinds are registered, as in charts/echarts.ts.
echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, VisualMapPiecewiseComponent, SVGRenderer]);

const LONG = 'Riverside '.repeat(1000);
const EVIL = 'Clinic \u202Egnp.exe';

/** A clinic heatmap's option as ECharts draws it (the clinic × cause matrix on Root causes is one). */
function heatmap() {
	return {
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 160, right: 150, top: 8, bottom: 48 },
			xAxis: { type: 'category', data: ['go-live'] },
			yAxis: { type: 'category', data: [`C1 ${LONG.trim()}`, `C2 ${EVIL}`], inverse: true },
			visualMap: {
				type: 'piecewise',
				dimension: 2,
				pieces: [
					{ lt: 2.5, color: '#c6dbef' },
					{ gte: 2.5, color: '#08519c' }
				]
			},
			series: [
				{
					name: 'tickets per 100 users',
					type: 'heatmap',
					data: [
						[0, 0, 2],
						[0, 1, 3]
					],
					progressive: 0
				}
			]
		}
	};
}

function svgOf(option: echarts.EChartsCoreOption): string {
	const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 900, height: 300 });
	chart.setOption({ animation: false, ...option });
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}

describe('chart labels from data', () => {
	it('draws a 10,000-character clinic name cut short with "...", not whole', () => {
		const unsafe = svgOf(heatmap().option);
		expect(unsafe).toContain(LONG.trim().slice(0, 2000));
		const svg = svgOf(withSafeLabels(heatmap().option));
		expect(svg).not.toContain(LONG.trim().slice(0, 200));
		expect(svg.match(/C1 [^<]*/)?.[0]).toMatch(/^C1 Riverside [A-Za-z ]+\.\.\.$/);
	});

	it('strips bidi controls so "gnp.exe" after an override is drawn as written', () => {
		const svg = svgOf(withSafeLabels(heatmap().option));
		expect(svg).toContain('C2 Clinic gnp.exe');
		expect(svg).not.toContain('\u202E');
		expect(stripBidi('a\u2066b\u2069c\u200Fd')).toBe('abcd');
	});

	it('names the cell’s clinic in full in the heatmap tooltip', () => {
		const option = withSafeLabels(heatmap().option) as { tooltip: { formatter: (p: unknown) => string } };
		const text = option.tooltip.formatter({ seriesName: 'tickets per 100 users', value: [0, 0, 2] });
		expect(text).toBe(`C1 ${LONG.trim()}\ngo-live · tickets per 100 users: 2`);
	});

	it('draws any untrusted text (table cells, names, descriptions) without bidi controls, numbers and null as their text', () => {
		expect(displayText('evil\u202Etxt.exe')).toBe('eviltxt.exe');
		expect(displayText('\u2066a\u2069\u200Eb\u200F\u061C')).toBe('ab');
		expect(displayText(12.5)).toBe('12.5');
		expect(displayText(null)).toBe('');
		expect(displayText(undefined)).toBe('');
	});
});
