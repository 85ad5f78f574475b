/**
 * How many tickets each mechanism raises, as rates per week on the clinic's go-live axis
 * (week 0 = go-live week). Tuned so a default run has ~30,000 tickets that peak in a
 * go-live week and settle to a low steady level after six to eight weeks.
 */
export const RATES = {
	/** Unattributed tickets per user per trained area per week, at the go-live peak. */
	background: 0.27,
	/** Background tickets per user-area-week in the two weeks before go-live (training environment). */
	preGoLive: 0.03,
	/** Share of background tickets that are how-to questions. */
	backgroundHowTo: 0.75,
	/** Untrained users ask how-to questions this many times as often as trained ones. */
	missedTrainingMultiplier: 3.5,
	/**
	 * Extra tickets per user of the area under an active variance, in units of the background
	 * rate. Peers also get training, conversion and technical tickets in the area, so the
	 * measured rate against peers comes out at ~2.5-3x.
	 */
	varianceExtra: 3.2,
	/** Conversion tickets per clinic user in go-live week. */
	dataConversion: 0.9,
	/** Interface tickets per provider per week at the peak. */
	interfacePerProvider: 0.2,
	/** Tickets per clinic on a site-wide interface outage day. */
	outagePerClinic: 2.5
} as const;

/** RATES as a mix sets them (mixes.ts). */
export type TicketRates = { readonly [K in keyof typeof RATES]: number };

/** Decay of go-live pressure: 1 in week 0, falling to a floor within ~6-8 weeks. */
export function adoption(week: number): number {
	if (week < 0) return 0;
	return 0.12 + 0.88 * Math.exp(-week / 2.3);
}

/** Background questions: a steady part plus the go-live surge. */
export function backgroundShape(week: number): number {
	return week < 0 ? 0 : 0.3 + 0.7 * adoption(week);
}

/** Converted data problems surface in the first month; a few stragglers later. */
const CONVERSION_BY_WEEK: readonly number[] = [1, 0.8, 0.55, 0.35, 0.1, 0.06, 0.04, 0.03, 0.02, 0.02];

export function conversionShape(week: number): number {
	return CONVERSION_BY_WEEK[week] ?? 0;
}

/** Access tickets per user: provisioning the week before, the login wave at go-live, then new hires. */
export function accessPerUser(week: number): number {
	if (week < -1) return 0;
	return [0.15, 0.8, 0.22, 0.08][week + 1] ?? 0.025;
}

/** Hardware tickets per user: devices set up before go-live, break on first use, then wear. */
export function hardwarePerUser(week: number): number {
	if (week < -1) return 0;
	return [0.1, 0.4, 0.16, 0.09][week + 1] ?? 0.045;
}

/** Relative weight of each weekday (Monday first) for tickets of a given week. */
export function weekdayWeights(week: number, access: boolean): readonly number[] {
	if (week !== 0) return [1.1, 1, 1, 1, 0.9];
	return access ? [3, 2, 1, 0.7, 0.5] : [1.5, 1.2, 1, 0.9, 0.7];
}
