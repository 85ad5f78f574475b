import { mondayKey, type ClinicChoice } from '$lib/scope/choices';
import type { TimeAxis } from '$lib/scope/filters';
import type { ChartModel } from '../model';
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

/** Height of one row of panels, in CSS pixels (title, plot, week labels). */
export const PANEL_HEIGHT = 118;
/** Space above the first row and below the last. */
export const MULTIPLES_TOP = 8;
export const MULTIPLES_BOTTOM = 28;
/** The narrowest a panel is drawn: fewer columns on a narrow screen. */
export const PANEL_MIN_WIDTH = 150;

/** Columns of the panel grid: about square, at most 7 across, and (given a width) none narrower than PANEL_MIN_WIDTH. */
export function panelColumns(count: number, width = Infinity): number {
	return Math.max(1, Math.min(7, Math.ceil(Math.sqrt(count)), Math.floor(width / PANEL_MIN_WIDTH)));
}

/** The chart height in pixels for this many panels (at the given width). */
export function smallMultiplesHeight(count: number, width = Infinity): number {
	return MULTIPLES_TOP + MULTIPLES_BOTTOM + Math.max(1, Math.ceil(count / panelColumns(count, width))) * PANEL_HEIGHT;
}

/** A shared y range on round numbers, so that every panel's axis reads the same. */
function niceRange(values: readonly number[]): [number, number] {
	if (values.length === 0) return [0, 1];
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of values) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	const step = hi - lo > 40 ? 10 : hi - lo > 8 ? 5 : 1;
	return [Math.floor(lo / step) * step, Math.max(Math.ceil(hi / step) * step, Math.floor(lo / step) * step + step)];
}

/** One clinic's panel as drawn: its values per bucket (null: no value that week). */
export interface DrawnPanel {
	readonly id: string;
	readonly label: string;
	readonly values: readonly (number | null)[];
	/** The line drawn across the panel (the threshold, or the clinic's own baseline), in the drawn units. */
	readonly reference: number | null;
	/** Index of the go-live bucket (week 0 on the go-live axis), when it is among the buckets. */
	readonly goLive: number | null;
	readonly highlight: boolean;
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
 * Small multiples, drawn by the page on a canvas of its own (`SmallMultiples.svelte`: one pass
 * of plain lines and texts, where one ECharts grid per clinic cost most of the Recovery page's
 * first view): every panel shares the x buckets and the y range, so panels compare at a glance.
 * The data table is long: one row per clinic and week with a value.
 */
export interface PanelsModel {
	readonly panels: readonly DrawnPanel[];
	/** The buckets' labels (weeks), shared by every panel. */
	readonly labels: readonly string[];
	readonly range: readonly [number, number];
	readonly table: ChartModel['table'];
	/** Says how many clinics are left out when there are more than `MAX_PANELS`. */
	readonly limited?: string;
}

/** Each panel marks its go-live and the threshold or its own baseline; at most `MAX_PANELS` are drawn. */
export function smallMultiplesChart(all: readonly Panel[], o: SmallMultiplesOptions): PanelsModel {
	const panels = all.slice(0, MAX_PANELS);
	const scale = o.scale ?? 1;
	const digits = o.digits ?? 1;
	const buckets = fillBuckets(
		o.axis,
		panels.flatMap((p) => [...p.points.keys()])
	);
	const labels = buckets.map((k) => bucketLabel(o.axis, k));
	const values = panels.map((p) => buckets.map((k) => scaled(p.points.get(k), scale, digits)));
	const extremes = [...values.flat(), ...panels.map((p) => scaled(p.reference, scale, digits)), scaled(o.threshold, scale, digits)].filter((v): v is number => v !== null);
	return {
		panels: panels.map((p, i) => {
			const goLive = o.axis === 'go_live' ? 0 : p.goLiveKey;
			const at = goLive === null || goLive === undefined ? -1 : buckets.indexOf(goLive);
			return {
				id: p.id,
				label: p.label,
				values: values[i] ?? [],
				reference: scaled(o.threshold ?? p.reference, scale, digits),
				goLive: at >= 0 ? at : null,
				highlight: p.highlight === true
			};
		}),
		labels,
		range: niceRange(extremes),
		...panelLimit(all.length, panels.length),
		table: {
			columns: ['clinic', 'week', o.valueName, ...(o.referenceName ? [o.referenceName] : [])],
			rows: panels.flatMap((p, i) =>
				buckets.flatMap((_, j) => {
					const value = values[i]?.[j] ?? null;
					if (value === null) return [];
					const row = [p.id, labels[j] ?? '', value];
					return [o.referenceName ? [...row, scaled(p.reference, scale, digits)] : row];
				})
			)
		}
	};
}
