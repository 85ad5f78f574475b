/**
 * The attribution's tunable rules, in one place so that the page can show them and a
 * reader can reproduce every figure in the SQL console.
 */
export const ATTRIBUTION_SETTINGS = {
	/** Two-sided 95% normal quantile for the confidence intervals. */
	z: 1.959964,
	/** Week bands since go-live used as strata for the training effect (lower bounds). */
	weekBands: [0, 2, 4, 8, 12],
	/** A clinic-area-week is a defect spike when break-fix/build tickets reach this count... */
	spikeMinTickets: 4,
	/** ...and this multiple of what peers at the same go-live week would lead one to expect. */
	spikeMinRatio: 3,
	/** A build-defect incident: spikes in one area, in the same calendar week, in at least this many clinics... */
	incidentMinClinics: 5,
	/** ...or this share of the clinics live that week, whichever is larger... */
	incidentMinShare: 0.2,
	/**
	 * ...in clinics of at least this many go-live waves: spikes in the clinics of one wave
	 * only are that wave's go-live, not a defect of the shared build.
	 */
	incidentMinWaves: 2,
	/**
	 * Single-wave rule: one wave's tickets in one area against the wave's other weeks and its
	 * other areas (a multiplicative area x week model within the wave; single-wave.ts). Cells
	 * whose z against the model fitted without them reaches this are set to their expected
	 * count before runs are tested, so that they raise no other cell's baseline.
	 */
	singleWaveScreenZ: 2,
	/** Runs of 1 to this many consecutive weeks of an area are tested (a defect lasts some weeks). */
	singleWaveMaxRun: 3,
	/**
	 * A run is a defect when its one-sided p is at most this over the number of runs tested
	 * (Bonferroni: at most a 5% chance of any false incident in a rollout)...
	 */
	singleWaveFamilyError: 0.05,
	/** ...observed is at least this multiple of the expected count, by both comparisons... */
	singleWaveMinRatio: 2,
	/** ...and the excess is at least this many tickets per clinic of the wave and week (and at least `spikeMinTickets`). */
	singleWaveMinExcessPerClinic: 0.5,
	/** False discovery rate of the variance list (Benjamini-Hochberg over the registered variances). */
	varianceFdr: 0.05,
	/** Per-area training rate ratios replace the pooled one when Cochran's Q across areas has p below this. */
	heterogeneityAlpha: 0.05,
	/** The least enrichment a description word can have for a cause (a word common in the baseline and absent from the cause's tickets). */
	wordMinEnrichment: 0.01,
	/** Newton steps that place a clinic-area's weight per cause on its tickets by their words (then rescaled exactly). */
	wordWeightSteps: 8
} as const;

export type AttributionSettings = typeof ATTRIBUTION_SETTINGS;

/** Ticket categories whose cause is their category. */
export const CATEGORY_CAUSES = {
	access: 'access_provisioning',
	interface: 'technical',
	hardware: 'technical',
	data_conversion: 'data_conversion'
} as const;

/** Categories of tickets about how the work is done in the system: where training, variance and defects show. */
export const WORKFLOW_KINDS = ['how_to', 'break_fix', 'build_request'] as const;
