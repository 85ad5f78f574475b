/**
 * Accuracy of an attribution against the planted truth, as pure functions over plain rows.
 * Shares and accuracy are over the tickets of the truth file: a ticket the attribution
 * leaves out counts as attributed to nothing (and as a wrong top cause).
 */
import { ROOT_CAUSES } from '$lib/contract/vocabulary';

/** One row of `ticket_root_cause`. */
export interface AttributionRow {
	ticketId: string;
	cause: string;
	weight: number;
}

export interface CauseShare {
	cause: string;
	/** Shares of all tickets, 0..1. */
	truth: number;
	attributed: number;
}

export interface TicketScore {
	tickets: number;
	shares: CauseShare[];
	/** Total variation distance, ½ Σ |attributed − truth|, in percentage points. */
	tvdPp: number;
	/** The cause with the largest |attributed − truth|. */
	worst: CauseShare;
	/** Share of tickets whose highest-weight cause is the planted one. */
	topCauseAccuracy: number;
	/** Breaches of the view's contract (missing tickets, weights not summing to 1, unknown causes). */
	issues: string[];
}

const ORDER: ReadonlyMap<string, number> = new Map(ROOT_CAUSES.map((c, i) => [c, i]));
const rank = (cause: string): number => ORDER.get(cause) ?? ROOT_CAUSES.length;
const WEIGHT_TOLERANCE = 1e-6;

/** The highest-weight cause of a ticket; ties go to the cause earlier in the contract's order. */
export function topCause(weights: ReadonlyMap<string, number>): string | null {
	let best: string | null = null;
	let bestWeight = Number.NEGATIVE_INFINITY;
	for (const [cause, weight] of weights) {
		if (weight > bestWeight || (weight === bestWeight && best !== null && rank(cause) < rank(best))) {
			best = cause;
			bestWeight = weight;
		}
	}
	return best;
}

function issueList(counts: Map<string, number>, examples: Map<string, string>): string[] {
	return [...counts].map(([kind, n]) => `${n} ${kind} (e.g. ${examples.get(kind) ?? '?'})`);
}

/** Compares per-ticket weights with the planted cause of each ticket (`truth`: ticket id → cause). */
export function scoreTickets(truth: ReadonlyMap<string, string>, rows: readonly AttributionRow[]): TicketScore {
	const byTicket = new Map<string, Map<string, number>>();
	const issueCounts = new Map<string, number>();
	const examples = new Map<string, string>();
	const issue = (kind: string, example: string) => {
		issueCounts.set(kind, (issueCounts.get(kind) ?? 0) + 1);
		if (!examples.has(kind)) examples.set(kind, example);
	};
	for (const row of rows) {
		if (!ORDER.has(row.cause)) issue('rows with a cause outside the vocabulary', `${row.ticketId} ${row.cause}`);
		if (!(row.weight >= 0)) issue('rows with a negative or missing weight', `${row.ticketId} ${row.cause} ${row.weight}`);
		if (!truth.has(row.ticketId)) issue('rows for unknown tickets', row.ticketId);
		let weights = byTicket.get(row.ticketId);
		if (weights === undefined) byTicket.set(row.ticketId, (weights = new Map()));
		weights.set(row.cause, (weights.get(row.cause) ?? 0) + row.weight);
	}

	const truthCounts = new Map<string, number>();
	const attributed = new Map<string, number>();
	let correct = 0;
	for (const [ticketId, planted] of truth) {
		truthCounts.set(planted, (truthCounts.get(planted) ?? 0) + 1);
		const weights = byTicket.get(ticketId);
		if (weights === undefined) {
			issue('tickets without a row', ticketId);
			continue;
		}
		let sum = 0;
		for (const [cause, weight] of weights) {
			sum += weight;
			attributed.set(cause, (attributed.get(cause) ?? 0) + weight);
		}
		if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) issue('tickets whose weights do not sum to 1', `${ticketId} Σ=${sum}`);
		if (topCause(weights) === planted) correct++;
	}

	const n = truth.size;
	const causes = [...ROOT_CAUSES, ...[...new Set([...truthCounts.keys(), ...attributed.keys()])].filter((c) => !ORDER.has(c)).sort()];
	const shares = causes.map((cause) => ({
		cause,
		truth: n === 0 ? 0 : (truthCounts.get(cause) ?? 0) / n,
		attributed: n === 0 ? 0 : (attributed.get(cause) ?? 0) / n
	}));
	const gap = (s: CauseShare) => Math.abs(s.attributed - s.truth);
	const worst = shares.reduce((a, b) => (gap(b) > gap(a) ? b : a));
	return {
		tickets: n,
		shares,
		tvdPp: (100 * shares.reduce((sum, s) => sum + gap(s), 0)) / 2,
		worst,
		topCauseAccuracy: n === 0 ? 0 : correct / n,
		issues: issueList(issueCounts, examples)
	};
}

/** A (clinic, workflow area) pair, as `C07|orders`. */
export type PairKey = string;
export const pairKey = (clinicId: string, area: string): PairKey => `${clinicId}|${area}`;

/** An entry of planted.json's `workflowVariance`: a variance that raises tickets after go-live. */
export interface PlantedVariance {
	clinicId: string;
	area: string;
	status: string;
	raisesTicketsUntil: string | null;
}

export interface VarianceScore {
	/** Planted pairs (every variance that raises tickets after go-live), and how many were flagged. */
	planted: number;
	foundPlanted: number;
	/** Of those, the ones never reconciled, and how many were flagged. */
	unreconciled: number;
	foundUnreconciled: number;
	/** Planted pairs reconciled after go-live (they raise tickets until then), and how many were found. */
	reconciledLate: number;
	foundReconciledLate: number;
	/** Pairs flagged significant. */
	found: number;
	/** foundPlanted / planted (null without planted pairs). */
	recall: number | null;
	/** Flagged pairs that are planted / flagged (null when none flagged). */
	precision: number | null;
	missed: PairKey[];
	falsePositives: PairKey[];
}

/**
 * The planted pairs are the variances that raise tickets: those still unreconciled, and
 * those reconciled weeks after go-live (they raise tickets until then). Recall and
 * precision are over all of them; the two kinds are also counted apart.
 */
export function scoreVariances(planted: readonly PlantedVariance[], flagged: readonly PairKey[]): VarianceScore {
	const all = new Set(planted.map((v) => pairKey(v.clinicId, v.area)));
	const unreconciled = new Set(planted.filter((v) => v.status === 'unreconciled').map((v) => pairKey(v.clinicId, v.area)));
	const late = new Set([...all].filter((p) => !unreconciled.has(p)));
	const found = new Set(flagged);
	const hits = [...unreconciled].filter((p) => found.has(p));
	const lateHits = [...late].filter((p) => found.has(p));
	const falsePositives = [...found].filter((p) => !all.has(p)).sort();
	return {
		planted: all.size,
		foundPlanted: hits.length + lateHits.length,
		unreconciled: unreconciled.size,
		foundUnreconciled: hits.length,
		reconciledLate: late.size,
		foundReconciledLate: lateHits.length,
		found: found.size,
		recall: all.size === 0 ? null : (hits.length + lateHits.length) / all.size,
		precision: found.size === 0 ? null : (found.size - falsePositives.length) / found.size,
		missed: [...all].filter((p) => !found.has(p)).sort(),
		falsePositives
	};
}

/** Issue 21's targets; the share distance was 5 pp before it. */
export const TARGETS = { tvdPp: 1.5, topCause: 0.9, recall: 0.9, precision: 0.9, singleWaveRecall: 0.8, incidentPrecision: 0.8, falseFlagRate: 0.025 } as const;

export type Verdict = 'PASS' | 'FAIL' | 'n/a';

export function verdicts(tickets: TicketScore, variances: VarianceScore): { tvd: Verdict; recall: Verdict; precision: Verdict } {
	const atLeast = (value: number | null, target: number): Verdict => (value === null ? 'n/a' : value >= target ? 'PASS' : 'FAIL');
	return {
		tvd: tickets.tvdPp <= TARGETS.tvdPp ? 'PASS' : 'FAIL',
		recall: atLeast(variances.recall, TARGETS.recall),
		precision: atLeast(variances.precision, TARGETS.precision)
	};
}
