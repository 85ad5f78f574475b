export interface RunStatus {
	busy: boolean;
	error: Error | null;
}

/**
 * Overlapping refreshes (a filter changed while the previous queries still run): only the
 * latest may touch the page. `run` sets busy and error on the status it was given and
 * drops the result, the error and the end of any run that a newer one has overtaken.
 */
export class LatestRun {
	#current = 0;
	readonly #status: RunStatus;

	constructor(status: RunStatus) {
		this.#status = status;
	}

	async run<T>(work: () => Promise<T>, apply: (value: T) => void): Promise<void> {
		const mine = ++this.#current;
		const latest = () => mine === this.#current;
		this.#status.busy = true;
		try {
			const value = await work();
			if (!latest()) return;
			apply(value);
			this.#status.error = null;
		} catch (error) {
			if (latest()) this.#status.error = error instanceof Error ? error : new Error(String(error));
		} finally {
			if (latest()) this.#status.busy = false;
		}
	}
}
