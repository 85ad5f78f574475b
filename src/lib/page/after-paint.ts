/**
 * Resolves once the frame after now has been painted (its animation frame, then a task): for work a
 * change needs done but the user need not wait for, such as deflating the view into the link, so
 * that it is not part of the input's task. A page that paints no frame (hidden) resolves after `wait` ms.
 */
export function afterPaint(wait = 100): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, wait);
		requestAnimationFrame(() =>
			setTimeout(() => {
				clearTimeout(timer);
				resolve();
			}, 0)
		);
	});
}
