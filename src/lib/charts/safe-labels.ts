/**
 * Labels from data (clinic names, categories) made safe to draw, for every chart in one place:
 * - bidi controls are stripped: a right-to-left override would draw "evil.exe" as "exe.live";
 * - category axis labels are cut to a width with an ellipsis: a 10,000-character clinic name
 *   would take the whole chart and squeeze the plot into a sliver. The full name stays in the
 *   axis data, so heatmap tooltips (which name the cell's row and column) show it whole.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** Embedding, override and isolate controls, and the directional marks. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Widest a category axis label is drawn, in CSS pixels. */
export const LABEL_WIDTH = 150;

export const stripBidi = (text: string): string => text.replace(BIDI, '');

/**
 * Untrusted text (clinic names, descriptions, ids, file names) as drawn anywhere on a page: the
 * same bidi stripping as chart labels, so "evil\u202Eexe.txt" never reads reversed in a table, a
 * card or a list. Numbers and null pass as their text ('' for null). The value itself is unchanged
 * in the data, its exports and SQL; only what is drawn loses the invisible controls.
 */
export const displayText = (value: string | number | bigint | boolean | null | undefined): string => (value === null || value === undefined ? '' : stripBidi(String(value)));

type Axis = Record<string, unknown>;
const asList = (value: unknown): Axis[] => (Array.isArray(value) ? (value as Axis[]) : value && typeof value === 'object' ? [value as Axis] : []);
const cleanData = (data: unknown) => (Array.isArray(data) ? data.map((d) => (typeof d === 'string' ? stripBidi(d) : d)) : data);

function safeAxis(axis: Axis): Axis {
	if (axis.type !== 'category') return axis;
	const label = (axis.axisLabel ?? {}) as Record<string, unknown>;
	return { ...axis, data: cleanData(axis.data), axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', ...label } };
}

function mapAxes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map((a) => safeAxis(a as Axis));
	return value && typeof value === 'object' ? safeAxis(value as Axis) : value;
}

/** A heatmap cell's tooltip: its row and column labels in full (drawn as text, not HTML), then its value. */
function heatmapTooltip(option: EChartsCoreOption) {
	const ys = (asList(option.yAxis)[0]?.data ?? []) as unknown[];
	const xs = (asList(option.xAxis)[0]?.data ?? []) as unknown[];
	return (p: { seriesName?: string; value?: unknown }) => {
		const [x, y, v] = Array.isArray(p.value) ? p.value : [];
		return `${String(ys[Number(y)] ?? '')}\n${String(xs[Number(x)] ?? '')} · ${p.seriesName ?? ''}: ${v === null || v === undefined ? '–' : String(v)}`;
	};
}

export function withSafeLabels(option: EChartsCoreOption): EChartsCoreOption {
	const out: EChartsCoreOption = { ...option };
	if (option.xAxis) out.xAxis = mapAxes(option.xAxis);
	if (option.yAxis) out.yAxis = mapAxes(option.yAxis);
	const series = asList(option.series);
	if (series.length > 0) out.series = series.map((s) => (typeof s.name === 'string' ? { ...s, name: stripBidi(s.name) } : s));
	const tooltip = option.tooltip as Record<string, unknown> | undefined;
	if (series.some((s) => s.type === 'heatmap') && tooltip && tooltip.trigger === 'item' && tooltip.formatter === undefined) {
		out.tooltip = { ...tooltip, formatter: heatmapTooltip(out) };
	}
	return out;
}
