import { untrack } from 'svelte';
import { dataIdentity } from '$lib/data/identity';
import type { Engine } from '$lib/engine';
import { DEFAULT_FILTERS, type OverviewFilters } from '$lib/scope/filters';
import { isDefaultScope, sharedScope } from '$lib/scope/shared.svelte';
import type { LinkState } from '$lib/url-state/schema';
import { ViewLink } from '$lib/url-state/view-link.svelte';
import { afterPaint } from './after-paint';

/** What a page does with its link: the view-link lifecycle calls these. */
export interface LinkedView {
	/** Takes the view a link carries (missing parts are the defaults) and its scope; `refresh` shows it. */
	restore(state: LinkState, scope: OverviewFilters): void;
	/** Shows what `restore` took (after back/forward). */
	refresh(): unknown;
	/** Shows another scope (the chip cleared it, or another page changed it). */
	showScope(scope: OverviewFilters): void;
	/** The view's own part of its link, besides the scope. */
	view(): Omit<LinkState, 'v' | 'data' | 'scope'>;
}

/**
 * The link lifecycle every page shares: open the link → restore its view → start the page →
 * follow back and forward; and the one scope, taken from the link, given to the other pages
 * and written into each link. Create it while the page's component initializes (it watches
 * the shared scope for a clear).
 */
export class LinkedPage {
	readonly link = new ViewLink();
	opened = $state(false);
	readonly #page: LinkedView;
	/** Whether the page filters by the scope (its link then always records it). */
	readonly #scoped: boolean;
	/** The scope this page shows. */
	#shown: OverviewFilters = DEFAULT_FILTERS;

	constructor(page: LinkedView, options: { scoped: boolean }) {
		this.#page = page;
		this.#scoped = options.scoped;
		$effect(() => {
			const scope = sharedScope.current;
			untrack(() => {
				if (!this.opened || scope === this.#shown) return;
				this.#shown = scope;
				this.#page.showScope(scope);
				void this.save();
			});
		});
	}

	/** Opens the page's link on the data loaded, restores its view, then starts the page. */
	async open(engine: Engine, start: () => Promise<unknown>): Promise<void> {
		this.#take(await this.link.open(location.hash, await dataIdentity(engine)));
		this.opened = true;
		await start();
	}

	/**
	 * Back and forward move between views kept in the URL. Read location itself: SvelteKit's
	 * page.url keeps the page's URL across shallow history entries.
	 */
	follow(): void {
		if (!this.opened) return;
		void this.link.follow(location.hash).then((state) => {
			if (!state) return;
			this.#take(state);
			void this.#page.refresh();
		});
	}

	/**
	 * The page's filters changed: they become every page's scope at once, and the link records them
	 * once the change is painted (its deflate is then not part of the input's task). A page left in
	 * between does not write its view over the next page's URL.
	 */
	async changeScope(next: OverviewFilters): Promise<void> {
		sharedScope.set(next);
		this.#shown = sharedScope.current;
		const path = location.pathname;
		await afterPaint();
		if (location.pathname === path) await this.save();
	}

	/** Records the view (and the scope) in the URL. */
	save(): Promise<void> {
		const scope = sharedScope.current;
		return this.link.save({ ...(this.#scoped || !isDefaultScope(scope) ? { scope } : {}), ...this.#page.view() });
	}

	#take(state: LinkState): void {
		const scope = state.scope ?? DEFAULT_FILTERS;
		sharedScope.set(scope);
		this.#shown = sharedScope.current;
		this.#page.restore(state, scope);
	}
}
