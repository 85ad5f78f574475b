/** The scorecard's top-cause cell never promises a figure that will not come. */
import { describe, expect, it } from 'vitest';
import { causesState, topCauseNote } from '$lib/recovery/top-cause-note';

describe('the top-cause cell without a cause', () => {
	it('says measuring only while the attribution runs, and not assessed once it failed', () => {
		expect(topCauseNote(causesState(false, false))).toBe('measuring…');
		expect(topCauseNote(causesState(true, false))).toBe('none measured');
		expect(topCauseNote(causesState(false, true))).toBe('not assessed (the attribution failed)');
		// A failure after a first attribution (a rule change) is a failure too, not the old causes' "none".
		expect(causesState(true, true)).toBe('failed');
	});
});
