/** Where the scorecard's top-cause column stands: the attribution still running, done, or failed. */
export type CausesState = 'measuring' | 'measured' | 'failed';

export const causesState = (causesKnown: boolean, failed: boolean): CausesState => (failed ? 'failed' : causesKnown ? 'measured' : 'measuring');

/**
 * What a clinic's top-cause cell says when it names no cause: "measuring…" only while the
 * attribution runs (a failed one would otherwise leave it promising a figure forever).
 */
export function topCauseNote(state: CausesState): string {
	if (state === 'measuring') return 'measuring…';
	if (state === 'failed') return 'not assessed (the attribution failed)';
	return 'none measured';
}
