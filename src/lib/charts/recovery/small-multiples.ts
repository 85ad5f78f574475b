import { mondayKey, type ClinicChoice } from '$lib/scope/choices';
import type { TimeAxis } from '$lib/scope/filters';
import { SAFE_TOOLTIP, type ChartModel } from '../model';
import { bucketLabel, fillBuckets } from '../week-axis';
import { scaled, type Points } from './series';

/** One clinic's small chart. */
export interface Panel {
	readonly id: string;
	readonly label: string;
	readonly points: Points;
	/** The clinic's own baseline, drawn across its panel (in the data's units). */
	readonly reference?: number | null;
	/** The clinic's go-live bucket on the calendar axis (week 0 on the go-live axis). */
	readonly goLiveKey?: number | null;
	/** Drawn in the alert colour (a slow clinic). */
	readonly highlight?: boolean;
}

export interface SmallMultiplesOptions {
	readonly axis: TimeAxis;
	/** Column name of the value in the data table. */
	readonly valueName: string;
	readonly referenceName?: string;
	readonly scale?: number;
	readonly digits?: number;
	/** A threshold drawn in every panel (in the data's units). */
	readonly threshold?: number;
}

/**
 * A panel per clinic with points, in the clinics' order (go-live order), labelled with its name;
 * slow clinics highlighted, each with its own baseline where `baselines` has one.
 */
export function clinicPanels(points: ReadonlyMap<string, Points>, clinics: readonly ClinicChoice[], slow: ReadonlySet<string>, baselines?: ReadonlyMap<string, number | null>): Panel[] {
	return clinics
		.filter((c) => points.has(c.id))
		.map((c) => ({
			id: c.id,
			label: `${c.id} ${c.name}`,
			points: points.get(c.id) ?? new Map(),
			reference: baselines?.get(c.id) ?? null,
			goLiveKey: c.goLive ? mondayKey(c.goLive) : null,
			highlight: slow.has(c.id)
		}));
}

const PANEL_HEIGHT = 118;
const TOP = 8;
const BOTTOM = 28;

/** Columns of the panel grid: about square, at most 7 across. */
export function panelColumns(count: number): number {
	return Math.max(1, Math.min(7, Math.ceil(Math.sqrt(count))));
}

/** The chart height in pixels for this many panels. */
export function smallMultiplesHeight(count: number): number {
	return TOP + BOTTOM + Math.max(1, Math.ceil(count / panelColumns(count))) * PANEL_HEIGHT;
}

/** A shared y range on round numbers, so that every panel's axis reads the same. */
function niceRange(values: readonly number[]): [number, number] {
	if (values.length === 0) return [0, 1];
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	const step = hi - lo > 40 ? 10 : hi - lo > 8 ? 5 : 1;
	return [Math.floor(lo / step) * step, Math.max(Math.ceil(hi / step) * step, Math.floor(lo / step) * step + step)];
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Panels drawn at most (20 rows of 7): beyond, the first in the clinics' order, and the chart
 * says how many it leaves out. Every clinic in scope would be 14,000 rows of panels (1.7 million
 * pixels) at 100,000 clinics.
 */
export const MAX_PANELS = 140;

/** The note of a chart that draws only the first `shown` of `all` clinics with data. */
function panelLimit(all: number, shown: number): { limited?: string } {
	if (all <= shown) return {};
	const n = (v: number) => v.toLocaleString('en-US');
	return {
		limited: `Showing the first ${n(shown)} of ${n(all)} clinics with data, in go-live order; ${n(all - shown)} left out: choose a site or clinics in the filters to see the others.`
	};
}

/**
 * Small multiples in one ECharts instance: one grid per clinic (far cheaper than a chart per
 * clinic), sharing the x buckets and the y range so that panels compare at a glance. Each panel
 * marks its go-live and the threshold or its own baseline. The data table is long: one row per
 * clinic and week with a value. At most `MAX_PANELS` are drawn; the model's height is theirs.
 */
export function smallMultiplesChart(all: readonly Panel[], o: SmallMultiplesOptions): ChartModel {
	const panels = all.slice(0, MAX_PANELS);
	const scale = o.scale ?? 1;
	const digits = o.digits ?? 1;
	const columns = panelColumns(panels.length);
	const rowsOfPanels = Math.ceil(panels.length / columns);
	const buckets = fillBuckets(
		o.axis,
		panels.flatMap((p) => [...p.points.keys()])
	);
	const labels = buckets.map((k) => bucketLabel(o.axis, k));
	const values = panels.map((p) => buckets.map((k) => scaled(p.points.get(k), scale, digits)));
	const extremes = [...values.flat(), ...panels.map((p) => scaled(p.reference, scale, digits)), scaled(o.threshold, scale, digits)].filter((v): v is number => v !== null);
	const [min, max] = niceRange(extremes);
	const width = 100 / columns;
	const grids = panels.map((_, i) => ({
		left: `${(i % columns) * width + 2.5}%`,
		width: `${width - 4}%`,
		top: TOP + Math.floor(i / columns) * PANEL_HEIGHT + 18,
		height: PANEL_HEIGHT - 40
	}));
	const lastRow = (i: number) => Math.floor(i / columns) === rowsOfPanels - 1;
	return {
		option: {
			tooltip: SAFE_TOOLTIP,
			animation: false,
			grid: grids,
			xAxis: panels.map((_, i) => ({
				type: 'category',
				gridIndex: i,
				data: labels,
				axisTick: { show: false },
				axisLabel: { show: lastRow(i), fontSize: 9, hideOverlap: true }
			})),
			yAxis: panels.map((p, i) => ({
				type: 'value',
				gridIndex: i,
				min,
				max,
				splitNumber: 2,
				name: truncate(p.label, 30),
				nameLocation: 'end',
				nameGap: 4,
				nameTextStyle: { align: 'left', fontSize: 10, color: p.highlight ? '#b42318' : '#1c2430', fontWeight: p.highlight ? 'bold' : 'normal' },
				axisLabel: { fontSize: 9 }
			})),
			series: panels.map((p, i) => {
				const goLive = o.axis === 'go_live' ? 0 : p.goLiveKey;
				const reference = o.threshold ?? p.reference;
				const marks = [
					...(goLive !== null && goLive !== undefined && buckets.includes(goLive) ? [{ xAxis: bucketLabel(o.axis, goLive), lineStyle: { type: 'dashed', color: '#b45309' } }] : []),
					...(reference !== null && reference !== undefined ? [{ yAxis: scaled(reference, scale, digits), lineStyle: { type: 'dotted', color: '#5b6675' } }] : [])
				];
				return {
					name: p.label,
					type: 'line',
					xAxisIndex: i,
					yAxisIndex: i,
					showSymbol: false,
					data: values[i],
					lineStyle: { width: 1.5, color: p.highlight ? '#b42318' : '#1f5fbf' },
					itemStyle: { color: p.highlight ? '#b42318' : '#1f5fbf' },
					markLine: { silent: true, symbol: 'none', label: { show: false }, data: marks }
				};
			})
		},
		xKeys: buckets,
		height: smallMultiplesHeight(Math.max(1, panels.length)),
		...panelLimit(all.length, panels.length),
		table: {
			columns: ['clinic', 'week', o.valueName, ...(o.referenceName ? [o.referenceName] : [])],
			rows: panels.flatMap((p, i) =>
				buckets.flatMap((k, j) => {
					const value = values[i]?.[j] ?? null;
					if (value === null) return [];
					const row = [p.id, labels[j] ?? '', value];
					return [o.referenceName ? [...row, scaled(p.reference, scale, digits)] : row];
				})
			)
		}
	};
}
