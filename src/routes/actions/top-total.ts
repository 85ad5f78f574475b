import type { PlainRow } from '$lib/results/plain-rows';

const Z = 1.959964;

/**
 * The tickets the first actions would remove together, with a 95% interval: their sum, and the
 * square root of the sum of their variances (each read back from its own interval's upper half,
 * since the lower half may be cut at 0). Actions without a projection are left out.
 */
export function topTotal(rows: readonly PlainRow[]): { n: number; removed: number; low: number; high: number } | null {
	const usable = rows.filter((r) => typeof r.removed_ahead === 'number' && typeof r.removed_high === 'number');
	if (usable.length === 0) return null;
	const removed = usable.reduce((s, r) => s + Number(r.removed_ahead), 0);
	const variance = usable.reduce((s, r) => s + ((Number(r.removed_high) - Number(r.removed_ahead)) / Z) ** 2, 0);
	const half = Z * Math.sqrt(variance);
	return { n: usable.length, removed, low: Math.max(0, removed - half), high: removed + half };
}
