import { sharedScope } from '$lib/scope/shared.svelte';
import type { Engine } from '$lib/engine';
import { PageRunner } from '$lib/page/runner';
import { asker } from '$lib/page/protocol';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_MIN_COVERAGE, goLiveCoverage, observedWindow } from '$lib/charts/coverage';
import { clinicsInScope, goLiveKeys, type ClinicChoice, type ExportThinning } from '$lib/scope/choices';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { forecastAll, weeksByClinic, type ForecastLookup } from '$lib/recovery/forecast';
import type { ScorecardRow } from '$lib/recovery/scorecard-rows';
import { ticketWeekCounts } from '$lib/sql/recovery/forecast';

import { numbers, strings } from '$lib/results/columns';
import { DEFAULT_SCORECARD_SORT, type ScorecardSort } from '$lib/recovery/scorecard-sort';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import type { LinkState } from '$lib/url-state/schema';
import {
	chartModels,
	loadClinicMeasures,
	loadClinicsInScope,
	loadSpan,
	loadUnassigned,
	queryCharts,
	scopedScorecard,
	slowClinics,
	warmChartCubes,
	type Causes,
	type ClinicMeasures,
	type RecoveryCharts
} from './load-recovery';
import { isKeptView } from './kept-view';

const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Forecasting compares each clinic with every clinic further along (quadratic): beyond this many it is not computed, and the page says so. */
const FORECAST_MAX_CLINICS = 2_000;

/**
 * State of the recovery page: filters, rules and the scorecard's sort in; scorecard, charts and causes out. The
 * scorecard and causes depend on the clinics chosen and the rules only, so a change of dates
 * or time axis redraws the charts alone. Causes wait for the root-cause attribution (see `start`).
 */
export class RecoveryState {
	filters = $state.raw<OverviewFilters>(DEFAULT_FILTERS);
	settings = $state.raw<RecoverySettings>(DEFAULT_RECOVERY_SETTINGS);
	sort = $state.raw<ScorecardSort>(DEFAULT_SCORECARD_SORT);
	/** The share of clinics in scope a go-live week must cover to be drawn. */
	minCoverage = $state(DEFAULT_MIN_COVERAGE);
	choices = $state.raw<readonly ClinicChoice[]>([]);
	span = $state.raw<{ first: string; last: string } | null>(null);
	/** Where the ticket export thins out: ticket stabilization reads the weeks before it (sql/recovery/tables.ts). */
	thinning = $state.raw<ExportThinning | null>(null);
	scorecard = $state.raw<readonly ScorecardRow[] | null>(null);
	/** Per clinic, when its tickets are expected to stabilize (shown in words for clinics not yet stable). */
	forecasts = $state.raw<ForecastLookup>(new Map());
	/** Why there are no forecasts, when they were not computed. */
	forecastNote = $state<string | null>(null);
	charts = $state.raw<RecoveryCharts | null>(null);
	causes = $state.raw<Causes | null>(null);
	/** Tickets in scope that name no clinic: no clinic's standing, so the page only says how many. */
	unassigned = $state(0);
	busy = $state(false);
	error = $state.raw<Error | null>(null);
	#engine: Engine | undefined;
	#runner = new PageRunner(this);
	/** What the current scorecard was computed for. */
	#scorecardKey = '';
	/** Every clinic's measures, for the rules (and attribution) they were computed with. */
	#measures: { key: string; measures: Promise<ClinicMeasures> } | null = null;
	/** Whether the engine holds the root-cause attribution: until then the scorecard has no top causes and the page no links to causes. */
	#attributed = false;
	/**
	 * Whether the engine holds results kept for the data (it starts with the attribution): then the
	 * first view, when it is the default one, draws from its own kept statements (`isKeptView`).
	 */
	#kept = false;
	/** Whether a view has been shown since start (later views come from the pre-aggregates). */
	#shown = false;
	/** Why the links to causes could not be computed (the scorecard and charts stand without them). */
	causesError = $state<string | null>(null);

	/** What a link to this view carries besides the scope: the coverage share, rules and sort where they are not the defaults. */
	get linkView(): Pick<LinkState, 'rules' | 'scorecard' | 'coverage'> {
		return {
			...(this.minCoverage === DEFAULT_MIN_COVERAGE ? {} : { coverage: this.minCoverage }),
			...(same(this.settings, DEFAULT_RECOVERY_SETTINGS) ? {} : { rules: this.settings }),
			...(same(this.sort, DEFAULT_SCORECARD_SORT) ? {} : { scorecard: this.sort })
		};
	}

	/** Takes the view a link carries and its scope (missing parts are the defaults); `refresh()` shows it. */
	restore(state: LinkState, scope: OverviewFilters): void {
		this.filters = scope;
		this.settings = state.rules ?? DEFAULT_RECOVERY_SETTINGS;
		this.sort = state.scorecard ?? DEFAULT_SCORECARD_SORT;
		this.minCoverage = state.coverage ?? DEFAULT_MIN_COVERAGE;
	}

	setMinCoverage(share: number): void {
		this.minCoverage = share;
		void this.refresh();
	}

	/** Settles once the forecasts are in (or said not to be computed). */
	forecastsLoaded: Promise<void> = Promise.resolve();

	/** Settles once the causes are in (or said not to be): at once when the engine started with the attribution. */
	causesLoaded: Promise<void> = Promise.resolve();

	/**
	 * `engine` holds the recovery tables, and the attribution unless `attribution` is given (the
	 * data set's `recovered`, or `analysed`/results kept from it). With it, the scorecard and the
	 * charts are drawn first, without top causes; then `attribution()` is asked (only then, so that
	 * its build does not hold the first draw), and its engine fills in the top causes and the links
	 * to causes. Live, the attribution and its causes take far longer than the scorecard.
	 */
	async start(engine: Engine, attribution?: () => Promise<Engine>): Promise<void> {
		this.#use(engine, attribution === undefined);
		this.#kept = attribution === undefined;
		this.#shown = false;
		const choices = await loadFilterChoices(engine);
		this.choices = choices.clinics;
		this.thinning = choices.thinning;
		sharedScope.choices = this.choices;
		this.span = await loadSpan(engine);
		await this.refresh();
		// After the scorecard is drawn: the forecasts only add words under clinics not yet stable.
		this.forecastsLoaded = this.#loadForecasts(engine).catch((error: unknown) => {
			this.forecastNote = `Stabilization forecasts could not be computed: ${message(error)}`;
		});
		if (attribution)
			this.causesLoaded = attribution()
				.then((analysed) => {
					this.#use(analysed, true);
					return this.refresh();
				})
				.catch((error: unknown) => {
					this.causesError = message(error);
				});
	}

	/** From now on, ask `engine`; `attributed`: whether it holds the attribution (the measures are asked again). */
	#use(engine: Engine, attributed: boolean): void {
		// Live, the attribution comes on the same engine: its answers to `once` statements still hold.
		if (engine !== this.#engine) this.#runner.attach(engine);
		this.#engine = engine;
		this.#attributed = attributed;
		this.#measures = null;
		this.#scorecardKey = '';
	}

	async #loadForecasts(engine: Engine): Promise<void> {
		const t = await engine.query(ticketWeekCounts());
		const series = weeksByClinic(strings(t, 'clinic_id'), numbers(t, 'k'), numbers(t, 'tickets'));
		if (series.length > FORECAST_MAX_CLINICS) {
			this.forecastNote = `Stabilization forecasts are not computed for more than ${FORECAST_MAX_CLINICS.toLocaleString('en-US')} clinics (${series.length.toLocaleString('en-US')} here): each clinic is compared with every clinic further along.`;
			return;
		}
		this.forecasts = forecastAll(series);
	}

	/**
	 * Decodes the pre-aggregates filter changes are computed from, and computes the current view's
	 * figures from them on both axes (kept: a filter change then only folds numbers). The first view
	 * does not need them when it drew from the kept default view: the page calls this once that
	 * view is on screen, and the kept results' recording to keep them.
	 */
	async prepareFilterChanges(): Promise<void> {
		const ask = this.#runner.ask;
		if (ask) await warmChartCubes(ask, this.filters, this.settings);
	}

	setFilters(next: OverviewFilters): void {
		this.filters = next;
		void this.refresh();
	}

	setSettings(next: RecoverySettings): void {
		this.settings = next;
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const engine = this.#engine;
		if (!engine) return;
		const f = this.filters;
		const s = this.settings;
		const coverage = goLiveCoverage(clinicsInScope(this.choices, f), observedWindow(this.span, f), this.minCoverage);
		const measuresKey = JSON.stringify([s, this.#attributed]);
		const key = JSON.stringify([f.sites, f.clinics, measuresKey]);
		if (this.#measures?.key !== measuresKey) {
			const measures = loadClinicMeasures(asker(engine), s, this.#attributed);
			this.#measures = { key: measuresKey, measures };
			// A failure is shown by this refresh; the next one asks again.
			measures.catch(() => {
				if (this.#measures?.measures === measures) this.#measures = null;
			});
		}
		const measures = this.#measures.measures;
		const keptView = this.#kept && !this.#shown && isKeptView(f, s);
		this.#shown = true;
		await this.#runner.run(
			async (ask) => {
				// The scorecard (when its clinics or rules changed) and the charts are asked for together;
				// the charts only wait for it to colour its slow clinics.
				const inScope = loadClinicsInScope(ask, f);
				const [card, tables] = await Promise.all([
					key === this.#scorecardKey && this.scorecard ? null : Promise.all([measures, inScope]).then(([m, shown]) => scopedScorecard(f, s, m, shown)),
					queryCharts(ask, f, s, measures, inScope, keptView)
				]);
				const rows = card?.rows ?? this.scorecard ?? [];
				const unassigned = await loadUnassigned(ask, f);
				return { unassigned, card, charts: chartModels(tables, f, s, this.choices, goLiveKeys(this.choices, f), slowClinics(rows), coverage) };
			},
			({ unassigned, card, charts }) => {
				this.unassigned = unassigned;
				if (card) {
					this.scorecard = card.rows;
					this.causes = card.causes;
					this.#scorecardKey = key;
				}
				this.charts = charts;
			}
		);
	}
}
