import type { Engine } from '$lib/engine';
import { takeFilterChoices } from '$lib/page/take-filter-choices';
import type { ClinicChoice, ExportThinning } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { overviewClient, type OverviewCharts, type Totals } from '$lib/overview/overview-model';
import { PageRunner } from '$lib/page/runner';
import { DEFAULT_MIN_COVERAGE } from '$lib/charts/coverage';
import { loadRecoveryStatus, loadTopCauses, watchlistClient, type WatchContext, type WatchRow } from '$lib/overview/watchlist';
import { markSince } from '$lib/timing';
import { reversedRange } from '$lib/components/date-range';

/** State of the stabilization overview: filters in, totals and chart models out. */
export class OverviewState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	/** The share of clinics in scope a go-live week must cover to be drawn. */
	minCoverage = $state(DEFAULT_MIN_COVERAGE);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	/** Where the export thins out (shaded on the calendar charts, said above them). */
	thinning = $state.raw<ExportThinning | null>(null);
	totals = $state.raw<Totals | null>(null);
	charts = $state.raw<OverviewCharts | null>(null);
	/** The time axis the charts shown were drawn on (titles follow it, not the filters, while a change is on its way). */
	chartsAxis = $state.raw<OverviewFilters['axis']>(DEFAULT_FILTERS.axis);
	/** The watchlist's rows (null while loading) and what each row adds once built (Recovery status, top cause). */
	watch = $state.raw<readonly WatchRow[] | null>(null);
	watchContext = $state.raw<Partial<WatchContext>>({});
	watchError = $state<string | null>(null);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#runner = new PageRunner(this);

	async start(engine: Engine): Promise<void> {
		this.#runner.attach(engine);
		const choices = await takeFilterChoices(engine, this);
		// Without go-live dates there is no go-live axis (the filter bar says why): a link's falls back to the calendar.
		if (this.filters.axis === 'go_live' && choices.clinics.every((c) => c.goLive === '')) this.filters = { ...this.filters, axis: 'calendar' };
		await this.refresh();
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	setMinCoverage(share: number): void {
		this.minCoverage = share;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const f = this.filters;
		if (reversedRange(f)) {
			// A reversed range has no figures (the page says so). Nothing runs, and this empty run
			// overtakes any still in flight, so no figure of it can flash up once the dates are swapped.
			await this.#runner.run(
				async () => null,
				() => {
					this.totals = null;
					this.charts = null;
					this.watch = null;
				}
			);
			return;
		}
		const input = { filters: f, clinics: this.choices, span: this.span, thinning: this.thinning, minCoverage: this.minCoverage };
		await this.#runner.run(
			(ask) => Promise.all([ask(overviewClient, input), ask(watchlistClient, input)]),
			([model, watch]) => {
				this.totals = model.totals;
				this.charts = model.charts;
				this.chartsAxis = f.axis;
				this.watch = watch;
				markSince('hypercare:overview-live');
			}
		);
	}

	/**
	 * The watchlist's Recovery status (an engine with the recovery tables) and top causes (one
	 * with the attribution): after the charts, so they never wait for either.
	 */
	async loadWatchContext(recovered: Promise<Engine>, attributed: Promise<Engine>): Promise<void> {
		try {
			this.watchContext = { ...this.watchContext, status: await loadRecoveryStatus(await recovered) };
			this.watchContext = { ...this.watchContext, causes: await loadTopCauses(await attributed) };
		} catch (error) {
			this.watchError = `The watchlist’s Recovery status or causes could not be measured: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
}
