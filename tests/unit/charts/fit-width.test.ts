/** A chart's option laid out for its width (fit-width.ts): legends measured, go-live labels spread, heatmaps kept readable on a phone. */
import { describe, expect, it } from 'vitest';
import { fitToWidth, legendHeight } from '$lib/charts/fit-width';

const measure = (text: string, size: number) => text.length * size * 0.6;
const weeks = Array.from({ length: 26 }, (_, i) => `w${i}`);

const stacked = {
	legend: { top: 0 },
	grid: { left: 56, right: 16, top: 80, bottom: 48 },
	xAxis: { type: 'category', data: weeks },
	yAxis: { type: 'value', name: 'tickets' },
	series: ['workflow_variance', 'missed_training', 'build_defect', 'data_conversion', 'access_provisioning', 'technical', 'unattributed'].map((name, i) => ({
		name,
		type: 'bar',
		data: [],
		...(i === 0 ? { markLine: { label: { formatter: 'go-live' }, data: [{ xAxis: 'w8' }, { xAxis: 'w10' }, { xAxis: 'w12' }, { xAxis: 'w20' }] } } : {})
	}))
};

type Fitted = { grid: { top: number }; yAxis: { nameGap: number; nameTextStyle: { align: string } }[]; series: { markLine?: { data: { label?: { show: boolean } }[] } }[] };

describe('fitToWidth', () => {
	it('starts the plot below the legend as wrapped at this width, with rows for the axis name and the go-live labels', () => {
		const narrow = fitToWidth(stacked, 390, measure).option as unknown as Fitted;
		const wide = fitToWidth(stacked, 1440, measure).option as unknown as Fitted;
		const names = stacked.series.map((s) => s.name);
		expect(legendHeight(names, 390, measure)).toBeGreaterThan(legendHeight(names, 1440, measure));
		expect(narrow.grid.top).toBe(legendHeight(names, 390, measure) + 26 + 12 + 4 + 12 + 8);
		expect(narrow.grid.top).toBeGreaterThan(wide.grid.top);
		expect(narrow.yAxis[0]?.nameTextStyle.align).toBe('left');
	});

	it('gives close go-live lines one label and far ones their own', () => {
		const labels = (width: number) => ((fitToWidth(stacked, width, measure).option as unknown as Fitted).series[0]?.markLine?.data ?? []).map((d) => d.label?.show !== false);
		// 330 px for 26 weeks: 12 px a week: lines 2 and 4 weeks apart are closer than "go-live" is wide.
		expect(labels(390)).toEqual([true, false, false, true]);
		expect(labels(1440)).toEqual([true, true, true, true]);
	});

	it('counts a narrow horizontal value axis in compact numbers and few ticks, never overlapping', () => {
		const option = { grid: { left: 150, right: 64, top: 8, bottom: 24 }, xAxis: { type: 'value', name: 'tickets' }, yAxis: { type: 'category', data: ['a'] }, series: [] };
		const axis = (fitToWidth(option, 390, measure).option as { xAxis: { splitNumber: number; axisLabel: { hideOverlap: boolean; formatter: (v: number) => string } }[] }).xAxis[0];
		expect(axis?.splitNumber).toBe(3);
		expect(axis?.axisLabel.hideOverlap).toBe(true);
		expect(axis?.axisLabel.formatter(10_000)).toBe('10K');
		const wide = (fitToWidth(option, 1440, measure).option as { xAxis: { splitNumber?: number; axisLabel: { formatter?: unknown } }[] }).xAxis[0];
		expect(wide?.splitNumber).toBeUndefined();
		expect(wide?.axisLabel.formatter).toBeUndefined();
	});

	it('draws a few-column heatmap wider than a phone, its legend below and the chart taller by it', () => {
		const matrix = {
			grid: { left: 200, right: 160, top: 8, bottom: 64 },
			xAxis: {
				type: 'category',
				data: ['workflow_variance', 'missed_training', 'build_defect', 'data_conversion', 'access_provisioning', 'technical', 'unattributed'],
				axisLabel: { rotate: 30 }
			},
			yAxis: { type: 'category', data: ['C01'] },
			visualMap: { type: 'piecewise', right: 0, top: 'middle', pieces: [{}, {}, {}, {}, {}, {}] },
			series: [{ type: 'heatmap', data: [] }]
		};
		const fitted = fitToWidth(matrix, 358, measure);
		const option = fitted.option as { grid: { right: number }; visualMap: Record<string, unknown>[]; xAxis: { axisLabel: { rotate: number } }[] };
		expect(fitted.width).toBeGreaterThanOrEqual(200 + 7 * 40);
		expect(fitted.extraHeight).toBeGreaterThan(100);
		expect(option.visualMap[0]).toMatchObject({ orient: 'vertical', left: 8, bottom: 8 });
		expect(option.visualMap[0]?.right).toBeUndefined();
		expect(option.xAxis[0]?.axisLabel.rotate).toBe(90);
		expect(fitToWidth(matrix, 1440, measure).extraHeight).toBe(0);
	});
});
