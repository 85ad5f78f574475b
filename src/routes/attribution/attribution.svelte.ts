import type { Drill } from '$lib/attribution/drill';
import { causeByWeekChart } from '$lib/charts/attribution/cause-by-week';
import { causeTotalsChart } from '$lib/charts/attribution/cause-totals';
import { observedWindow, partialWeeks, withPartialWeeks, withThinning } from '$lib/charts/coverage';
import { clinicCauseMatrixChart, matrixNeeds } from '$lib/charts/attribution/clinic-cause-matrix';
import type { ChartModel } from '$lib/charts/model';
import type { HeatmapModel } from '$lib/charts/heatmap/heatmap-model';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import type { Engine } from '$lib/engine';
import { once, pageClient } from '$lib/page/protocol';
import { PageRunner } from '$lib/page/runner';
import { takeFilterChoices } from '$lib/page/take-filter-choices';
import { goLiveKeys, type ClinicChoice, type ExportThinning } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { causeFigures } from '$lib/attribution/cause-cube';
import { causeCubeCauses, causeCubeCells, causeCubeClinics, unassignedDays } from '$lib/sql/attribution-cube';
import { attributionLimits, drillTickets, incidents, trainingEffects, varianceEffects } from '$lib/sql/attribution-report';

export interface AttributionCharts {
	readonly totals: ChartModel;
	readonly byWeek: ChartModel;
	readonly matrix: HeatmapModel;
}

export interface Effects {
	readonly training: readonly PlainRow[];
	readonly variance: readonly PlainRow[];
	readonly incidents: readonly PlainRow[];
	readonly limits: PlainRow;
}

interface AttributionInput {
	readonly filters: OverviewFilters;
	readonly drill: Drill | null;
	readonly clinics: readonly ClinicChoice[];
	/** The export's span of ticket dates and where it thins out: the by-week chart's cut-short and thin weeks say so. */
	readonly span?: { readonly first: string; readonly last: string } | null;
	readonly thinning?: ExportThinning | null;
	/** The exports attribution needs that are not loaded, in words (the matrix says them when it is not assessed). */
	readonly needs: string | null;
}

/**
 * The page's filtered figures: the three charts and, when one is open, the drill-down's tickets.
 * The charts come from pre-aggregates asked once per data (sql/attribution-cube.ts) and are
 * computed for the scope in JS (attribution/cause-cube.ts): a filter change reaches DuckDB only
 * for an open drill-down's tickets.
 */
const attributionClient = pageClient({
	queries: ({ filters: f, drill }: AttributionInput) => ({
		clinics: once(causeCubeClinics()),
		causes: once(causeCubeCauses()),
		cells: once(causeCubeCells()),
		unassigned: once(unassignedDays()),
		drill: drill ? drillTickets(drill, f) : null
	}),
	model: (r, { filters: f, clinics, needs, span = null, thinning = null }) => {
		const figures = causeFigures(r, f);
		const byWeek = causeByWeekChart(figures.byWeek, f.axis, goLiveKeys(clinics, f));
		return {
			charts: {
				totals: causeTotalsChart(figures.totals),
				// On the calendar, as on the Overview: a week the export covers in part, and the weeks it thins out in, are faded and banded.
				byWeek: f.axis === 'calendar' ? withThinning(withPartialWeeks(byWeek, partialWeeks(observedWindow(span, f))), thinning) : byWeek,
				matrix: clinicCauseMatrixChart(figures.matrix, needs)
			},
			drillRows: r.drill ? plainRows(r.drill) : [],
			unassigned: figures.unassigned
		};
	}
});

/** State of the root-cause page: filters in; charts, measured effects and a drill-down out. */
export class AttributionState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	/** Where the export thins out (shaded on the by-week chart, said above the charts). */
	thinning = $state.raw<ExportThinning | null>(null);
	charts = $state.raw<AttributionCharts | null>(null);
	effects = $state.raw<Effects | null>(null);
	drill = $state.raw<Drill | null>(null);
	drillRows = $state.raw<readonly PlainRow[]>([]);
	/** Tickets in scope that name no clinic: in the totals and by-week chart, not in the clinic × cause matrix. */
	unassigned = $state(0);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#engine: Engine | undefined;
	#runner = new PageRunner(this);

	async start(engine: Engine): Promise<void> {
		this.#engine = engine;
		this.#runner.attach(engine);
		await takeFilterChoices(engine, this);
		const [training, variance, found, limits] = [
			plainRows(await engine.query(trainingEffects())),
			plainRows(await engine.query(varianceEffects())),
			plainRows(await engine.query(incidents())),
			plainRows(await engine.query(attributionLimits()))
		];
		this.effects = { training, variance, incidents: found, limits: limits[0] ?? {} };
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const limits = this.effects?.limits ?? {};
		const needs = matrixNeeds({ roster: Number(limits.roster_rows ?? 0) > 0, register: Number(limits.variance_rows ?? 0) > 0 });
		const input = { filters: this.filters, drill: this.drill, clinics: this.choices, span: this.span, thinning: this.thinning, needs };
		await this.#runner.show(attributionClient, input, (r) => {
			this.charts = this.#unchangedKept(r.charts, input);
			this.drillRows = r.drillRows;
			this.unassigned = r.unassigned;
		});
	}

	/** What the totals and the matrix were last drawn for: the scope without its axis, on the same data. */
	#drawnFor: { scope: string; choices: readonly ClinicChoice[]; charts: AttributionCharts } | null = null;

	/**
	 * The totals and the clinic matrix do not depend on the time axis: when only the axis
	 * changed, their models stay the same objects, so those two charts are not drawn again
	 * (an ECharts redraw is most of a filter change's time).
	 */
	#unchangedKept(charts: AttributionCharts, { filters: f, clinics }: AttributionInput): AttributionCharts {
		const scope = JSON.stringify([f.sites, f.clinics, f.from, f.to]);
		const before = this.#drawnFor;
		const kept = before && before.scope === scope && before.choices === clinics ? { ...charts, totals: before.charts.totals, matrix: before.charts.matrix } : charts;
		this.#drawnFor = { scope, choices: clinics, charts: kept };
		return kept;
	}

	async open(drill: Drill | null): Promise<void> {
		this.drill = drill;
		// Rows of the previous selection must not show under the new one's title.
		this.drillRows = [];
		const engine = this.#engine;
		if (!engine || !drill) return;
		try {
			const rows = plainRows(await engine.query(drillTickets(drill, this.filters)));
			if (this.drill === drill) this.drillRows = rows;
		} catch (error) {
			this.error = error instanceof Error ? error : new Error(String(error));
		}
	}
}
