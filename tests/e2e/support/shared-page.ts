/**
 * The setup the page-by-page e2e files share: one built site, one Chromium page reused by every test
 * of the file (opened at the Overview, then sent from route to route), and a folder for what the
 * tests leave to look at (screenshots, PDFs). Call at the top of a test file: it registers its own
 * beforeAll / afterAll.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { WatchedPage } from '../../../scripts/harness/browser';
import { settled } from '../../../scripts/harness/pages';
import { startSite, type SiteUnderTest } from '../../../scripts/harness/site';

export interface Viewport {
	readonly width: number;
	readonly height: number;
}

/** The screens the pages are checked at: a desktop, a tablet and a phone (the design's 1440 and 390 px). */
export const DESKTOP: Viewport = { width: 1440, height: 900 };
export const TABLET: Viewport = { width: 768, height: 1024 };
export const PHONE: Viewport = { width: 390, height: 844 };

export interface SharedPage {
	/** tests/e2e/.artifacts/<name>, made before the tests run. */
	readonly artifacts: string;
	readonly site: SiteUnderTest;
	readonly w: WatchedPage;
	readonly page: Page;
	/** Sets the window's size when given, opens `route` and waits until the page has drawn what it will draw. */
	show(route: string, viewport?: Viewport): Promise<void>;
}

export function sharedPage(name: string, viewport?: Viewport): SharedPage {
	const artifacts = path.resolve('tests/e2e/.artifacts', name);
	let started: { site: SiteUnderTest; w: WatchedPage } | undefined;
	beforeAll(async () => {
		mkdirSync(artifacts, { recursive: true });
		const site = await startSite();
		started = { site, w: await site.open('/') };
		if (viewport) await started.w.page.setViewportSize(viewport);
	});
	afterAll(async () => {
		await started?.site.close();
	});
	const get = () => {
		if (!started) throw new Error(`the shared page of ${name} is used before its beforeAll ran`);
		return started;
	};
	return {
		artifacts,
		get site() {
			return get().site;
		},
		get w() {
			return get().w;
		},
		get page() {
			return get().w.page;
		},
		async show(route, size) {
			const { site, w } = get();
			if (size) await w.page.setViewportSize(size);
			await w.page.goto(new URL(route, site.origin).href);
			await settled(w.page);
		}
	};
}
