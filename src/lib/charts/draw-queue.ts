/**
 * When a chart's new option is drawn (Chart.svelte): a filter change reaches every chart of a page,
 * and each ECharts update (layout and a software canvas paint) costs a few to tens of ms. The charts
 * the user can see are drawn in the input's task, so the frame after the input shows them current;
 * the ones out of view are drawn once that frame is painted, as many per frame as fit in a budget (one
 * at least), so that no frame waits for every chart at once. A chart never shows its old scope where it can be seen:
 * - before the input's frame is painted (its animation-frame callback, after the change laid the page
 *   out again), every waiting chart that the change moved into view is drawn;
 * - a scroll or a resize draws the waiting charts it brings into view before that frame is painted;
 * - printing draws every waiting chart first, and a hidden page (nothing seen, no frames) draws at once.
 * A waiting chart says so (`data-state="pending"` on its figure), so tests and the bench wait for it;
 * its data table and notes are the page's markup, current at once.
 */

/** Charts reported out of the viewport by the last intersection observation. */
const outOfView = new WeakSet<Element>();
/** Waiting draws by chart container, in the order they were asked. */
const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;
let frameAsked = false;
let listening = false;

/** Starts following whether a chart's container is in view; returns the stop. */
export function watchInView(container: Element): () => void {
	if (typeof IntersectionObserver === 'undefined') return () => {};
	observer ??= new IntersectionObserver((entries) => {
		for (const e of entries) {
			if (e.isIntersecting) outOfView.delete(e.target);
			else outOfView.add(e.target);
		}
	});
	observer.observe(container);
	return () => {
		observer?.unobserve(container);
		outOfView.delete(container);
		waiting.delete(container);
	};
}

function inViewNow(container: Element): boolean {
	const r = container.getBoundingClientRect();
	return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth && r.height > 0;
}

function run(container: Element): void {
	const draw = waiting.get(container);
	waiting.delete(container);
	draw?.();
}

/** Draws every waiting chart now in the viewport (the page laid out as it is now). */
function drawInView(): void {
	for (const container of [...waiting.keys()]) if (inViewNow(container)) run(container);
	if (waiting.size === 0) stopListening();
}

/** Whether a chart's new option waits for its draw (which also sizes its canvas). */
export const isWaiting = (container: Element): boolean => waiting.has(container);

export function drawAllWaiting(): void {
	for (const container of [...waiting.keys()]) run(container);
	stopListening();
}

const onScroll = () => drawInView();

function startListening(): void {
	if (listening) return;
	listening = true;
	window.addEventListener('scroll', onScroll, { capture: true, passive: true });
	window.addEventListener('resize', onScroll, { passive: true });
	window.addEventListener('beforeprint', drawAllWaiting);
}

function stopListening(): void {
	if (!listening) return;
	listening = false;
	window.removeEventListener('scroll', onScroll, { capture: true });
	window.removeEventListener('resize', onScroll);
	window.removeEventListener('beforeprint', drawAllWaiting);
}

/**
 * Time a task after a frame spends on waiting charts before it lets the next frame come (one chart at least):
 * under the 50 ms of a long task (what delays the next input), and long enough that a page's few charts are
 * drawn in one or two tasks, not one per frame: on a loaded machine a frame each made 'every chart drawn' 2-3x slower.
 */
const BUDGET_MS = 40;

/** Before the next frame is painted: the charts now in view; after it is painted, the others while the budget lasts; then again. */
function askFrame(): void {
	if (frameAsked) return;
	frameAsked = true;
	requestAnimationFrame(() => {
		frameAsked = false;
		drawInView();
		if (waiting.size === 0) return;
		// A timer set in a frame's callback runs once that frame is painted.
		// No layout is read there: a chart brought into view since was drawn by the scroll, and the next
		// frame's callback looks again before that frame is painted.
		setTimeout(() => {
			const start = performance.now();
			for (let next = waiting.keys().next(); !next.done; next = waiting.keys().next()) {
				run(next.value);
				if (performance.now() - start >= BUDGET_MS) break;
			}
			if (waiting.size > 0) askFrame();
			else stopListening();
		}, 0);
	});
}

/**
 * Draws a chart's new option now if it may be seen, else in a frame after this one (see above).
 * `first`: the chart's first drawing, always at once (the page's first view is not changed by this).
 * Returns the cancel, for a newer option that replaces this one before it is drawn.
 */
export function drawWhenSeen(container: Element, draw: () => void, first: boolean): () => void {
	waiting.delete(container);
	const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
	if (first || hidden || !outOfView.has(container)) {
		draw();
		return () => {};
	}
	waiting.set(container, draw);
	startListening();
	askFrame();
	return () => {
		if (waiting.get(container) === draw) waiting.delete(container);
	};
}
