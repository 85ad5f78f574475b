import type { Table } from 'apache-arrow';
import { cellReader, columnFormat, type ColumnFormat } from '$lib/console/cell-format';
import { aggregationOf, yColumns, type ChartMapping } from '$lib/console/view';
import { SAFE_TOOLTIP, type Cell, type ChartModel } from '../model';
import { Cells, measureName, repeatMessage } from './aggregate';

/** A chart draws at most this many rows: aggregate in SQL to show more. */
export const CHART_ROW_LIMIT = 5_000;
const SERIES_LIMIT = 40;

/** A mapping that cannot be drawn, with the reason in the user's terms. */
export class ChartMappingError extends Error {
	override readonly name = 'ChartMappingError';
}

interface Column {
	readonly name: string;
	readonly vector: { get(i: number): unknown };
	readonly format: ColumnFormat;
}

function column(table: Table, name: string): Column {
	const index = table.schema.fields.findIndex((f) => f.name === name);
	const field = table.schema.fields[index];
	const vector = table.getChildAt(index);
	if (!field || !vector) throw new ChartMappingError(`The result has no column "${name}".`);
	return { name, vector: { get: cellReader(vector) }, format: columnFormat(field.type) };
}

function numeric(table: Table, name: string, role: string): Column {
	const c = column(table, name);
	if (c.format.kind !== 'number') throw new ChartMappingError(`${role} "${name}" is not a number column: choose a numeric column (or CAST it in SQL).`);
	return c;
}

/**
 * Distinct keys and each row's index among them: numbers and dates in their order (so weeks
 * read left to right whatever the rows' order), text in order of first appearance.
 */
function categories(c: Column, rows: number): { keys: string[]; at: Int32Array } {
	const index = new Map<string, number>();
	const values: number[] = [];
	const at = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		const value: unknown = c.vector.get(i);
		const key = value === null || value === undefined ? '(null)' : c.format.text(value);
		let k = index.get(key);
		if (k === undefined) {
			index.set(key, (k = index.size));
			values.push(c.format.number(value) ?? Infinity);
		}
		at[i] = k;
	}
	const keys = [...index.keys()];
	if (c.format.kind === 'text') return { keys, at };
	const order = keys.map((_, k) => k).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
	const rank = new Int32Array(order.length);
	order.forEach((k, r) => (rank[k] = r));
	return { keys: order.map((k) => keys[k] ?? ''), at: at.map((k) => rank[k] ?? 0) };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Text categories are drawn as horizontal bars (every label written out, none skipped) up to this many. */
const HORIZONTAL_LIMIT = 150;
/** Up to this many categories every label is drawn (rotated when long); beyond, a zoom slider shows parts. */
const ALL_LABELS_LIMIT = 60;

/** Line, bar and stacked bar: one category per distinct x; one series per y column, or per value of the series column. */
function categoryChart(table: Table, m: ChartMapping, rows: number): ChartModel {
	const agg = aggregationOf(m);
	const xColumn = column(table, m.x);
	const xs = categories(xColumn, rows);
	const ys = yColumns(m).map((name) => (agg === 'count' ? column(table, name) : numeric(table, name, 'y')));
	if (m.series && ys.length > 1) throw new ChartMappingError(`Several y columns and a series column cannot be drawn together: choose one y column, or no series.`);
	const split = m.series ? categories(column(table, m.series), rows) : null;
	const keys = split ? split.keys : ys.map((y) => measureName(y.name, agg));
	if (keys.length > SERIES_LIMIT) throw new ChartMappingError(`"${m.series}" has ${keys.length} distinct values; a chart can show ${SERIES_LIMIT} series.`);
	const cells = new Cells(keys.length, xs.keys.length);
	for (let i = 0; i < rows; i++) {
		const x = xs.at[i] ?? 0;
		ys.forEach((y, k) => {
			const raw: unknown = y.vector.get(i);
			const value = agg === 'count' ? (raw === null || raw === undefined ? null : 1) : y.format.number(raw);
			cells.add(split ? (split.at[i] ?? 0) : k, x, value);
		});
	}
	const repeats = cells.repeats();
	if (agg === 'none' && repeats.cells > 0) throw new ChartMappingError(repeatMessage(m, repeats, `x "${m.x}"`));
	const lines = keys.map((_, s) => xs.keys.map((__, x) => cells.value(s, x, agg)));
	const type = m.kind === 'line' ? 'line' : 'bar';
	const valueName = split ? measureName(m.y, agg) : keys.length === 1 ? (keys[0] ?? '') : agg === 'none' ? 'value' : measureName('values', agg);
	const longest = Math.max(0, ...xs.keys.map((k) => k.length));
	// Long or many text labels read best as horizontal bars: each label on its own line, written out.
	const horizontal = type === 'bar' && xColumn.format.kind === 'text' && (longest > 10 || xs.keys.length > 12) && xs.keys.length <= HORIZONTAL_LIMIT;
	const legendTop = keys.length > 1 ? 40 : 16;
	const categoryAxis = {
		type: 'category',
		data: xs.keys,
		name: m.x,
		nameLocation: 'middle',
		...(horizontal
			? { inverse: true, nameGap: Math.min(190, longest * 6.5 + 16), axisLabel: { interval: 0, width: 180, overflow: 'truncate' } }
			: xs.keys.length <= ALL_LABELS_LIMIT
				? { nameGap: longest > 6 ? 78 : 32, axisLabel: { interval: 0, rotate: longest > 6 ? 40 : 0, width: 110, overflow: 'truncate' } }
				: { nameGap: 32 })
	};
	const valueAxis = { type: 'value', name: valueName, nameLocation: 'middle', nameGap: horizontal ? 28 : 52 };
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			legend: { type: 'scroll', top: 0, show: keys.length > 1 },
			// Room for the axis names and labels, so neither is cut off (on screen and in the PNG).
			grid: horizontal
				? { left: Math.min(200, longest * 6.5 + 24), right: 32, top: legendTop, bottom: 48 }
				: { left: 72, right: 24, top: legendTop, bottom: xs.keys.length <= ALL_LABELS_LIMIT && longest > 6 ? 110 : 56 },
			xAxis: horizontal ? valueAxis : categoryAxis,
			yAxis: horizontal ? categoryAxis : valueAxis,
			dataZoom: !horizontal && xs.keys.length > ALL_LABELS_LIMIT ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }] : [],
			series: keys.map((name, s) => ({
				name,
				type,
				data: lines[s] ?? [],
				...(m.kind === 'stacked-bar' ? { stack: 'total' } : {}),
				...(type === 'line' ? { showSymbol: xs.keys.length <= 60, connectNulls: false } : { large: rows > 2000 })
			}))
		},
		xKeys: xs.keys,
		height: horizontal ? Math.max(360, xs.keys.length * 22 + 100) : undefined,
		table: {
			columns: [m.x, ...keys],
			rows: xs.keys.map((key, x) => [key, ...lines.map((line) => line[x] ?? null)])
		}
	};
}

function scatterChart(table: Table, m: ChartMapping, rows: number): ChartModel {
	const x = column(table, m.x);
	const y = numeric(table, m.y, 'y');
	const series = m.series ? categories(column(table, m.series), rows) : { keys: [m.y], at: new Int32Array(rows) };
	if (series.keys.length > SERIES_LIMIT) throw new ChartMappingError(`"${m.series}" has ${series.keys.length} distinct values; a chart can show ${SERIES_LIMIT} series.`);
	const xCategories = x.format.kind === 'text' ? categories(x, rows) : null;
	const points = series.keys.map(() => [] as [number | string, number][]);
	const tableRows: Cell[][] = [];
	for (let i = 0; i < rows; i++) {
		const rawX: unknown = x.vector.get(i);
		const yValue = y.format.number(y.vector.get(i));
		const xValue = xCategories ? (xCategories.keys[xCategories.at[i] ?? 0] ?? '') : x.format.number(rawX);
		if (yValue === null || xValue === null) continue;
		points[series.at[i] ?? 0]?.push([xValue, yValue]);
		tableRows.push([...(m.series ? [series.keys[series.at[i] ?? 0] ?? ''] : []), x.format.text(rawX), yValue]);
	}
	const xType = xCategories ? 'category' : x.format.kind === 'time' ? 'time' : 'value';
	return {
		option: {
			tooltip: { ...SAFE_TOOLTIP, trigger: 'item' },
			legend: { type: 'scroll', top: 0, show: series.keys.length > 1 },
			grid: { left: 64, right: 24, top: series.keys.length > 1 ? 40 : 16, bottom: 56 },
			xAxis: { type: xType, name: m.x, nameLocation: 'middle', nameGap: 36, scale: true, ...(xCategories ? { data: xCategories.keys } : {}) },
			yAxis: { type: 'value', name: m.y, scale: true },
			series: series.keys.map((name, s) => ({ name, type: 'scatter', symbolSize: 6, large: rows > 2000, data: points[s] ?? [] }))
		},
		table: { columns: [...(m.series ? [m.series] : []), m.x, m.y], rows: tableRows }
	};
}

/** x and `series` as the two axes, `y` as the colour; cells combined as chosen (with "none", one row a cell). */
function heatmapChart(table: Table, m: ChartMapping, rows: number): ChartModel {
	if (!m.series) throw new ChartMappingError('A heatmap needs a column for its rows: choose one under "Rows".');
	const agg = aggregationOf(m);
	const xs = categories(column(table, m.x), rows);
	const ys = categories(column(table, m.series), rows);
	const value = agg === 'count' ? column(table, m.y) : numeric(table, m.y, 'The value');
	const grid = new Cells(ys.keys.length, xs.keys.length);
	for (let i = 0; i < rows; i++) {
		const raw: unknown = value.vector.get(i);
		grid.add(ys.at[i] ?? 0, xs.at[i] ?? 0, agg === 'count' ? (raw === null || raw === undefined ? null : 1) : value.format.number(raw));
	}
	const repeats = grid.repeats();
	if (agg === 'none' && repeats.cells > 0) throw new ChartMappingError(repeatMessage(m, repeats, `The cell of "${m.x}" and "${m.series}"`));
	const cells = new Map<number, number>();
	for (let yi = 0; yi < ys.keys.length; yi++)
		for (let xi = 0; xi < xs.keys.length; xi++) {
			const v = grid.value(yi, xi, agg);
			if (v !== null) cells.set(yi * xs.keys.length + xi, v);
		}
	const data: [number, number, number][] = [];
	const tableRows: Cell[][] = [];
	let min = Infinity;
	let max = -Infinity;
	for (const [key, v] of cells) {
		const xi = key % xs.keys.length;
		const yi = Math.floor(key / xs.keys.length);
		data.push([xi, yi, round(v)]);
		tableRows.push([xs.keys[xi] ?? '', ys.keys[yi] ?? '', round(v)]);
		min = Math.min(min, v);
		max = Math.max(max, v);
	}
	return {
		option: {
			tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
			grid: { left: 120, right: 80, top: 8, bottom: 56 },
			xAxis: { type: 'category', data: xs.keys, name: m.x, nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
			yAxis: { type: 'category', data: ys.keys, inverse: true, axisLabel: { fontSize: 10, interval: 0, width: 110, overflow: 'truncate' } },
			visualMap: {
				min: Number.isFinite(min) ? Math.min(0, min) : 0,
				max: Number.isFinite(max) ? max : 1,
				calculable: true,
				orient: 'vertical',
				right: 0,
				top: 'middle',
				inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }
			},
			series: [{ name: measureName(m.y, agg), type: 'heatmap', data, progressive: 0 }]
		},
		xKeys: xs.keys,
		yKeys: ys.keys,
		table: { columns: [m.x, m.series, measureName(m.y, agg)], rows: tableRows }
	};
}

/** A console result drawn as the person mapped it (first CHART_ROW_LIMIT rows). */
export function resultChart(table: Table, mapping: ChartMapping): ChartModel {
	const rows = Math.min(table.numRows, CHART_ROW_LIMIT);
	if (mapping.kind === 'scatter') return scatterChart(table, mapping, rows);
	if (mapping.kind === 'heatmap') return heatmapChart(table, mapping, rows);
	return categoryChart(table, mapping, rows);
}

/** A first mapping for a fresh result: the first column across, the first numeric one up. */
export function suggestMapping(table: Table): ChartMapping | null {
	const fields = table.schema.fields.map((f) => ({ name: f.name, kind: columnFormat(f.type).kind }));
	const y = fields.find((f, i) => f.kind === 'number' && i > 0) ?? fields.find((f) => f.kind === 'number');
	const x = fields.find((f) => f !== y);
	if (!x || !y) return null;
	const series = fields.find((f) => f !== x && f !== y && f.kind === 'text');
	// Nothing combined unless chosen: where x repeats, the chart says so and offers sum, avg and count.
	return { kind: x.kind === 'time' || x.kind === 'number' ? 'line' : 'bar', x: x.name, y: y.name, series: series?.name ?? null, agg: 'none' };
}
