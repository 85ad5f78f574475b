// Scratch (not committed): screenshots of /attribution's matrix at 1440 and 390 px, a print, hover and phone scroll.
import { launchChromium } from './harness/browser';
import { serveStatic } from './harness/static-server';
const [site, tag] = [process.argv[2]!, process.argv[3]!];
const out = '/tmp/matrix-notes/shots';
const server = await serveStatic(site);
const browser = await launchChromium();
try {
	for (const width of [1440, 390]) {
		const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, hasTouch: width < 600, isMobile: false });
		const page = await ctx.newPage();
		page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
		await page.goto(`${server.origin}/attribution`);
		await page.waitForSelector('[data-chart="clinic-cause-matrix"][data-state="rendered"]', { timeout: 120_000 });
		await page.waitForTimeout(1500);
		const fig = page.locator('[data-chart="clinic-cause-matrix"]');
		await fig.scrollIntoViewIfNeeded();
		await fig.screenshot({ path: `${out}/${tag}-matrix-${width}.png` });
		if (width === 1440) {
			await page.screenshot({ path: `${out}/${tag}-page-${width}.png`, fullPage: true });
			const canvas = page.locator('[data-chart="clinic-cause-matrix"] canvas').first();
			const box = (await canvas.boundingBox())!;
			await page.mouse.move(box.x + box.width * 0.4, box.y + 60);
			await page.waitForTimeout(300);
			await fig.screenshot({ path: `${out}/${tag}-hover-${width}.png` });
			await page.emulateMedia({ media: 'print' });
			await page.pdf({ path: `${out}/${tag}-print.pdf`, format: 'A4', landscape: true, printBackground: true });
		} else {
			await page.screenshot({ path: `${out}/${tag}-page-${width}.png`, fullPage: true });
		}
		await ctx.close();
	}
} finally {
	await browser.close();
	await server.close();
}
