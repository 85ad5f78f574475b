import type { Engine } from '$lib/engine';
import { LatestRun, type RunStatus } from '$lib/latest-run';
import { asker, type Ask, type PageClient, type Queries } from './protocol';

/**
 * Runs a page's clients against the engine once it is ready: each run sends its clients'
 * statements together, and a run that a newer one overtook (the scope changed meanwhile)
 * is dropped, its result, error and end alike. Busy and error go to the page's status.
 */
export class PageRunner {
	readonly #latest: LatestRun;
	#ask: Ask | null = null;

	constructor(status: RunStatus) {
		this.#latest = new LatestRun(status);
	}

	get ready(): boolean {
		return this.#ask !== null;
	}

	/** The engine's asker, for work outside the runs: it neither waits for a run nor overtakes one (warming a page's pre-aggregates, say). */
	get ask(): Ask | null {
		return this.#ask;
	}

	/** From now on, ask this engine (the data set's page engine answers from kept results first). */
	attach(engine: Engine): void {
		this.#ask = asker(engine);
	}

	/** One client for one input; its model is applied unless a newer run overtook this one. */
	show<In, Q extends Queries, Model>(client: PageClient<In, Q, Model>, input: In, apply: (model: Model) => void): Promise<void> {
		return this.run((ask) => ask(client, input), apply);
	}

	/** Several clients composed (a page whose models need more than one client's results). */
	async run<T>(work: (ask: Ask) => Promise<T>, apply: (value: T) => void): Promise<void> {
		const ask = this.#ask;
		if (!ask) return;
		await this.#latest.run(() => work(ask), apply);
	}
}
