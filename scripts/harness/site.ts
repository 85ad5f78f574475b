import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openWatchedPage, type WatchedPage } from './browser';
import { serveStatic } from './static-server';

/** A built site on a plain static server and a Chromium to open it in: what every e2e test and site benchmark starts from. */
export interface SiteUnderTest {
	readonly origin: string;
	readonly browser: Browser;
	/** A fresh watched context at `route` (a path, or a link the site gave); with `ready`, once that selector is on the page. */
	open(route: string, ready?: string, timeout?: number): Promise<WatchedPage>;
	/** Closes Chromium, then the server. */
	close(): Promise<void>;
}

export async function startSite(root = 'build'): Promise<SiteUnderTest> {
	if (!existsSync(path.join(root, 'index.html'))) throw new Error(`No site in ${root}/: build it first (npm test and npm run bench run npm run build).`);
	const [server, browser] = await Promise.all([serveStatic(root), launchChromium()]);
	return {
		origin: server.origin,
		browser,
		async open(route, ready, timeout = 90_000) {
			const watched = await openWatchedPage(browser);
			await watched.page.goto(new URL(route, server.origin).href);
			if (ready) await watched.page.waitForSelector(ready, { timeout });
			return watched;
		},
		async close() {
			await browser.close();
			await server.close();
		}
	};
}
