/**
 * Which clinics each week of a go-live-axis chart stands for. On "weeks since go-live" the
 * later waves reach the end of the export first: a sum over the clinics still observed falls
 * at +16 only because fewer clinics are left, which reads as recovery. So every go-live-axis
 * chart shows how many clinics each week covers (a thin strip under it, and in its tooltip and
 * table) and stops its lines (fades its bars) where fewer than a set share of the clinics in
 * scope are observed. Rules in docs/methods.md ("Overview and go-live axis").
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { ClinicChoice, ExportThinning } from '$lib/scope/choices';
import type { ChartModel } from './model';

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Days the data covers, inclusive, as days since 1970-01-01. */
export interface DayWindow {
	readonly first: number;
	readonly last: number;
}

/** The export's span, narrowed by the date filters. */
export function observedWindow(span: { first: string; last: string } | null, f: { from: string | null; to: string | null }): DayWindow | null {
	if (!span) return null;
	const first = Math.max(dayNumber(span.first), f.from ? dayNumber(f.from) : -Infinity);
	const last = Math.min(dayNumber(span.last), f.to ? dayNumber(f.to) : Infinity);
	return first <= last ? { first, last } : null;
}

/** The default share of the clinics in scope a go-live week must cover to be drawn. */
export const DEFAULT_MIN_COVERAGE = 0.5;

export interface GoLiveCoverage {
	/** Clinics in scope with a go-live date. */
	readonly inScope: number;
	/** Per go-live week: clinics whose whole week (go-live + 7k .. +6 days) lies inside the window. */
	readonly observed: ReadonlyMap<number, number>;
	/** Per go-live week: the day after the latest observed clinic's week ends (for censoring). */
	readonly weekEnd: ReadonlyMap<number, number>;
	readonly minShare: number;
}

/**
 * Counts, per week since go-live, the clinics in scope (`clinics`, already filtered) observed
 * for the whole week. Only whole weeks count, so a clinic's last, cut-short week is never
 * drawn as a drop.
 */
export function goLiveCoverage(clinics: readonly ClinicChoice[], window: DayWindow | null, minShare: number): GoLiveCoverage {
	const observed = new Map<number, number>();
	const weekEnd = new Map<number, number>();
	const live = clinics.filter((c) => c.goLive !== '');
	for (const c of window ? live : []) {
		const g = dayNumber(c.goLive);
		const from = Math.ceil((window!.first - g) / 7);
		const to = Math.floor((window!.last - 6 - g) / 7);
		for (let k = from; k <= to; k++) {
			observed.set(k, (observed.get(k) ?? 0) + 1);
			weekEnd.set(k, Math.max(weekEnd.get(k) ?? -Infinity, g + 7 * k + 7));
		}
	}
	return { inScope: live.length, observed, weekEnd, minShare };
}

/** Whether a go-live week covers enough of the clinics in scope to be drawn. */
export function isCovered(c: GoLiveCoverage, k: number): boolean {
	const n = c.observed.get(k) ?? 0;
	return n > 0 && n >= c.minShare * c.inScope;
}

export const percentText = (share: number) => `${Math.round(share * 100)}%`;

/** A band (grey unless told) over runs of weeks (by index), labelled once: a series' markArea. */
export function bands(labels: readonly string[], flagged: readonly boolean[], text: string, color = 'rgba(100,116,139,0.12)') {
	const data: [{ xAxis: string; name?: string }, { xAxis: string }][] = [];
	let start = -1;
	flagged.forEach((on, i) => {
		if (on && start < 0) start = i;
		if (on && (i === flagged.length - 1 || !flagged[i + 1])) {
			data.push([{ xAxis: labels[start] ?? '', ...(data.length === 0 ? { name: text } : {}) }, { xAxis: labels[i] ?? '' }]);
			start = -1;
		}
	});
	return { silent: true, itemStyle: { color }, label: { position: 'insideTop', color: '#5b6675', fontSize: 10 }, data };
}

/** A series' bands with more added: a partial week and a thinning export can both mark one chart. */
function withBands(existing: unknown, added: ReturnType<typeof bands>): ReturnType<typeof bands> {
	const before = (existing as { data?: ReturnType<typeof bands>['data'] } | undefined)?.data ?? [];
	return { ...added, data: [...before, ...added.data] };
}

type Series = { type?: string; data?: unknown[]; markArea?: unknown; [key: string]: unknown };
type Axis = Record<string, unknown>;
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Bars of flagged weeks faded, line points of flagged weeks stopped (null); a band marks them. */
function markWeeks(series: Series[], labels: readonly string[], flagged: readonly boolean[], text: string, stopLines: boolean): Series[] {
	if (!flagged.some(Boolean)) return series;
	return series.map((s, i) => {
		// Only bars and lines hold one value per week; a heatmap's cells keep their values.
		const perWeek = s.type === 'bar' || s.type === 'line';
		const data = (s.data ?? []).map((v, j) => {
			if (!perWeek) return v;
			if (!flagged[j]) return v;
			// A bar faded already (a partial week that the export also thins out in) stays as it is.
			if (s.type === 'bar') return v !== null && typeof v === 'object' ? v : { value: v, itemStyle: { opacity: 0.3 } };
			return stopLines ? null : v;
		});
		return { ...s, data, ...(i === 0 ? { markArea: withBands(s.markArea, bands(labels, flagged, text)) } : {}) };
	});
}

/**
 * A go-live-axis chart with its coverage: lines stopped and bars faded in weeks below the
 * threshold, a thin strip of clinics observed per week under the plot (in the axis tooltip
 * too), and the coverage in the data table. `model.xKeys` must hold the go-live weeks.
 */
export function withCoverage(model: ChartModel, c: GoLiveCoverage): ChartModel {
	const ks = (model.xKeys ?? []).map(Number);
	const option = model.option as EChartsCoreOption & { series: Series[]; grid: Axis; xAxis: Axis; yAxis: Axis | Axis[] };
	const labels = (option.xAxis.data as string[] | undefined) ?? [];
	const flagged = ks.map((k) => !isCovered(c, k));
	const counts = ks.map((k) => c.observed.get(k) ?? 0);
	const yAxes = asArray(option.yAxis);
	const grid = option.grid;
	const text = `< ${percentText(c.minShare)} observed`;
	const series = [
		...markWeeks(option.series, labels, flagged, text, true),
		{
			name: `clinics observed (of ${c.inScope})`,
			type: 'bar',
			xAxisIndex: 1,
			yAxisIndex: yAxes.length,
			barCategoryGap: '10%',
			// The legend's icon in the strip's grey, not the next palette colour.
			itemStyle: { color: '#94a3b8' },
			data: counts.map((n, i) => ({ value: n, itemStyle: { color: flagged[i] ? '#e2b4b4' : '#94a3b8' } }))
		}
	];
	const bottom = Number(grid.bottom ?? 48);
	return {
		...model,
		option: {
			...option,
			tooltip: { ...(option.tooltip as object), trigger: 'axis' },
			axisPointer: { link: [{ xAxisIndex: 'all' }] },
			// The strip's legend entry may wrap the legend onto another line: room for it above the plot.
			grid: [
				{ ...grid, top: Number(grid.top ?? 24) + (option.legend ? 20 : 0), bottom: bottom + 36 },
				{ left: grid.left, right: grid.right, bottom, height: 12 }
			],
			xAxis: [
				{ ...option.xAxis, name: undefined },
				{
					type: 'category',
					gridIndex: 1,
					data: labels,
					axisLabel: { show: false },
					axisTick: { show: false },
					axisLine: { show: false },
					name: option.xAxis.name,
					nameLocation: 'middle',
					nameGap: 14
				}
			],
			yAxis: [
				...yAxes,
				{
					type: 'value',
					gridIndex: 1,
					min: 0,
					max: Math.max(1, c.inScope),
					axisLabel: { show: false },
					splitLine: { show: false },
					name: 'clinics',
					nameLocation: 'middle',
					nameRotate: 0,
					nameGap: 26,
					nameTextStyle: { fontSize: 10 }
				}
			],
			series
		},
		table: {
			columns: [...model.table.columns, 'clinics observed', 'clinics in scope'],
			rows: model.table.rows.map((row, i) => [...row, counts[i] ?? 0, c.inScope])
		}
	};
}

/** Calendar weeks the data covers only in part (the export starts or ends mid-week): Monday key -> days covered. */
export function partialWeeks(window: DayWindow | null): Map<number, number> {
	const out = new Map<number, number>();
	if (!window) return out;
	const monday = (day: number) => day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
	const firstMonday = monday(window.first);
	const lastMonday = monday(window.last);
	if (firstMonday === lastMonday) {
		const days = window.last - window.first + 1;
		if (days < 7) out.set(firstMonday, days);
		return out;
	}
	if (window.first > firstMonday) out.set(firstMonday, 7 - (window.first - firstMonday));
	if (window.last < lastMonday + 6) out.set(lastMonday, window.last - lastMonday + 1);
	return out;
}

/** A series' mark lines and areas with the week labels they name renamed. */
function relabelMarks(s: Series, renamed: ReadonlyMap<string, string>): Partial<Series> {
	const rename = (d: unknown): unknown => {
		if (Array.isArray(d)) return d.map(rename);
		if (d && typeof d === 'object' && typeof (d as { xAxis?: unknown }).xAxis === 'string') {
			const x = (d as { xAxis: string }).xAxis;
			return { ...d, xAxis: renamed.get(x) ?? x };
		}
		return d;
	};
	const out: Partial<Series> = {};
	for (const key of ['markLine', 'markArea'] as const) {
		const mark = s[key] as { data?: unknown[] } | undefined;
		if (mark && Array.isArray(mark.data)) out[key] = { ...mark, data: mark.data.map(rename) };
	}
	return out;
}

/**
 * A calendar chart whose first or last week the data covers only in part: its label says so
 * ("(3 of 7 days)"), its bars are faded and a band marks it, so a short week never reads as
 * a drop. `model.xKeys` must hold the Monday keys.
 */
export function withPartialWeeks(model: ChartModel, partial: ReadonlyMap<number, number>): ChartModel {
	const ks = (model.xKeys ?? []).map(Number);
	if (!ks.some((k) => partial.has(k))) return model;
	const option = model.option as EChartsCoreOption & { series: Series[]; xAxis: Axis };
	const labels = ((option.xAxis.data as string[] | undefined) ?? []).map((label, i) => {
		const days = partial.get(ks[i] ?? NaN);
		return days === undefined ? label : `${label} (${days} of 7 days)`;
	});
	const flagged = ks.map((k) => partial.has(k));
	// Marks and bands name their week by its label: renamed with it, or they would point at no week.
	const renamed = new Map(((option.xAxis.data as string[] | undefined) ?? []).map((old, i) => [old, labels[i] ?? old]));
	const series = option.series.map((s) => ({ ...s, ...relabelMarks(s, renamed) }));
	return {
		...model,
		option: { ...option, xAxis: { ...option.xAxis, data: labels }, series: markWeeks(series, labels, flagged, 'partial week', false) },
		// Beside the week, so that a table's last column stays its total.
		table: {
			columns: [model.table.columns[0] ?? 'week', 'days of data', ...model.table.columns.slice(1)],
			rows: model.table.rows.map((row, i) => [row[0] ?? null, partial.get(ks[i] ?? NaN) ?? 7, ...row.slice(1)])
		}
	};
}

/**
 * A calendar chart over an export that thins out (scope/choices.ts `ExportThinning`): the weeks
 * from the one it starts in are faded under a band that says so, so that the fall reads as the
 * export's, not the clinics'. Bands that lie wholly inside it (a partial last week, weeks of few
 * resolved tickets) are dropped: it says more. `stopLines`: a line's points there are not drawn
 * (a statistic of the few tickets the export holds then is no week's); the table keeps every
 * value. `model.xKeys` must hold the Monday keys.
 */
export function withThinning(model: ChartModel, thinning: ExportThinning | null, stopLines = false): ChartModel {
	if (!thinning) return model;
	const from = dayNumber(thinning.from);
	const ks = (model.xKeys ?? []).map(Number);
	const flagged = ks.map((k) => k + 6 >= from);
	if (!flagged.some(Boolean)) return model;
	const option = model.option as EChartsCoreOption & { series: Series[]; xAxis: Axis };
	const labels = (option.xAxis.data as string[] | undefined) ?? [];
	const inside = (pair: unknown) => {
		const [a, b] = Array.isArray(pair) ? (pair as { xAxis?: string }[]) : [];
		return flagged[labels.indexOf(a?.xAxis ?? '')] === true && flagged[labels.indexOf(b?.xAxis ?? '')] === true;
	};
	const series = option.series.map((s) => {
		const area = s.markArea as { data?: unknown[] } | undefined;
		return area?.data ? { ...s, markArea: { ...area, data: area.data.filter((pair) => !inside(pair)) } } : s;
	});
	return { ...model, option: { ...option, series: markWeeks(series, labels, flagged, 'export thins out', stopLines) } };
}
