import { aggregationOf, yColumns, type Aggregation, type ChartMapping } from '$lib/console/view';

/**
 * Cells of a console chart (one per series and x category) and how the rows falling in each are
 * combined. With "none" a cell takes one row: rows sharing one are refused (the caller says so)
 * rather than added up unseen.
 */
export class Cells {
	readonly #sum: Float64Array;
	/** Rows with a value, and rows at all (a NULL value still makes a cell repeat). */
	readonly #values: Uint32Array;
	readonly #rows: Uint32Array;

	constructor(
		readonly series: number,
		readonly xs: number
	) {
		this.#sum = new Float64Array(series * xs);
		this.#values = new Uint32Array(series * xs);
		this.#rows = new Uint32Array(series * xs);
	}

	add(s: number, x: number, value: number | null): void {
		const i = s * this.xs + x;
		this.#rows[i] = (this.#rows[i] ?? 0) + 1;
		if (value === null) return;
		this.#sum[i] = (this.#sum[i] ?? 0) + value;
		this.#values[i] = (this.#values[i] ?? 0) + 1;
	}

	/** How many cells hold more than one row, and the most rows one holds. */
	repeats(): { cells: number; most: number } {
		let cells = 0;
		let most = 0;
		for (const n of this.#rows) {
			if (n > 1) cells++;
			most = Math.max(most, n);
		}
		return { cells, most };
	}

	/** The cell's value under an aggregation; null where no row (or, but for count, no value) fell. */
	value(s: number, x: number, agg: Aggregation): number | null {
		const i = s * this.xs + x;
		const rows = this.#rows[i] ?? 0;
		const values = this.#values[i] ?? 0;
		if (agg === 'count') return rows === 0 ? null : values;
		if (values === 0) return null;
		const sum = this.#sum[i] ?? 0;
		return round(agg === 'avg' ? sum / values : sum);
	}
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

const WORDS: Record<Exclude<Aggregation, 'none'>, string> = { sum: 'sum of', avg: 'average of', count: 'count of' };

/** A y column as the chart shows it: "sum of tickets" (the aggregation said, every time). */
export const measureName = (column: string, agg: Aggregation) => (agg === 'none' ? column : `${WORDS[agg]} ${column}`);

/**
 * The chart's title, stating what is drawn and how rows were combined: "sum of tickets by
 * clinic_name, per category"; "tickets, backlog by week (each row as it is)".
 */
export function chartTitle(m: ChartMapping): string {
	const agg = m.kind === 'scatter' ? 'none' : aggregationOf(m);
	const ys = (m.kind === 'heatmap' ? [m.y] : yColumns(m)).map((y) => measureName(y, agg)).join(', ');
	const by = m.kind === 'heatmap' ? `by ${m.x} and ${m.series ?? '…'}` : `by ${m.x}${m.series ? `, per ${m.series}` : ''}`;
	const how = m.kind === 'scatter' ? ' (one point per row)' : agg === 'none' ? ' (each row as it is, not aggregated)' : '';
	return `${ys} ${by}${how}`;
}

/** Why a chart with aggregation "none" is not drawn when x repeats. */
export function repeatMessage(m: ChartMapping, repeats: { cells: number; most: number }, what: string): string {
	return `${what} repeats: ${repeats.cells.toLocaleString('en-US')} value${repeats.cells === 1 ? '' : 's'} of "${m.x}"${m.series ? ` and "${m.series}"` : ''} have more than one row (up to ${repeats.most.toLocaleString('en-US')}), and "none" draws each row as it is. Choose sum, avg or count to combine them, or aggregate in SQL.`;
}
