import type { TimeAxis } from '$lib/scope/filters';

const DAY_MS = 86_400_000;

/** A bucket key as people read it: the week's Monday, or the week relative to go-live. */
export function bucketLabel(axis: TimeAxis, k: number): string {
	if (axis === 'go_live') return k === 0 ? 'go-live' : k > 0 ? `+${k}` : String(k);
	return new Date(k * DAY_MS).toISOString().slice(0, 10);
}

/** Every bucket from the first to the last key, so that empty weeks show as such. */
export function fillBuckets(axis: TimeAxis, keys: Iterable<number | null>): number[] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const k of keys) {
		if (k === null) continue;
		lo = Math.min(lo, k);
		hi = Math.max(hi, k);
	}
	if (lo > hi) return [];
	const step = axis === 'calendar' ? 7 : 1;
	const out: number[] = [];
	for (let k = lo; k <= hi; k += step) out.push(k);
	return out;
}

export function axisTitle(axis: TimeAxis): string {
	return axis === 'calendar' ? 'Week (Monday)' : 'Weeks since the clinic’s go-live';
}
