import { isoDate, weekday } from './calendar';
import type { Clinic } from './clinics';
import { DEFECT_DAY_WEIGHTS, type BuildDefect, type Outage } from './incidents';
import type { Random } from './random';
import { CONVERSION_AREAS, CONVERSION_TEXTS, EVIDENCE_TEXTS, HARDWARE_TEXTS, INTERFACE_TEXTS, OUTAGE_TEXT, ACCESS_TEXTS } from './ticket-text-causes';
import { AREA_LABELS, AREA_TEXTS, fill } from './ticket-text-areas';
import { accessPerUser, adoption, backgroundShape, conversionShape, hardwarePerUser, weekdayWeights, type TicketRates } from './ticket-rates';
import { trainingKey } from './training';
import type { User } from './users';
import { activeUntil, type Variance } from './variance';
import type { Area, Category, Cause } from './vocabulary';

/** A ticket before lifecycle fields and ids: what happened, to whom, and why. */
export interface TicketDraft {
	/** Seconds since day 0: day * 86400 + second of the day. */
	opened: number;
	clinic: number;
	reporter: User;
	category: Category;
	area: Area | null;
	cause: Cause;
	detail: string;
	text: string;
	/** Weeks since the clinic's go-live when opened. */
	week: number;
	/** Part of a shared incident, which the desk triages as urgent. */
	incident: boolean;
}

/** One clinic in one week: the unit every mechanism draws from. */
export interface WeekContext {
	clinic: Clinic;
	users: readonly User[];
	areaUsers: ReadonlyMap<Area, readonly User[]>;
	week: number;
	/** Workdays of the week inside the data window. */
	days: readonly number[];
}

export interface Mechanisms {
	rates: TicketRates;
	/** Multiplies access and hardware tickets (1 unless a mix changes it; mixes.ts). */
	otherPlanted: number;
	trainedFrom: ReadonlyMap<string, number>;
	variances: readonly Variance[];
	defects: readonly BuildDefect[];
	outages: readonly Outage[];
}

const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
	[7, 1],
	[8, 3],
	[9, 4],
	[10, 4],
	[11, 3],
	[12, 2],
	[13, 3],
	[14, 3],
	[15, 3],
	[16, 2],
	[17, 1.5],
	[18, 0.5]
];

function openingSecond(day: number, rng: Random, fromHour = 0): number {
	let hour = rng.weighted(HOUR_WEIGHTS);
	if (hour < fromHour) hour = fromHour + rng.int(0, 3);
	return day * 86_400 + hour * 3600 + rng.int(0, 3599);
}

function pickDay(days: readonly number[], weights: readonly number[], rng: Random): number {
	return rng.weighted(days.map((d) => [d, weights[weekday(d) - 1] ?? 1] as const));
}

type Draft = Omit<TicketDraft, 'opened' | 'clinic' | 'week' | 'incident'>;

/** Appends Poisson(`lambda` per full week, prorated to `days`) tickets spread over `days`. */
function emit(ctx: WeekContext, days: readonly number[], lambda: number, rng: Random, out: TicketDraft[], make: () => Draft, access = false): void {
	if (days.length === 0) return;
	const n = rng.poisson(lambda * (days.length / 5));
	const weights = weekdayWeights(ctx.week, access);
	for (let i = 0; i < n; i++) {
		const opened = openingSecond(pickDay(days, weights, rng), rng);
		out.push({ ...make(), opened, clinic: ctx.clinic.index, week: ctx.week, incident: false });
	}
}

const areaText = (area: Area, category: Category, rng: Random): string => {
	const texts = AREA_TEXTS[area];
	const pool = category === 'break_fix' ? texts.breakFix : category === 'build_request' ? texts.buildRequest : texts.howTo;
	return fill(rng.pick(pool), rng);
};

const evidence = (cause: Cause, rng: Random, area: Area | null, variance = ''): string =>
	rng
		.pick(EVIDENCE_TEXTS[cause])
		.replace('{area}', area === null ? 'the system' : AREA_LABELS[area])
		.replace('{variance}', variance.toLowerCase());

/** Tickets each user raises on their own: background, missed training, access, devices. */
export function userTickets(ctx: WeekContext, m: Mechanisms, rng: Random, out: TicketDraft[]): void {
	const { week } = ctx;
	const { rates } = m;
	const pre = week < 0;
	for (const user of ctx.users) {
		for (const area of user.areas) {
			const background = pre ? rates.preGoLive : rates.background * backgroundShape(week);
			emit(ctx, ctx.days, background, rng, out, () => {
				const category = rng.weighted([
					['how_to', rates.backgroundHowTo],
					['break_fix', 0.1],
					['build_request', 0.07],
					['other', 0.08]
				] as const);
				const text = category === 'other' ? evidence('unattributed', rng, area) : areaText(area, category, rng);
				const detail = pre ? 'pre-go-live question' : 'background: general go-live question';
				return { reporter: user, category, area: category === 'other' && rng.chance(0.5) ? null : area, cause: 'unattributed', detail, text };
			});
			if (pre) continue;
			const trainedFrom = m.trainedFrom.get(trainingKey(user.id, area)) ?? Number.POSITIVE_INFINITY;
			const untrainedDays = ctx.days.filter((d) => d < trainedFrom);
			const missedRate = (rates.missedTrainingMultiplier - 1) * rates.background * backgroundShape(week) * rates.backgroundHowTo;
			emit(ctx, untrainedDays, missedRate, rng, out, () => {
				const asOther = rng.chance(0.05);
				const when = Number.isFinite(trainedFrom) ? `completed ${isoDate(trainedFrom)}, after the ticket` : 'never completed';
				return {
					reporter: user,
					category: asOther ? 'other' : 'how_to',
					area,
					cause: 'missed_training',
					detail: `${user.id} untrained in ${area} (${when})`,
					text: asOther ? evidence('missed_training', rng, area) : areaText(area, 'how_to', rng)
				};
			});
		}
		emit(
			ctx,
			ctx.days,
			accessPerUser(week) * m.otherPlanted,
			rng,
			out,
			() => {
				const asOther = rng.chance(0.05);
				return {
					reporter: user,
					category: asOther ? 'other' : 'access',
					area: rng.chance(0.3) ? rng.pick(user.areas) : null,
					cause: 'access_provisioning',
					detail: week <= 0 ? 'go-live account provisioning' : 'new user or role change',
					text: asOther ? evidence('access_provisioning', rng, null) : rng.pick(ACCESS_TEXTS)
				};
			},
			true
		);
		emit(ctx, ctx.days, hardwarePerUser(week) * m.otherPlanted, rng, out, () => {
			const asOther = rng.chance(0.04);
			const text = asOther ? evidence('technical', rng, null) : fill(rng.pick(HARDWARE_TEXTS), rng);
			const frontline = user.role === 'front_desk' || user.role === 'medical_assistant';
			return { reporter: user, category: asOther ? 'other' : 'hardware', area: frontline && rng.chance(0.4) ? rng.pick(user.areas) : null, cause: 'technical', detail: 'hardware', text };
		});
	}
}

function reporterFor(ctx: WeekContext, area: Area, rng: Random): User {
	const pool = ctx.areaUsers.get(area);
	return pool !== undefined && pool.length > 0 ? rng.pick(pool) : rng.pick(ctx.users);
}

/** Tickets driven by the clinic's situation: variances, conversion, interfaces, incidents. */
export function clinicTickets(ctx: WeekContext, m: Mechanisms, rng: Random, out: TicketDraft[]): void {
	const { clinic, week } = ctx;
	const { rates } = m;
	if (week < 0) return;
	for (const v of m.variances) {
		if (v.clinic !== clinic.index) continue;
		const until = activeUntil(v);
		const days = ctx.days.filter((d) => d <= until);
		const areaUsers = ctx.areaUsers.get(v.area)?.length ?? 0;
		const rate = rates.varianceExtra * rates.background * backgroundShape(week) * areaUsers;
		emit(ctx, days, rate, rng, out, () => {
			const category = rng.weighted([
				['how_to', 0.5],
				['break_fix', 0.38],
				['build_request', 0.08],
				['other', 0.04]
			] as const);
			const text =
				category === 'other' ? evidence('workflow_variance', rng, v.area, v.description) : rng.chance(0.6) ? rng.pick(AREA_TEXTS[v.area].variance) : areaText(v.area, category, rng);
			return { reporter: reporterFor(ctx, v.area, rng), category, area: v.area, cause: 'workflow_variance', detail: `${v.status} ${v.area} variance: ${v.description}`, text };
		});
	}
	emit(ctx, ctx.days, rates.dataConversion * ctx.users.length * conversionShape(week), rng, out, () => {
		const area = rng.weighted(CONVERSION_AREAS);
		const asOther = rng.chance(0.06);
		const text = asOther ? evidence('data_conversion', rng, area) : rng.pick(CONVERSION_TEXTS[area] ?? ['Data did not convert from legacy system']);
		return { reporter: reporterFor(ctx, area, rng), category: asOther ? 'other' : 'data_conversion', area, cause: 'data_conversion', detail: `conversion week ${week}`, text };
	});
	const providers = clinic.physicians + clinic.apps;
	emit(ctx, ctx.days, rates.interfacePerProvider * providers * (0.4 + 0.6 * adoption(week)), rng, out, () => {
		const area = rng.weighted([
			['results', 0.6],
			['orders', 0.3],
			['billing', 0.1]
		] as const);
		return { reporter: reporterFor(ctx, area, rng), category: 'interface', area, cause: 'technical', detail: 'interface', text: rng.pick(INTERFACE_TEXTS) };
	});
	outageTickets(ctx, m.outages, rates.outagePerClinic, rng, out);
	defectTickets(ctx, m.defects, rng, out);
}

function outageTickets(ctx: WeekContext, outages: readonly Outage[], perClinic: number, rng: Random, out: TicketDraft[]): void {
	for (const outage of outages) {
		if (!ctx.days.includes(outage.day) || !outage.clinics.includes(ctx.clinic.index)) continue;
		const n = rng.poisson(perClinic);
		for (let i = 0; i < n; i++) {
			out.push({
				opened: openingSecond(outage.day, rng, 9),
				clinic: ctx.clinic.index,
				reporter: reporterFor(ctx, 'results', rng),
				category: 'interface',
				area: 'results',
				cause: 'technical',
				detail: `interface outage ${isoDate(outage.day)} at ${outage.site}`,
				text: OUTAGE_TEXT,
				week: ctx.week,
				incident: true
			});
		}
	}
}

function defectTickets(ctx: WeekContext, defects: readonly BuildDefect[], rng: Random, out: TicketDraft[]): void {
	for (const defect of defects) {
		if (!defect.clinics.includes(ctx.clinic.index)) continue;
		const areaUsers = ctx.areaUsers.get(defect.area)?.length ?? 0;
		for (const day of ctx.days) {
			if (day < defect.start || day > defect.end) continue;
			const n = rng.poisson(defect.perClinicDay ?? defect.perAreaUserDay * areaUsers * (DEFECT_DAY_WEIGHTS[day - defect.start] ?? 0));
			for (let i = 0; i < n; i++) {
				const category = rng.weighted([
					['break_fix', 0.72],
					['build_request', 0.2],
					['other', 0.08]
				] as const);
				out.push({
					opened: openingSecond(day, rng),
					clinic: ctx.clinic.index,
					reporter: reporterFor(ctx, defect.area, rng),
					category,
					area: defect.area,
					cause: 'build_defect',
					detail: `${defect.id} ${defect.area} incident ${isoDate(defect.start)}..${isoDate(defect.end)}`,
					text: category === 'other' ? evidence('build_defect', rng, defect.area) : rng.pick(defect.texts),
					week: ctx.week,
					incident: true
				});
			}
		}
	}
}
