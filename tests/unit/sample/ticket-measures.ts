import { dayNumber, median, mondayOf, weeksAfter, type Sample } from './sample-data';

/**
 * Planted ticket effects as an analyst would measure them from the tables alone,
 * without looking at the truth folder.
 */

interface Exposure {
	clinic: string;
	area: string;
	trainedFrom: number;
}

/** Last go-live week of a clinic that lies wholly inside the data. */
function lastFullWeek(sample: Sample, clinic: string): number {
	return weeksAfter(sample.end - 6, sample.goLive.get(clinic) ?? 0);
}

/** How-to tickets per user-area-week after go-live: untrained users versus trained ones. */
export function missedTrainingRatio(sample: Sample): { untrained: number; trained: number; ratio: number } {
	const exposures = new Map<string, Exposure>();
	for (const t of sample.training) {
		const trainedFrom = t.completed_on ? dayNumber(t.completed_on) : Number.POSITIVE_INFINITY;
		exposures.set(`${t.user_id}|${t.workflow_area}`, { clinic: t.clinic_id ?? '', area: t.workflow_area ?? '', trainedFrom });
	}
	const weeks = { trained: 0, untrained: 0 };
	for (const e of exposures.values()) {
		const goLive = sample.goLive.get(e.clinic) ?? 0;
		for (let w = 0; w <= lastFullWeek(sample, e.clinic); w++) {
			if (e.trainedFrom <= goLive + 7 * w) weeks.trained++;
			else weeks.untrained++;
		}
	}
	const tickets = { trained: 0, untrained: 0 };
	for (const t of sample.tickets) {
		if (t.category !== 'how_to') continue;
		const e = exposures.get(`${t.reporter_id}|${t.workflow_area}`);
		if (e === undefined) continue;
		const day = dayNumber(t.opened_at ?? '');
		const w = weeksAfter(day, sample.goLive.get(e.clinic) ?? 0);
		if (w < 0 || w > lastFullWeek(sample, e.clinic)) continue;
		if (e.trainedFrom <= day) tickets.trained++;
		else tickets.untrained++;
	}
	const untrained = tickets.untrained / weeks.untrained;
	const trained = tickets.trained / weeks.trained;
	return { untrained, trained, ratio: untrained / trained };
}

/** Tickets per clinic, area and go-live week (weeks >= 0), plus users per clinic and area. */
function areaWeekCounts(sample: Sample) {
	const users = new Map<string, number>();
	for (const t of sample.training) users.set(`${t.clinic_id}|${t.workflow_area}`, (users.get(`${t.clinic_id}|${t.workflow_area}`) ?? 0) + 1);
	const counts = new Map<string, number>();
	for (const t of sample.tickets) {
		if (!t.workflow_area) continue;
		const w = weeksAfter(dayNumber(t.opened_at ?? ''), sample.goLive.get(t.clinic_id ?? '') ?? 0);
		if (w < 0) continue;
		const key = `${t.clinic_id}|${t.workflow_area}|${w}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return {
		users: (clinic: string, area: string) => users.get(`${clinic}|${area}`) ?? 0,
		count: (clinic: string, area: string, week: number) => counts.get(`${clinic}|${area}|${week}`) ?? 0
	};
}

export interface VarianceEffect {
	clinic: string;
	area: string;
	actual: number;
	expected: number;
	ratio: number;
}

/**
 * For every unreconciled (clinic, area): its tickets in the area against what peers
 * without a variance there raise per area user on the same go-live weeks.
 */
export function varianceEffects(sample: Sample): VarianceEffect[] {
	const { users, count } = areaWeekCounts(sample);
	const active = new Set(
		sample.variance
			.filter((v) => v.status === 'unreconciled' || (v.status === 'reconciled' && dayNumber(v.reconciled_on ?? '') > (sample.goLive.get(v.clinic_id ?? '') ?? 0)))
			.map((v) => `${v.clinic_id}|${v.workflow_area}`)
	);
	const clinicIds = sample.clinics.map((c) => c.clinic_id ?? '');
	const peerRate = (area: string, week: number): number => {
		let tickets = 0;
		let people = 0;
		for (const c of clinicIds) {
			if (active.has(`${c}|${area}`) || week > lastFullWeek(sample, c)) continue;
			tickets += count(c, area, week);
			people += users(c, area);
		}
		return people === 0 ? 0 : tickets / people;
	};
	return sample.variance
		.filter((v) => v.status === 'unreconciled')
		.map((v) => {
			const clinic = v.clinic_id ?? '';
			const area = v.workflow_area ?? '';
			let actual = 0;
			let expected = 0;
			for (let w = 0; w <= lastFullWeek(sample, clinic); w++) {
				actual += count(clinic, area, w);
				expected += users(clinic, area) * peerRate(area, w);
			}
			return { clinic, area, actual, expected, ratio: actual / expected };
		});
}

export interface Spike {
	area: string;
	monday: number;
	clinics: string[];
}

/**
 * Calendar weeks in which many clinics spike in one area at once. A clinic-area-week
 * spikes when it has at least 3x the peer median rate for that go-live week (so go-live
 * surges, shared by a whole wave, do not count) and at least 5 tickets.
 */
export function simultaneousSpikes(sample: Sample): Spike[] {
	const { users, count } = areaWeekCounts(sample);
	const areas = [...new Set(sample.training.map((t) => t.workflow_area ?? ''))];
	const clinicIds = sample.clinics.map((c) => c.clinic_id ?? '');
	const byWeek = new Map<string, Spike>();
	for (const area of areas) {
		const maxWeek = Math.max(...clinicIds.map((c) => lastFullWeek(sample, c)));
		for (let w = 0; w <= maxWeek; w++) {
			const inWeek = clinicIds.filter((c) => w <= lastFullWeek(sample, c) && users(c, area) > 0);
			const peerMedian = median(inWeek.map((c) => count(c, area, w) / users(c, area)));
			for (const c of inWeek) {
				const n = count(c, area, w);
				if (n < 5 || n < 3 * peerMedian * users(c, area)) continue;
				const monday = (sample.goLive.get(c) ?? 0) + 7 * w;
				const key = `${area}|${monday}`;
				const spike = byWeek.get(key) ?? { area, monday, clinics: [] };
				spike.clinics.push(c);
				byWeek.set(key, spike);
			}
		}
	}
	return [...byWeek.values()].sort((a, b) => b.clinics.length - a.clinics.length);
}

/** Share of data_conversion tickets opened in go-live weeks 0-3. */
export function conversionEarlyShare(sample: Sample): number {
	let early = 0;
	let all = 0;
	for (const t of sample.tickets) {
		if (t.category !== 'data_conversion') continue;
		all++;
		const w = weeksAfter(dayNumber(t.opened_at ?? ''), sample.goLive.get(t.clinic_id ?? '') ?? 0);
		if (w >= 0 && w <= 3) early++;
	}
	return early / all;
}

/** Tickets opened per calendar week (Monday day number). */
export function ticketsPerWeek(sample: Sample): Map<number, number> {
	const weeks = new Map<number, number>();
	for (const t of sample.tickets) {
		const monday = mondayOf(dayNumber(t.opened_at ?? ''));
		weeks.set(monday, (weeks.get(monday) ?? 0) + 1);
	}
	return weeks;
}
