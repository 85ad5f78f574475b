/**
 * A canvas made ready to draw a figure of `width` × `height` CSS pixels at the screen's pixel ratio
 * (sharp on a high-DPI screen), for the figures drawn on a canvas of their own (charts/xy, the heatmaps).
 * Setting a canvas's size, even to the same, allocates its pixels again (about 3 ms for the matrix's):
 * only when the size changes; otherwise the last drawing is cleared (about 0.1 ms).
 */
export function canvasContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
	const ratio = window.devicePixelRatio || 1;
	const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
	const resized = canvas.width !== w || canvas.height !== h;
	if (resized) [canvas.width, canvas.height] = [w, h];
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	ctx.setTransform(1, 0, 0, 1, 0, 0);
	if (!resized) ctx.clearRect(0, 0, w, h);
	ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
	return ctx;
}
