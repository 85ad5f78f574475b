/**
 * The bar and line charts of the pages (weeks across, values up; or categories down, bars across) as
 * a plain description the canvas renderer draws (xy-layout.ts). The chart models keep writing an
 * ECharts option, which the console's charts and the models' tests read; `xySpecOf` reads the part
 * of it those charts use and says null for anything else, which ECharts then draws as before. So a
 * chart is never drawn half-right: either every part of its option is understood, or ECharts draws it.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { stripBidi } from '../safe-labels';

/** ECharts' default palette, so a series keeps its colour whichever renderer draws it. */
export const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'] as const;

export type Dash = 'solid' | 'dashed' | 'dotted';

export interface XyPoint {
	readonly value: number | null;
	/** This bar's own colour (a cause's, a strip week below the coverage threshold). */
	readonly color?: string;
	/** Drawn faded (a partial week, a week below the coverage threshold). */
	readonly faded?: boolean;
}

export interface XySeries {
	readonly name: string;
	readonly kind: 'bar' | 'line';
	readonly color: string;
	readonly points: readonly XyPoint[];
	/** Bars of one stack are drawn on top of each other; bars without one stand alone. */
	readonly stack?: string;
	/** 0: the left value axis; 1: the right one. */
	readonly axis: 0 | 1;
	readonly dash: Dash;
	readonly width: number;
	/** A line's area down to the axis, at this opacity. */
	readonly area?: number;
	/** Each bar's value written at its end. */
	readonly valueLabels?: boolean;
}

export interface ValueAxis {
	readonly name: string;
	/** Fixed ends; otherwise from the data (from 0 unless `scale`). */
	readonly min?: number;
	readonly max?: number;
	/** The axis need not start at 0 (lines whose level matters, not their height). */
	readonly scale: boolean;
	readonly gridLines: boolean;
}

/** A vertical line at a category (go-live) or a horizontal one at a value (threshold, baseline). */
export interface MarkLine {
	readonly at: { readonly category: number } | { readonly value: number; readonly axis: 0 | 1 };
	readonly label: string;
	readonly color: string;
	readonly dash: Dash;
}

/** A shaded run of categories (weeks below the coverage threshold, a partial week), labelled once. */
export interface Band {
	readonly from: number;
	readonly to: number;
	readonly label: string;
	readonly color: string;
}

/** The strip under a go-live-axis chart: clinics observed per week, out of `max`. */
export interface Strip {
	readonly name: string;
	readonly axisName: string;
	readonly points: readonly XyPoint[];
	readonly color: string;
	readonly max: number;
}

export interface XySpec {
	/** `columns`: categories across, values up. `rows`: categories down (first at the top), bars across. */
	readonly orientation: 'columns' | 'rows';
	readonly categories: readonly string[];
	readonly categoryTitle: string;
	readonly axes: readonly [ValueAxis] | readonly [ValueAxis, ValueAxis];
	readonly series: readonly XySeries[];
	readonly marks: readonly MarkLine[];
	readonly bands: readonly Band[];
	readonly legend: boolean;
	readonly strip?: Strip;
	/** The tooltip reads a whole category (every series' value) or the one bar under the pointer. */
	readonly tooltip: 'axis' | 'item';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Keys of an option this renderer understands; any other key sends the chart to ECharts. */
const OPTION_KEYS = new Set(['tooltip', 'legend', 'grid', 'xAxis', 'yAxis', 'series', 'axisPointer', 'animation', 'aria']);
const SERIES_KEYS = new Set([
	'name',
	'type',
	'data',
	'stack',
	'yAxisIndex',
	'xAxisIndex',
	'itemStyle',
	'lineStyle',
	'areaStyle',
	'showSymbol',
	'connectNulls',
	'markLine',
	'markArea',
	'label',
	'barCategoryGap'
]);

class Unsupported extends Error {}
const need = <T>(v: T | undefined | null, what: string): T => {
	if (v === undefined || v === null) throw new Unsupported(what);
	return v;
};

function dashOf(style: unknown): Dash {
	const type = isObj(style) ? style.type : undefined;
	if (type === undefined || type === 'solid') return 'solid';
	if (type === 'dashed' || type === 'dotted') return type;
	throw new Unsupported(`line type ${String(type)}`);
}

function point(d: unknown): XyPoint {
	if (d === null || d === undefined || d === '-') return { value: null };
	if (typeof d === 'number') return { value: Number.isFinite(d) ? d : null };
	if (isObj(d)) {
		const value = d.value === null ? null : need(num(d.value), 'data item value');
		const style = isObj(d.itemStyle) ? d.itemStyle : {};
		const color = str(style.color);
		const opacity = num(style.opacity);
		return { value, ...(color ? { color } : {}), ...(opacity !== undefined && opacity < 1 ? { faded: true } : {}) };
	}
	throw new Unsupported('data item');
}

function valueAxis(a: unknown): ValueAxis {
	const axis = need(isObj(a) ? a : undefined, 'value axis');
	if (axis.type !== 'value') throw new Unsupported('value axis type');
	const min = num(axis.min);
	const max = num(axis.max);
	return {
		name: stripBidi(str(axis.name) ?? ''),
		...(min !== undefined ? { min } : {}),
		...(max !== undefined ? { max } : {}),
		scale: axis.scale === true,
		gridLines: !(isObj(axis.splitLine) && axis.splitLine.show === false)
	};
}

/** Marks attached to a series: vertical lines at category labels, horizontal lines at values. */
function marksOf(s: Obj, categories: readonly string[], axis: 0 | 1): MarkLine[] {
	if (!isObj(s.markLine)) return [];
	const ml = s.markLine;
	const baseLabel = isObj(ml.label) ? str(ml.label.formatter) : undefined;
	const baseColor = (isObj(ml.lineStyle) && str(ml.lineStyle.color)) || '#5b6675';
	const baseDash = isObj(ml.lineStyle) ? dashOf(ml.lineStyle) : 'dashed';
	return list(ml.data).flatMap((d): MarkLine[] => {
		if (!isObj(d)) throw new Unsupported('mark line item');
		const label = (isObj(d.label) ? str(d.label.formatter) : undefined) ?? baseLabel ?? '';
		const color = (isObj(d.lineStyle) && str(d.lineStyle.color)) || baseColor;
		const dash = isObj(d.lineStyle) ? dashOf(d.lineStyle) : baseDash;
		if (d.xAxis !== undefined) {
			const category = categories.indexOf(String(d.xAxis));
			return category < 0 ? [] : [{ at: { category }, label: stripBidi(label), color, dash }];
		}
		const value = num(d.yAxis);
		if (value === undefined) {
			if (d.yAxis === null) return [];
			throw new Unsupported('mark line position');
		}
		return [{ at: { value, axis }, label: stripBidi(label), color, dash }];
	});
}

function bandsOf(s: Obj, categories: readonly string[]): Band[] {
	if (!isObj(s.markArea)) return [];
	const ma = s.markArea;
	const color = (isObj(ma.itemStyle) && str(ma.itemStyle.color)) || 'rgba(100,116,139,0.12)';
	return list(ma.data).map((pair) => {
		const [a, b] = list(pair);
		if (!isObj(a) || !isObj(b)) throw new Unsupported('mark area item');
		const from = categories.indexOf(String(a.xAxis));
		const to = categories.indexOf(String(b.xAxis));
		if (from < 0 || to < 0) throw new Unsupported('mark area position');
		return { from, to, label: stripBidi(str(a.name) ?? ''), color };
	});
}

/**
 * The chart the option describes, or null when it uses anything this renderer does not draw
 * (another series type, a visual map, formatters, several grids other than the coverage strip).
 */
export function xySpecOf(option: EChartsCoreOption): XySpec | null {
	try {
		return read(option as Obj);
	} catch (e) {
		if (e instanceof Unsupported) return null;
		throw e;
	}
}

function read(o: Obj): XySpec {
	for (const key of Object.keys(o)) if (!OPTION_KEYS.has(key)) throw new Unsupported(`option.${key}`);
	const xs = list(o.xAxis).filter(isObj);
	const ys = list(o.yAxis).filter(isObj);
	const main = need(xs[0], 'x axis');
	const rows = main.type === 'value';
	const categoryAxis = rows ? need(ys[0], 'category y axis') : main;
	if (categoryAxis.type !== 'category') throw new Unsupported('category axis');
	if (rows && categoryAxis.inverse !== true) throw new Unsupported('rows not from the top');
	const categories = list(categoryAxis.data).map((c) => stripBidi(String(c ?? '')));
	const stripX = xs[1];
	if (xs.length > 2 || (stripX && (rows || stripX.gridIndex !== 1))) throw new Unsupported('x axes');
	const valueAxes = rows ? [valueAxis(main)] : ys.filter((y) => y.gridIndex === undefined || y.gridIndex === 0).map(valueAxis);
	if (valueAxes.length < 1 || valueAxes.length > 2) throw new Unsupported('value axes');
	const stripY = ys.find((y) => y.gridIndex === 1);
	const tooltipTrigger = isObj(o.tooltip) && o.tooltip.trigger === 'item' ? 'item' : 'axis';
	if (isObj(o.tooltip) && o.tooltip.formatter !== undefined) throw new Unsupported('tooltip formatter');

	const series: XySeries[] = [];
	const marks: MarkLine[] = [];
	const bands: Band[] = [];
	let strip: Strip | undefined;
	let colorIndex = 0;
	for (const raw of list(o.series)) {
		const s = need(isObj(raw) ? raw : undefined, 'series');
		for (const key of Object.keys(s)) if (!SERIES_KEYS.has(key)) throw new Unsupported(`series.${key}`);
		if (s.type !== 'bar' && s.type !== 'line') throw new Unsupported(`series type ${String(s.type)}`);
		const name = stripBidi(str(s.name) ?? '');
		const style = isObj(s.itemStyle) ? s.itemStyle : {};
		const lineStyle = isObj(s.lineStyle) ? s.lineStyle : {};
		const color = str(lineStyle.color) ?? str(style.color) ?? PALETTE[colorIndex % PALETTE.length] ?? '#5470c6';
		colorIndex += 1;
		const points = list(s.data).map(point);
		if (s.xAxisIndex === 1) {
			if (s.type !== 'bar' || !stripX || !stripY) throw new Unsupported('strip series');
			strip = { name, axisName: stripBidi(str(stripY.name) ?? ''), points, color, max: num(stripY.max) ?? Math.max(1, ...points.map((p) => p.value ?? 0)) };
			continue;
		}
		const axis = s.yAxisIndex === 1 ? 1 : 0;
		if (axis === 1 && valueAxes.length < 2) throw new Unsupported('second value axis');
		if (s.label !== undefined && !(isObj(s.label) && s.label.show === true && s.label.position === 'right' && rows)) throw new Unsupported('series label');
		if (s.showSymbol === true) throw new Unsupported('line symbols');
		if (s.connectNulls === true) throw new Unsupported('connected gaps');
		series.push({
			name,
			kind: s.type,
			color,
			points,
			...(str(s.stack) ? { stack: str(s.stack) } : {}),
			axis,
			dash: dashOf(lineStyle),
			width: num(lineStyle.width) ?? 2,
			...(isObj(s.areaStyle) ? { area: num(s.areaStyle.opacity) ?? 0.7 } : {}),
			...(s.label !== undefined ? { valueLabels: true } : {})
		});
		marks.push(...marksOf(s, categories, axis));
		bands.push(...bandsOf(s, categories));
	}
	const left = need(valueAxes[0], 'value axis');
	const right = valueAxes[1];
	return {
		orientation: rows ? 'rows' : 'columns',
		categories,
		categoryTitle: stripBidi(str(categoryAxis.name) ?? str(stripX?.name) ?? ''),
		axes: right ? [left, right] : [left],
		series,
		marks,
		bands,
		legend: o.legend !== undefined,
		...(strip ? { strip } : {}),
		tooltip: tooltipTrigger
	};
}
