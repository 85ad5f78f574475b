/**
 * Dates as whole UTC day numbers (days since 1970-01-01). Local-time Date arithmetic
 * would shift days across DST changes and make output depend on the machine's zone.
 */

const DAY_MS = 86_400_000;

export function dayOf(isoDate: string): number {
	const [y, m, d] = isoDate.split('-').map(Number);
	if (y === undefined || m === undefined || d === undefined) throw new Error(`not a date: ${isoDate}`);
	return Date.UTC(y, m - 1, d) / DAY_MS;
}

// Formatting is the hot path of billing (three dates per encounter), so texts are cached.
const textCache = new Map<number, string>();

export function isoDate(day: number): string {
	let text = textCache.get(day);
	if (text === undefined) {
		text = new Date(day * DAY_MS).toISOString().slice(0, 10);
		textCache.set(day, text);
	}
	return text;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD HH:MM:SS` wall-clock text of a day plus seconds into that day. */
export function timestamp(day: number, secondOfDay: number): string {
	const extraDays = Math.floor(secondOfDay / 86_400);
	const s = secondOfDay - extraDays * 86_400;
	const hh = Math.floor(s / 3600);
	const mm = Math.floor((s % 3600) / 60);
	return `${isoDate(day + extraDays)} ${pad2(hh)}:${pad2(mm)}:${pad2(Math.floor(s % 60))}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (day 0 was a Thursday). */
export function weekday(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Whole weeks since `start` (a Monday): week 0 is the week that starts on it. */
export function weeksSince(day: number, start: number): number {
	return Math.floor((day - start) / 7);
}
