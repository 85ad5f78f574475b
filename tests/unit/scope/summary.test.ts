import { describe, expect, it } from 'vitest';
import type { ClinicChoice } from '$lib/scope/choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { scopeSummary } from '$lib/scope/summary';

const CHOICES: ClinicChoice[] = [
	{ id: 'A', name: 'A', site: 'S1', goLive: '2026-03-02' },
	{ id: 'B', name: 'B', site: 'S1', goLive: '2026-03-02' },
	{ id: 'C', name: 'C', site: 'S2', goLive: '2026-03-16' },
	{ id: 'D', name: 'D', site: 'S3', goLive: '2026-03-16' }
];

describe('the scope chip in words', () => {
	it('says nothing for the default scope', () => {
		expect(scopeSummary(DEFAULT_FILTERS, CHOICES)).toBe('');
	});

	it('counts sites and the clinics they hold, and names the dates and axis', () => {
		expect(scopeSummary({ ...DEFAULT_FILTERS, sites: ['S1', 'S2'], from: '2026-03-02', to: '2026-06-28' }, CHOICES)).toBe('2 sites · 3 clinics · 2 Mar–28 Jun 2026');
		expect(scopeSummary({ ...DEFAULT_FILTERS, clinics: ['C'], axis: 'go_live' }, CHOICES)).toBe('1 clinic · weeks since go-live');
		expect(scopeSummary({ ...DEFAULT_FILTERS, from: '2025-12-29', to: '2026-01-04' }, CHOICES)).toBe('29 Dec 2025–4 Jan 2026');
		expect(scopeSummary({ ...DEFAULT_FILTERS, to: '2026-04-30' }, [])).toBe('to 30 Apr 2026');
	});

	it('counts the clinics chosen when the clinic list is not known yet', () => {
		expect(scopeSummary({ ...DEFAULT_FILTERS, clinics: ['A', 'C'] }, [])).toBe('2 clinics');
		expect(scopeSummary({ ...DEFAULT_FILTERS, sites: ['S1'] }, [])).toBe('1 site');
	});
});
