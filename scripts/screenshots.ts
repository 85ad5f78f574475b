/**
 * `npm run screenshots`: the README's pictures of Overview, Root causes and Recovery, taken from the
 * built site (`build/`, made by `npm run build`; this script builds nothing) on the e2e tests' plain
 * static server, in Debian Chromium at 1440 px wide. Writes docs/images/<page>.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './harness/browser';
import { serveStatic } from './harness/static-server';

const SITE = 'build';
const OUT = 'docs/images';
const VIEWPORT = { width: 1440, height: 1100 };

const PAGES = [
	{ file: 'overview.png', route: '/', title: 'Overview' },
	{ file: 'root-causes.png', route: '/attribution', title: 'Root causes' },
	{ file: 'recovery.png', route: '/recovery', title: 'Recovery' }
] as const;

/** Every chart drawn from DuckDB's answers, nothing still measuring, the page no longer busy (the overview past its build-time first view). */
async function settled(page: import('playwright-core').Page, route: string): Promise<void> {
	if (route === '/') await page.waitForFunction(() => performance.getEntriesByName('hypercare:overview-live').length > 0, undefined, { timeout: 120_000 });
	await page.waitForSelector('.results[data-busy="false"]', { timeout: 180_000 });
	await page.waitForFunction(
		() => {
			const charts = [...document.querySelectorAll('[data-chart]')];
			return charts.length > 0 && charts.every((c) => c.getAttribute('data-state') === 'rendered');
		},
		undefined,
		{ timeout: 180_000 }
	);
	// Recovery's scorecard fills in its root-cause column once the attribution is built.
	await page.waitForFunction(() => !document.body.innerText.includes('measuring…'), undefined, { timeout: 180_000 });
	await page.evaluate(() => document.fonts.ready);
}

async function main(): Promise<void> {
	if (!existsSync(path.join(SITE, 'index.html'))) throw new Error(`No site in ${SITE}/: run npm run build first.`);
	mkdirSync(OUT, { recursive: true });
	const [server, browser] = await Promise.all([serveStatic(SITE), launchChromium()]);
	try {
		for (const { file, route, title } of PAGES) {
			const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
			const page = await context.newPage();
			await page.goto(new URL(route, server.origin).href);
			await settled(page, route);
			const out = path.join(OUT, file);
			await page.screenshot({ path: out, fullPage: false });
			console.log(`${title}: ${out}`);
			await context.close();
		}
	} finally {
		await browser.close();
		await server.close();
	}
}

await main();
