import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; flags keep it off the network. */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']
	});
}

export interface WatchedPage {
	readonly page: Page;
	readonly context: BrowserContext;
	/** Every URL the page requested (documents, scripts, workers, fetches). */
	readonly requests: string[];
	/** Console errors and uncaught exceptions (CSP violations are reported as console errors). */
	readonly errors: string[];
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const requests: string[] = [];
	const errors: string[] = [];
	context.on('request', (request) => requests.push(request.url()));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
	return { page, context, requests, errors };
}

/** Requests that went anywhere but the site's own origin (data: and blob: stay in the browser). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
	return requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
}
