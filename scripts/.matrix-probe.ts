// Scratch (not committed): what resetting the matrix canvas's size costs in Chromium.
import { launchChromium } from './harness/browser';
import { serveStatic } from './harness/static-server';
const server = await serveStatic(process.argv[2]!);
const browser = await launchChromium();
try {
	const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await ctx.addInitScript('globalThis.__name = (f) => f;');
	const page = await ctx.newPage();
	await page.goto(`${server.origin}/attribution`);
	await page.waitForSelector('[data-chart="clinic-cause-matrix"][data-state="rendered"]', { timeout: 120_000 });
	await page.waitForTimeout(1000);
	const r = await page.evaluate(async () => {
		const c = document.querySelector('[data-chart="clinic-cause-matrix"] canvas') as HTMLCanvasElement;
		const frame = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
		const out: Record<string, number[]> = { same: [], resized: [], clear: [] };
		const w = c.width, h = c.height;
		for (let i = 0; i < 10; i++) {
			let t = performance.now();
			c.width = w; c.height = h; c.getContext('2d')!.fillRect(0, 0, 10, 10);
			out.same!.push(performance.now() - t);
			await frame();
			t = performance.now();
			c.width = w; c.height = h + (i % 2 ? 14 : -14); c.getContext('2d')!.fillRect(0, 0, 10, 10);
			out.resized!.push(performance.now() - t);
			await frame();
			t = performance.now();
			const g = c.getContext('2d')!; g.setTransform(1, 0, 0, 1, 0, 0); g.clearRect(0, 0, c.width, c.height); g.fillRect(0, 0, 10, 10);
			out.clear!.push(performance.now() - t);
			await frame();
		}
		return { size: [w, h], ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.sort((a, b) => a - b)[5]!.toFixed(2)])) };
	});
	console.log(r);
} finally {
	await browser.close();
	await server.close();
}
