import { sharedScope } from '$lib/scope/shared.svelte';
import type { Engine } from '$lib/engine';
import { loadFilterChoices } from '$lib/page/filter-choices';
import type { ClinicChoice } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import type { FirstView } from '$lib/overview/first-view';
import { overviewClient, type OverviewCharts, type Totals } from '$lib/overview/overview-model';
import { PageRunner } from '$lib/page/runner';
import { markSince } from '$lib/timing';

/** State of the stabilization overview: filters in, totals and chart models out. */
export class OverviewState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	totals = $state.raw<Totals | null>(null);
	charts = $state.raw<OverviewCharts | null>(null);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#runner = new PageRunner(this);

	/** The build-time overview, shown until DuckDB is ready (default filters only). */
	showFirstView(view: FirstView): void {
		if (this.#runner.ready || this.charts) return;
		this.choices = view.choices.clinics;
		sharedScope.choices = view.choices.clinics;
		this.span = view.choices.span;
		this.totals = view.model.totals;
		this.charts = view.model.charts;
	}

	async start(engine: Engine): Promise<void> {
		this.#runner.attach(engine);
		const choices = await loadFilterChoices(engine);
		this.choices = choices.clinics;
		sharedScope.choices = choices.clinics;
		this.span = choices.span;
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		await this.#runner.show(
			overviewClient,
			{ filters: this.filters, clinics: this.choices },
			(model) => {
				this.totals = model.totals;
				this.charts = model.charts;
				markSince('hypercare:overview-live');
			}
		);
	}
}
