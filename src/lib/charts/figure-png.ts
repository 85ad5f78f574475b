/**
 * A figure drawn on a canvas of its own (the Recovery small multiples, the Overview heatmap) as a
 * PNG that says what it shows away from the page: the title and the note above it (wrapped, never
 * cut), on white, at twice the pixels for sharp print.
 */
export interface FigurePng {
	readonly title: string;
	/** The note or caption said under the title. */
	readonly words: string;
	readonly width: number;
	readonly height: number;
	readonly measure: (text: string, size: number) => number;
	/** Draws the figure with its origin at its top left. */
	readonly draw: (ctx: CanvasRenderingContext2D) => void;
}

export function figurePng({ title, words, width, height, measure, draw }: FigurePng): string {
	const lines: string[] = [];
	for (const word of words.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)) {
		const last = lines.at(-1);
		if (last !== undefined && measure(`${last} ${word}`, 12) <= width - 32) lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	const header = 40 + lines.length * 16;
	const out = document.createElement('canvas');
	out.width = Math.round(width * 2);
	out.height = Math.round((height + header) * 2);
	const ctx = out.getContext('2d');
	if (!ctx) return '';
	ctx.setTransform(2, 0, 0, 2, 0, 0);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height + header);
	ctx.fillStyle = '#1c2430';
	ctx.textBaseline = 'top';
	ctx.font = 'bold 15px sans-serif';
	ctx.fillText(title, 16, 10);
	ctx.font = '12px sans-serif';
	ctx.fillStyle = '#5b6675';
	lines.forEach((line, i) => ctx.fillText(line, 16, 32 + i * 16));
	ctx.translate(0, header);
	draw(ctx);
	return out.toDataURL('image/png');
}
