/**
 * The note under the totals says how many tickets name no clinic in a sentence that reads right
 * for one ticket too (a Jira export with one issue without a clinic: "1 ticket names no clinic").
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import UnassignedNote from '$lib/components/UnassignedNote.svelte';

const text = (count: number) =>
	render(UnassignedNote, { props: { count, leftOut: 'the clinic count' } })
		.body.replace(/<[^>]*>/g, '')
		.replace(/\s+/g, ' ')
		.trim();

describe('the unassigned-tickets note', () => {
	it('agrees with one ticket and with many', () => {
		expect(text(1)).toBe('1 ticket names no clinic (“unassigned”): counted in totals and trends, left out of per-clinic measures (the clinic count).');
		expect(text(1_234)).toBe('1,234 tickets name no clinic (“unassigned”): counted in totals and trends, left out of per-clinic measures (the clinic count).');
	});

	it('is not shown when every ticket names a clinic', () => {
		expect(text(0)).toBe('');
	});
});
