/**
 * Issue 21's benchmark figures beside the share and variance scores (metrics.ts): how the
 * build-defect incidents match the planted defects, and how often clinic-areas without a
 * ticket-raising variance test significant. Pure functions over plain rows.
 */
import type { PairKey } from './metrics';

/** An entry of planted.json's `buildDefects` (`singleWave` = the wave of a single-wave defect). */
export interface PlantedDefect {
	id: string;
	area: string;
	start: string;
	end: string;
	singleWave?: number;
}

/** A row of `attribution_incidents`. */
export interface FoundIncident {
	id: string;
	area: string;
	firstDay: string;
	lastDay: string;
}

export interface DefectScore {
	planted: number;
	singleWave: number;
	foundSingleWave: number;
	incidents: number;
	/** Incidents that match a planted defect (any kind). */
	trueIncidents: number;
	/** null when nothing of that kind was planted / found. */
	singleWaveRecall: number | null;
	precision: number | null;
	/** Incidents found when no defect was planted at all (else null). */
	falseInNoDefect: number | null;
	unmatched: string[];
}

const DAY = 86_400_000;
/** Tickets of a defect trail into the days after its planted end; a week either side still matches. */
const SLACK_DAYS = 7;

const overlaps = (d: PlantedDefect, i: FoundIncident): boolean =>
	d.area === i.area && Date.parse(i.firstDay) <= Date.parse(d.end) + SLACK_DAYS * DAY && Date.parse(i.lastDay) >= Date.parse(d.start) - SLACK_DAYS * DAY;

export function scoreDefects(planted: readonly PlantedDefect[], found: readonly FoundIncident[]): DefectScore {
	const single = planted.filter((d) => d.singleWave !== undefined);
	const foundSingle = single.filter((d) => found.some((i) => overlaps(d, i)));
	const matched = found.filter((i) => planted.some((d) => overlaps(d, i)));
	return {
		planted: planted.length,
		singleWave: single.length,
		foundSingleWave: foundSingle.length,
		incidents: found.length,
		trueIncidents: matched.length,
		singleWaveRecall: single.length === 0 ? null : foundSingle.length / single.length,
		precision: found.length === 0 ? null : matched.length / found.length,
		falseInNoDefect: planted.length === 0 ? found.length : null,
		unmatched: found.filter((i) => !matched.includes(i)).map((i) => i.id)
	};
}

/** One clinic-area's workflow tickets over its weeks since go-live, and what the attribution expected. */
export interface AreaTest {
	pair: PairKey;
	observed: number;
	expected: number;
	/** The attribution's own one-sided p-value for the clinic-area (null where it makes none). */
	pValue: number | null;
}

const Z = 1.959964;

/** One-sided level of the false-flag count. */
export const FALSE_FLAG_ALPHA = 0.025;

/** Byar's lower 95% bound of O/E above 1: the plain Poisson test, for attributions that report no p-value. */
export function byarFlags(observed: number, expected: number): boolean {
	if (observed <= 0 || !(expected > 0)) return false;
	return (observed * (1 - 1 / (9 * observed) - Z / (3 * Math.sqrt(observed))) ** 3) / expected > 1;
}

/** The variance rule's one-sided test at level 2.5%: the attribution's own p-value when it gives one. */
export const testFlags = (t: AreaTest): boolean => (t.pValue !== null && Number.isFinite(t.pValue) ? t.pValue < FALSE_FLAG_ALPHA : byarFlags(t.observed, t.expected));

export interface FalseFlagScore {
	/** Clinic-areas without a ticket-raising variance (with or without a silent register entry). */
	free: number;
	flagged: number;
	rate: number | null;
	/** The same among poorly trained clinics (stress mixes), and among silent register entries. */
	poorFree: number;
	poorFlagged: number;
	silent: number;
	silentFlagged: number;
}

export function scoreFalseFlags(tests: readonly AreaTest[], planted: ReadonlySet<PairKey>, poorClinics: ReadonlySet<string>, silent: ReadonlySet<PairKey>): FalseFlagScore {
	const free = tests.filter((t) => !planted.has(t.pair));
	const flagged = free.filter(testFlags);
	const poor = free.filter((t) => poorClinics.has(t.pair.split('|')[0] ?? ''));
	const silentTests = free.filter((t) => silent.has(t.pair));
	return {
		free: free.length,
		flagged: flagged.length,
		rate: free.length === 0 ? null : flagged.length / free.length,
		poorFree: poor.length,
		poorFlagged: poor.filter(testFlags).length,
		silent: silentTests.length,
		silentFlagged: silentTests.filter(testFlags).length
	};
}

/** Mean and worst of a figure over scenarios, skipping those where it does not apply. */
export function meanAndWorst(values: readonly (number | null)[], worse: 'low' | 'high'): { mean: number | null; worst: number | null; n: number } {
	const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (xs.length === 0) return { mean: null, worst: null, n: 0 };
	return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, worst: worse === 'low' ? Math.min(...xs) : Math.max(...xs), n: xs.length };
}
