import { z } from 'zod';

/**
 * The recovery rules' thresholds, in one validated object: the page shows them, lets a
 * user change them, and every query builder takes them as parameters (never as SQL text).
 */
export const RecoverySettingsSchema = z
	.object({
		/** Baseline = this many weeks before each clinic's own go-live (go-live weeks -n..-1). */
		baselineWeeks: z.number().int().min(1).max(26).default(8),
		/** Productivity has recovered at this share of the clinic's baseline visits per provider-day... */
		productivityThreshold: z.number().min(0.5).max(1.5).default(0.95),
		/** ...held for this many consecutive weeks (the billing-lag rule uses the same run length). */
		recoveryWeeks: z.number().int().min(1).max(8).default(2),
		/** A claim is late when billed more than this many days after the visit; unbilled encounters older than this are the backlog. */
		lagThresholdDays: z.number().int().min(1).max(60).default(7),
		/**
		 * DNFB counts the encounters served within this many days before each week's end (and
		 * past the late threshold, the hold days) that have no claim yet (`$lib/sql/recovery/dnfb`).
		 */
		dnfbWindowDays: z.number().int().min(14).max(120).default(30),
		/** Billing lag has recovered when the week's median is at most this multiple of the baseline median. */
		lagRecoveryRatio: z.number().min(1).max(3).default(1.2),
		/**
		 * A service week enters billing measures once its last day is this many days before the
		 * export's last date: younger weeks still have claims on the way and would read short.
		 */
		maturityDays: z.number().int().min(0).max(90).default(14),
		/**
		 * Ticket stabilization (see `$lib/sql/recovery/stabilization`): a clinic's steady level is
		 * its mean weekly tickets over its last `steadyWeeks` complete weeks, all at or after week
		 * `steadyFrom` since go-live (else its peers' level)...
		 */
		steadyWeeks: z.number().int().min(2).max(12).default(8),
		steadyFrom: z.number().int().min(0).max(52).default(6),
		/** ...and a week is within it when its count is at most the level's upper limit at this many standard errors (count noise). */
		stabilizationZ: z.number().min(1).max(4).default(2.5),
		/** Stabilized after this many consecutive weeks within the rule. */
		stabilizationWeeks: z.number().int().min(1).max(8).default(2),
		/** Scorecard colours: recovered by this week is on track (green)... */
		targetWeek: z.number().int().min(0).max(52).default(6),
		/** ...later than this, or not at all after this many weeks live, is slow (red); between is amber. */
		slowAfterWeek: z.number().int().min(0).max(52).default(8),
		/** Window after go-live compared with peers and in the difference-in-differences. */
		postFrom: z.number().int().min(0).max(52).default(4),
		postTo: z.number().int().min(0).max(52).default(8)
	})
	.refine((s) => s.postFrom <= s.postTo, { message: 'the comparison window must run forwards', path: ['postTo'] })
	.refine((s) => s.targetWeek <= s.slowAfterWeek, { message: 'the target week cannot be after the slow week', path: ['slowAfterWeek'] });

export type RecoverySettings = z.infer<typeof RecoverySettingsSchema>;

export const DEFAULT_RECOVERY_SETTINGS: RecoverySettings = RecoverySettingsSchema.parse({});

/** Workflow areas whose unreconciled variances explain each slow recovery. */
export const RELATED_AREAS = {
	productivity: ['intake', 'documentation'],
	billing: ['charge_capture', 'billing']
} as const;

export type RecoveryMeasure = keyof typeof RELATED_AREAS;

/** What a rule says of a clinic's measure: the scorecard's statuses (shown by the scorecard and the Overview's watchlist). */
export type Status = 'on_track' | 'watch' | 'slow' | 'pending' | 'unknown';
