/**
 * The Actions page never reads "nothing to do" where it measured nothing: with only tickets loaded
 * (the ServiceNow log: no clinic list, roster or register) it says no action can be ranked and why;
 * with some causes unmeasured it names them beside "none explains excess tickets".
 */
import { describe, expect, it } from 'vitest';
import { actionLimits, noActionText } from '../../../src/routes/actions/action-limits';

/** actionContext's counts for a tickets-only import: no go-live date, roster, register or workflow area. */
const TICKETS_ONLY = { clinics_dated: 0, roster_rows: 0, variance_rows: 0, workflow_tickets: 0, incidents: 0, conversion_tickets: 0 };
/** Everything loaded and measured; nothing significant. */
const MEASURED = {
	clinics_dated: 49,
	roster_rows: 4000,
	variance_rows: 100,
	workflow_tickets: 9000,
	variances_active: 12,
	variances_significant: 0,
	training_significant: false,
	training_rr: 1.04,
	incidents: 0,
	conversion_tickets: 30
};

describe('what the Actions page says when it lists no action', () => {
	it('with only tickets loaded: no action can be ranked, and that is no finding that nothing needs doing', () => {
		const limits = actionLimits(TICKETS_ONLY);
		expect(limits.map((l) => [l.kind, l.assessed])).toEqual([
			['Every action', false],
			['Reconcile a workflow variance', false],
			['Train untrained users', false],
			['Fix a build defect', false],
			['Clean up converted data', false]
		]);
		const text = noActionText(limits);
		expect(text).toMatch(/^No action can be ranked/);
		expect(text).toContain('not a finding that nothing needs doing');
		expect(text).not.toContain('no measured cause explains');
	});

	it('with go-live dates but no roster or register: names the causes it could not measure', () => {
		const text = noActionText(actionLimits({ ...TICKETS_ONLY, clinics_dated: 12, conversion_tickets: 4 }));
		expect(text).toBe(
			'No action in scope among the causes the data can measure: none explains excess tickets in the last two complete weeks. Not assessed: reconcile a workflow variance, train untrained users, fix a build defect (see below).'
		);
	});

	it('with every cause measured and none significant: the finding stands as such', () => {
		const limits = actionLimits(MEASURED);
		expect(limits.every((l) => l.assessed)).toBe(true);
		expect(limits.map((l) => l.kind)).toEqual(['Reconcile a workflow variance', 'Train untrained users', 'Fix a build defect']);
		expect(noActionText(limits)).toBe('No action in scope: no measured cause explains excess tickets in the last two complete weeks.');
	});
});
