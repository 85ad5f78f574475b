/**
 * The setup of the e2e files whose tests each open a page of their own (counting draws from a fresh
 * load): one built site and Chromium for the file, and a fresh page per test, opened and settled.
 * Call at the top of a test file: it registers its own beforeAll / afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import type { WatchedPage } from '../../../scripts/harness/browser';
import { settled } from '../../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../../scripts/harness/site';

export interface FreshPages {
	/** A fresh watched page at `route`, once `ready` is on it and the page has settled (its kept results or DuckDB answered). */
	open(route: string, ready: string): Promise<WatchedPage>;
}

export function freshPages(): FreshPages {
	let site: SiteUnderTest | undefined;
	beforeAll(async () => {
		site = await startSite();
	});
	afterAll(async () => {
		await site?.close();
	});
	return {
		async open(route, ready) {
			if (!site) throw new Error('freshPages().open runs inside a test, after beforeAll');
			const w = await site.open(route, ready, 120_000);
			await settled(w.page);
			return w;
		}
	};
}
