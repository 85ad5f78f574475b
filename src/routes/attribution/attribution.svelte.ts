import type { Drill } from '$lib/attribution/drill';
import { causeByWeekChart } from '$lib/charts/attribution/cause-by-week';
import { causeTotalsChart } from '$lib/charts/attribution/cause-totals';
import { clinicCauseMatrixChart } from '$lib/charts/attribution/clinic-cause-matrix';
import type { ChartModel } from '$lib/charts/model';
import { plainRows, type PlainRow } from '$lib/results/plain-rows';
import type { Engine } from '$lib/engine';
import { LatestRun } from '$lib/latest-run';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { goLiveKeys, type ClinicChoice } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import {
	attributionLimits,
	causeByClinic,
	causeByWeek,
	causeTotals,
	drillTickets,
	incidents,
	trainingEffects,
	varianceEffects
} from '$lib/sql/attribution-report';

export interface AttributionCharts {
	readonly totals: ChartModel;
	readonly byWeek: ChartModel;
	readonly matrix: ChartModel;
}

export interface Effects {
	readonly training: readonly PlainRow[];
	readonly variance: readonly PlainRow[];
	readonly incidents: readonly PlainRow[];
	readonly limits: PlainRow;
}

/** State of the root-cause page: filters in; charts, measured effects and a drill-down out. */
export class AttributionState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	charts = $state.raw<AttributionCharts | null>(null);
	effects = $state.raw<Effects | null>(null);
	drill = $state.raw<Drill | null>(null);
	drillRows = $state.raw<readonly PlainRow[]>([]);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#engine: Engine | undefined;
	#latest = new LatestRun(this);

	async start(engine: Engine): Promise<void> {
		this.#engine = engine;
		const choices = await loadFilterChoices(engine);
		this.choices = choices.clinics;
		this.span = choices.span;
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
		const engine = this.#engine;
		if (!engine) return;
		const f = this.filters;
		const drill = this.drill;
		await this.#latest.run(
			async () => ({
				totals: await engine.query(causeTotals(f)),
				byWeek: await engine.query(causeByWeek(f)),
				matrix: await engine.query(causeByClinic(f)),
				drill: drill ? plainRows(await engine.query(drillTickets(drill, f))) : []
			}),
			(r) => {
				this.charts = {
					totals: causeTotalsChart(r.totals),
					byWeek: causeByWeekChart(r.byWeek, f.axis, goLiveKeys(this.choices, f)),
					matrix: clinicCauseMatrixChart(r.matrix)
				};
				this.drillRows = r.drill;
			}
		);
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
