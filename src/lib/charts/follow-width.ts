/**
 * The width a canvas chart lays itself out at: its frame's, now and after every resize to another
 * width (a frame hidden, width 0, keeps the last drawing). Returns what stops following it.
 */
export function followWidth(frame: HTMLElement, set: (width: number) => void): () => void {
	let width = frame.clientWidth;
	set(width);
	const resize = new ResizeObserver(() => {
		if (frame.clientWidth !== width && frame.clientWidth > 0) set((width = frame.clientWidth));
	});
	resize.observe(frame);
	return () => resize.disconnect();
}
