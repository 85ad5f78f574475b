/**
 * The expected number of tickets an action removes over a window: the planted rates of the
 * mechanism it stops (ticket-sources.ts), summed over the window's workdays, without the
 * Poisson draw. A replay (replay.ts) gives one draw of the same quantity; this gives its mean,
 * which is what "the truly most effective actions" are ranked by.
 */
import { DEFECT_DAY_WEIGHTS } from './incidents';
import type { ReplayAction } from './replay';
import { backgroundShape, conversionShape } from './ticket-rates';
import { trainingKey } from './training';
import { activeUntil } from './variance';
import { DATA_END, isWorkday, workdaysOfWeek } from './timeline';
import type { World } from './world';

/** Per clinic week overlapping [from, to]: the week since go-live and its workdays inside the window. */
function weeksOf(goLive: number, from: number, to: number): { week: number; days: number[] }[] {
	const out: { week: number; days: number[] }[] = [];
	for (let week = Math.floor((from - goLive) / 7); goLive + 7 * week <= to; week++) {
		const days = workdaysOfWeek(goLive + 7 * week).filter((d) => d >= from && d <= to);
		if (days.length > 0) out.push({ week, days });
	}
	return out;
}

export function expectedRemoved(world: World, action: ReplayAction, windowDays: number): number {
	const from = action.day;
	const to = action.day + windowDays - 1;
	const r = world.rates;
	if (action.kind === 'fix_defect') {
		const defect = world.defects.find((d) => d.id === action.defectId);
		if (defect === undefined) return 0;
		let sum = 0;
		for (const c of defect.clinics) {
			const areaUsers = (world.byClinic[c] ?? []).filter((u) => u.areas.includes(defect.area)).length;
			for (let d = Math.max(from, defect.start); d <= Math.min(to, defect.end); d++) {
				if (isWorkday(d) && d <= DATA_END) sum += defect.perAreaUserDay * areaUsers * (DEFECT_DAY_WEIGHTS[d - defect.start] ?? 0);
			}
		}
		return sum;
	}
	const clinic = world.clinics.find((c) => c.id === action.clinicId);
	if (clinic === undefined) return 0;
	const users = world.byClinic[clinic.index] ?? [];
	let sum = 0;
	for (const { week, days } of weeksOf(clinic.goLive, from, to)) {
		if (week < 0) continue;
		const perDay = (lambda: number, n: number) => (lambda * n) / 5;
		if (action.kind === 'clean_conversion') {
			sum += perDay(r.dataConversion * users.length * conversionShape(week), days.length);
		} else if (action.kind === 'reconcile_variance') {
			const areaUsers = users.filter((u) => u.areas.includes(action.area)).length;
			for (const v of world.register.variances) {
				if (v.clinic !== clinic.index || v.area !== action.area) continue;
				const until = activeUntil(v);
				sum += perDay(r.varianceExtra * r.background * backgroundShape(week) * areaUsers, days.filter((d) => d <= until).length);
			}
		} else {
			const missed = (r.missedTrainingMultiplier - 1) * r.background * backgroundShape(week) * r.backgroundHowTo;
			for (const u of users) {
				if (!u.areas.includes(action.area)) continue;
				const trainedFrom = world.trainedFrom.get(trainingKey(u.id, action.area)) ?? Number.POSITIVE_INFINITY;
				sum += perDay(missed, days.filter((d) => d < trainedFrom).length);
			}
		}
	}
	return sum;
}
