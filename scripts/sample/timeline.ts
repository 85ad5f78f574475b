import { dayOf, weekday } from './calendar';

/** The simulated calendar: eight weeks of baseline, three Monday waves, sixteen weeks after the last. */
export const DATA_START = dayOf('2026-01-05');
export const DATA_END = dayOf('2026-08-16');

export const WAVE_GO_LIVES = [dayOf('2026-03-02'), dayOf('2026-03-30'), dayOf('2026-04-27')] as const;

/** Clinic holidays: no visits and no tickets. July 4 falls on a Saturday, so it is observed on Friday 3rd. */
export const HOLIDAYS: ReadonlySet<number> = new Set(['2026-01-19', '2026-02-16', '2026-05-25', '2026-07-03'].map(dayOf));

export function isWorkday(day: number): boolean {
	return weekday(day) <= 5 && !HOLIDAYS.has(day);
}

/** Back-office work (charge posting, claim submission) lands on the next weekday. */
export function nextWeekday(day: number): number {
	const wd = weekday(day);
	return wd === 6 ? day + 2 : wd === 7 ? day + 1 : day;
}

/** Clinic workdays of the week starting `monday`, within the data window. */
export function workdaysOfWeek(monday: number): number[] {
	const days: number[] = [];
	for (let d = monday; d < monday + 5; d++) if (d >= DATA_START && d <= DATA_END && isWorkday(d)) days.push(d);
	return days;
}
