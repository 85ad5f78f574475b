/**
 * A filter change timed as a user sees it: from the input event on a control of the filter bar
 * (a site checkbox, a clinic in the list, the from-date, the axis) to the last change the page
 * makes to its content, once the page is complete and idle again (no chart pending, nothing
 * data-busy, no loading message) and has stayed so for QUIET_MS. Nothing requires the page to
 * go busy first: a change computed in the page in the same task never marks itself busy, and
 * one that changes nothing costs the frame after the input. Needs the ready probe (page-probe.ts).
 */
import type { Page } from 'playwright-core';

export const FILTER_KINDS = ['site', 'clinic', 'date', 'axis'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/** Quiet time that ends a change: a page that is idle this long with no mutation is done. */
const QUIET_MS = 300;
const GIVE_UP_MS = 300_000;

/**
 * One input on the given control, toggled: odd and even repetitions go one way and back, so an
 * even number leaves the filters as they were. Returns ms until every chart is drawn, or NaN when
 * the control is absent or disabled, or the page never settles.
 */
export async function timeFilterChange(page: Page, kind: FilterKind, rep: number): Promise<number> {
	return (await timeFilterChangeParts(page, kind, rep)).all;
}

/**
 * The same change, timed twice: `all` until the page's last change (every chart drawn), and
 * `visible` until its last change outside the charts out of the viewport once it settled (the
 * charts a user sees drawn: Chart.svelte draws the others in the frames after the input's).
 */
export async function timeFilterChangeParts(page: Page, kind: FilterKind, rep: number): Promise<{ all: number; visible: number }> {
	return page.evaluate(
		async ([kind, rep, quietMs, giveUpMs]) => {
			const bench = (window as unknown as { __hcBench: { why(route: string): string; norm(p: string): string } }).__hcBench;
			const main = document.querySelector('main');
			if (!main) return { all: NaN, visible: NaN };
			const route = bench.norm(location.pathname);
			const forward = rep % 2 === 0;
			const change = (el: HTMLElement) => el.dispatchEvent(new Event('change', { bubbles: true }));
			let act: (() => void) | null = null;
			if (kind === 'site') {
				const box = main.querySelector<HTMLInputElement>('input[name="site"]:not(:disabled)');
				if (box) act = () => box.click();
			} else if (kind === 'clinic') {
				const select = main.querySelector<HTMLSelectElement>('select[name="clinics"]:not(:disabled)');
				const option = select?.options[0];
				if (select && option)
					act = () => {
						option.selected = forward;
						change(select);
					};
			} else if (kind === 'date') {
				const input = main.querySelector<HTMLInputElement>('input[name="from"]:not(:disabled)');
				const [min, max] = [input?.min, input?.max].map((d) => (d ? Date.parse(d) : NaN));
				if (input && Number.isFinite(min) && Number.isFinite(max)) {
					// The middle of the data's span: about half of the weeks drop out.
					const middle = new Date(((min as number) + (max as number)) / 2).toISOString().slice(0, 10);
					act = () => {
						input.value = forward ? middle : '';
						change(input);
					};
				}
			} else {
				const radio = main.querySelector<HTMLInputElement>(`input[name="axis"][value="${forward ? 'go_live' : 'calendar'}"]:not(:disabled)`);
				if (radio) act = () => radio.click();
			}
			if (!act) return { all: NaN, visible: NaN };
			let last = -1;
			const batches: { at: number; targets: Node[] }[] = [];
			const observer = new MutationObserver((records) => {
				last = performance.now();
				batches.push({ at: last, targets: records.map((r) => r.target) });
			});
			observer.observe(main, { subtree: true, childList: true, attributes: true, characterData: true });
			const start = performance.now();
			act();
			// With no mutation at all, the change is done at the next frame.
			const frame = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
			const end = await new Promise<number>((resolve) => {
				const poll = () => {
					const now = performance.now();
					if (now - start > giveUpMs) return resolve(NaN);
					const idleSince = Math.max(last, frame);
					if (bench.why(route) === '' && now - idleSince >= quietMs) return resolve(last < 0 ? frame : last);
					setTimeout(poll, 10);
				};
				poll();
			});
			observer.disconnect();
			if (!Number.isFinite(end)) return { all: NaN, visible: NaN };
			// Charts out of the viewport as the page settled: what they changed is not seen at once.
			const unseen = [...main.querySelectorAll('figure[data-chart]')].filter((f) => {
				const r = f.getBoundingClientRect();
				return r.bottom <= 0 || r.top >= innerHeight || r.height === 0;
			});
			const seen = (n: Node) => !unseen.some((f) => f.contains(n));
			const visibleLast = batches.filter((b) => b.targets.some(seen)).reduce((m, b) => Math.max(m, b.at), -1);
			return { all: end - start, visible: (visibleLast < 0 ? frame : visibleLast) - start };
		},
		[kind, rep, QUIET_MS, GIVE_UP_MS] as const
	);
}

/** p-th percentile (0–100) by the nearest-rank method, over the finite values. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
