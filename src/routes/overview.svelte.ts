import type { Engine } from '$lib/engine';
import { loadFilterChoices, type ClinicChoice } from '$lib/overview/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/overview/filters';
import type { FirstView } from '$lib/overview/first-view';
import { overviewModel, type OverviewCharts, type Totals } from '$lib/overview/overview-model';

/** State of the stabilization overview: filters in, totals and chart models out. */
export class OverviewState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	totals = $state.raw<Totals | null>(null);
	charts = $state.raw<OverviewCharts | null>(null);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#engine: Engine | undefined;
	#generation = 0;

	/** The build-time overview, shown until DuckDB is ready (default filters only). */
	showFirstView(view: FirstView): void {
		if (this.#engine || this.charts) return;
		this.choices = view.choices.clinics;
		this.span = view.choices.span;
		this.totals = view.model.totals;
		this.charts = view.model.charts;
	}

	async start(engine: Engine): Promise<void> {
		this.#engine = engine;
		const choices = await loadFilterChoices(engine);
		this.choices = choices.clinics;
		this.span = choices.span;
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const engine = this.#engine;
		if (!engine) return;
		const generation = ++this.#generation;
		const f = this.filters;
		this.busy = true;
		try {
			const model = await overviewModel(engine, f, this.choices);
			// A newer filter change started meanwhile: its results win.
			if (generation !== this.#generation) return;
			this.totals = model.totals;
			this.charts = model.charts;
			this.error = null;
		} catch (error) {
			if (generation === this.#generation) this.error = error instanceof Error ? error : new Error(String(error));
		} finally {
			if (generation === this.#generation) this.busy = false;
		}
	}
}
